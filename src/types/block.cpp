#include "types/block.hpp"

namespace yunlian::types {

namespace {

Unexpected<BlockError> rlp_error(rlp::RlpError e) {
    return Unexpected(BlockError{BlockErrorCode::kRlp, e});
}

void encode_withdrawal(Bytes& out, const Withdrawal& w) {
    Bytes p;
    rlp::encode_uint(p, w.index);
    rlp::encode_uint(p, w.validator_index);
    rlp::encode_string(p, w.address.view());
    rlp::encode_uint(p, w.amount_gwei);
    rlp::encode_list_header(out, p.size());
    append(out, p);
}

Result<Withdrawal, rlp::RlpError> decode_withdrawal(rlp::ListReader list) {
    Withdrawal w;
    auto index = list.uint64();
    if (!index) return Unexpected(index.error());
    auto validator = list.uint64();
    if (!validator) return Unexpected(validator.error());
    auto address = list.fixed<20>();
    if (!address) return Unexpected(address.error());
    auto amount = list.uint64();
    if (!amount) return Unexpected(amount.error());
    if (auto done = list.finish(); !done) return Unexpected(done.error());
    w.index = *index;
    w.validator_index = *validator;
    w.address = *address;
    w.amount_gwei = *amount;
    return w;
}

Result<std::vector<BlockHeader>, BlockError> decode_ommers(rlp::ListReader list) {
    std::vector<BlockHeader> ommers;
    while (!list.empty()) {
        auto ommer_list = list.list();
        if (!ommer_list) return rlp_error(ommer_list.error());
        auto ommer = decode_header(*ommer_list);
        if (!ommer)
            return Unexpected(BlockError{BlockErrorCode::kHeader, {}, 0, {}, ommer.error()});
        ommers.push_back(std::move(*ommer));
    }
    return ommers;
}

}  // namespace

Bytes encode_block(const Block& block) {
    Bytes p;
    encode_header(p, block.header);
    Bytes txs;
    for (const auto& txn : block.transactions) encode_transaction_item(txs, txn);
    rlp::encode_list_header(p, txs.size());
    append(p, txs);
    Bytes ommers;
    for (const auto& ommer : block.ommers) encode_header(ommers, ommer);
    rlp::encode_list_header(p, ommers.size());
    append(p, ommers);
    if (block.withdrawals) {
        Bytes ws;
        for (const auto& w : *block.withdrawals) encode_withdrawal(ws, w);
        rlp::encode_list_header(p, ws.size());
        append(p, ws);
    }
    return rlp::wrap_list(p);
}

Result<Block, BlockError> decode_block(BytesView encoded) {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return rlp_error(list.error());
    Block block;
    auto header_list = list->list();
    if (!header_list) return rlp_error(header_list.error());
    auto header = decode_header(*header_list);
    if (!header) return Unexpected(BlockError{BlockErrorCode::kHeader, {}, 0, {}, header.error()});
    block.header = std::move(*header);
    auto txs = list->list();
    if (!txs) return rlp_error(txs.error());
    for (std::size_t i = 0; !txs->empty(); ++i) {
        auto item = txs->item();
        if (!item) return rlp_error(item.error());
        auto txn = decode_transaction_item(*item);
        if (!txn) return Unexpected(BlockError{BlockErrorCode::kTransaction, {}, i, txn.error()});
        block.transactions.push_back(std::move(*txn));
    }
    auto ommers_list = list->list();
    if (!ommers_list) return rlp_error(ommers_list.error());
    auto ommers = decode_ommers(*ommers_list);
    if (!ommers) return Unexpected(ommers.error());
    block.ommers = std::move(*ommers);
    if (!list->empty()) {
        auto ws = list->list();
        if (!ws) return rlp_error(ws.error());
        block.withdrawals.emplace();
        while (!ws->empty()) {
            auto w_list = ws->list();
            if (!w_list) return rlp_error(w_list.error());
            auto w = decode_withdrawal(*w_list);
            if (!w) return rlp_error(w.error());
            block.withdrawals->push_back(*w);
        }
    }
    if (auto done = list->finish(); !done) return rlp_error(done.error());
    return block;
}

}  // namespace yunlian::types
