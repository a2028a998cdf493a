#include "types/log.hpp"

#include "crypto/keccak.hpp"

namespace yunlian::types {

namespace {

// The three bit positions: the low 11 bits of the first three byte pairs of keccak(entry).
template <typename Fn>
void for_each_bloom_bit(BytesView entry, Fn&& fn) noexcept {
    const Hash h = crypto::keccak256(entry);
    for (std::size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047U;
        fn(255 - bit / 8, static_cast<std::uint8_t>(1U << (bit % 8)));
    }
}

}  // namespace

void bloom_add(Bloom& bloom, BytesView entry) noexcept {
    for_each_bloom_bit(entry, [&](std::size_t byte, std::uint8_t mask) { bloom[byte] |= mask; });
}

void bloom_add(Bloom& bloom, const Log& log) noexcept {
    bloom_add(bloom, log.address.view());
    for (const auto& topic : log.topics) bloom_add(bloom, topic.view());
}

Bloom logs_bloom(const std::vector<Log>& logs) noexcept {
    Bloom bloom;
    for (const auto& log : logs) bloom_add(bloom, log);
    return bloom;
}

bool bloom_may_contain(const Bloom& bloom, BytesView entry) noexcept {
    bool all = true;
    for_each_bloom_bit(entry, [&](std::size_t byte, std::uint8_t mask) {
        all = all && (bloom[byte] & mask) != 0;
    });
    return all;
}

void encode_log(Bytes& out, const Log& log) {
    Bytes topics;
    topics.reserve(log.topics.size() * 33);
    for (const auto& t : log.topics) rlp::encode_string(topics, t.view());
    Bytes payload;
    rlp::encode_string(payload, log.address.view());
    rlp::encode_list_header(payload, topics.size());
    append(payload, topics);
    rlp::encode_string(payload, log.data);
    rlp::encode_list_header(out, payload.size());
    append(out, payload);
}

Bytes encode_logs(const std::vector<Log>& logs) {
    Bytes payload;
    for (const auto& log : logs) encode_log(payload, log);
    return rlp::wrap_list(payload);
}

Result<Log, rlp::RlpError> decode_log(rlp::ListReader list) {
    Log log;
    auto address = list.fixed<20>();
    if (!address) return Unexpected(address.error());
    log.address = *address;
    auto topics = list.list();
    if (!topics) return Unexpected(topics.error());
    while (!topics->empty()) {
        auto topic = topics->fixed<32>();
        if (!topic) return Unexpected(topic.error());
        log.topics.push_back(*topic);
    }
    auto data = list.bytes();
    if (!data) return Unexpected(data.error());
    log.data = to_bytes(*data);
    if (auto done = list.finish(); !done) return Unexpected(done.error());
    return log;
}

}  // namespace yunlian::types
