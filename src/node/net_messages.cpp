#include "node/net_messages.hpp"

#include <string>

namespace yunlian::node {
namespace {

NetDecodeError rlp_error(rlp::RlpError e) noexcept { return {NetMessageError::kRlp, e}; }
NetDecodeError error(NetMessageError e) noexcept { return {e, rlp::RlpError::kInputTooShort}; }

/// The next field as a non-empty string.
Result<BytesView, NetDecodeError> non_empty(rlp::ListReader& list) noexcept {
    auto s = list.bytes();
    if (!s) return Unexpected(rlp_error(s.error()));
    if (s->empty()) return Unexpected(error(NetMessageError::kEmptyItem));
    return *s;
}

}  // namespace

std::string_view to_string(NetMessageError error) noexcept {
    switch (error) {
        case NetMessageError::kRlp:
            return "malformed rlp";
        case NetMessageError::kTooManyItems:
            return "too many items";
        case NetMessageError::kZeroCount:
            return "request for zero blocks";
        case NetMessageError::kRangeOverflow:
            return "range overflows";
        case NetMessageError::kEmptyItem:
            return "empty item";
    }
    return "unknown";
}

std::string NetDecodeError::describe(std::string_view message) const {
    std::string out = std::string(message) + ": " + std::string(to_string(code));
    if (code == NetMessageError::kRlp) out += " (" + std::string(rlp::to_string(rlp)) + ")";
    return out;
}

Bytes encode(const StatusMessage& m) {
    Bytes payload;
    rlp::encode_uint(payload, m.head_num);
    rlp::encode_string(payload, m.head_hash.view());
    rlp::encode_string(payload, m.genesis_hash.view());
    return rlp::wrap_list(payload);
}

Bytes encode(const TxnsMessage& m) {
    Bytes payload;
    for (const auto& t : m.txns) rlp::encode_string(payload, t);
    return rlp::wrap_list(payload);
}

Bytes encode(const SyncRequest& m) {
    Bytes payload;
    rlp::encode_uint(payload, m.from);
    rlp::encode_uint(payload, m.count);
    return rlp::wrap_list(payload);
}

Bytes encode(const SyncResponse& m) {
    Bytes blocks;
    for (const auto& b : m.blocks) {
        Bytes pair;
        rlp::encode_string(pair, b.block);
        rlp::encode_string(pair, b.qc);
        rlp::encode_list_header(blocks, pair.size());
        blocks.insert(blocks.end(), pair.begin(), pair.end());
    }
    Bytes payload;
    rlp::encode_uint(payload, m.from);
    rlp::encode_list_header(payload, blocks.size());
    payload.insert(payload.end(), blocks.begin(), blocks.end());
    return rlp::wrap_list(payload);
}

Result<StatusMessage, NetDecodeError> decode_status(BytesView payload) noexcept {
    auto list = rlp::ListReader::open(payload);
    if (!list) return Unexpected(rlp_error(list.error()));
    auto num = list->uint64();
    if (!num) return Unexpected(rlp_error(num.error()));
    auto head = list->fixed<32>();
    if (!head) return Unexpected(rlp_error(head.error()));
    auto genesis = list->fixed<32>();
    if (!genesis) return Unexpected(rlp_error(genesis.error()));
    if (auto done = list->finish(); !done) return Unexpected(rlp_error(done.error()));
    return StatusMessage{*num, *head, *genesis};
}

Result<TxnsMessage, NetDecodeError> decode_txns(BytesView payload) {
    auto list = rlp::ListReader::open(payload);
    if (!list) return Unexpected(rlp_error(list.error()));
    TxnsMessage m;
    while (!list->empty()) {
        if (m.txns.size() == kMaxTxnsPerMessage) {
            return Unexpected(error(NetMessageError::kTooManyItems));
        }
        auto t = non_empty(*list);
        if (!t) return Unexpected(t.error());
        m.txns.push_back(to_bytes(*t));
    }
    return m;
}

Result<SyncRequest, NetDecodeError> decode_sync_request(BytesView payload) noexcept {
    auto list = rlp::ListReader::open(payload);
    if (!list) return Unexpected(rlp_error(list.error()));
    auto from = list->uint64();
    if (!from) return Unexpected(rlp_error(from.error()));
    auto count = list->uint64();
    if (!count) return Unexpected(rlp_error(count.error()));
    if (auto done = list->finish(); !done) return Unexpected(rlp_error(done.error()));
    if (*count == 0) return Unexpected(error(NetMessageError::kZeroCount));
    if (*count > kMaxSyncBlocks) return Unexpected(error(NetMessageError::kTooManyItems));
    if (*from > UINT64_MAX - *count) return Unexpected(error(NetMessageError::kRangeOverflow));
    return SyncRequest{*from, *count};
}

Result<SyncResponse, NetDecodeError> decode_sync_response(BytesView payload) {
    auto list = rlp::ListReader::open(payload);
    if (!list) return Unexpected(rlp_error(list.error()));
    auto from = list->uint64();
    if (!from) return Unexpected(rlp_error(from.error()));
    auto blocks = list->list();
    if (!blocks) return Unexpected(rlp_error(blocks.error()));
    if (auto done = list->finish(); !done) return Unexpected(rlp_error(done.error()));
    SyncResponse m{*from, {}};
    while (!blocks->empty()) {
        if (m.blocks.size() == kMaxSyncBlocks) {
            return Unexpected(error(NetMessageError::kTooManyItems));
        }
        auto pair = blocks->list();
        if (!pair) return Unexpected(rlp_error(pair.error()));
        auto block = non_empty(*pair);
        if (!block) return Unexpected(block.error());
        auto qc = non_empty(*pair);
        if (!qc) return Unexpected(qc.error());
        if (auto done = pair->finish(); !done) return Unexpected(rlp_error(done.error()));
        m.blocks.push_back(SyncBlock{to_bytes(*block), to_bytes(*qc)});
    }
    if (!m.blocks.empty() && *from > UINT64_MAX - m.blocks.size()) {
        return Unexpected(error(NetMessageError::kRangeOverflow));
    }
    return m;
}

}  // namespace yunlian::node
