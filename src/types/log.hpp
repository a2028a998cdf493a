#pragma once
// Event logs and the 2048-bit logs bloom (Yellow Paper section 4.3.1).

#include <vector>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::types {

struct Log {
    Address address;
    std::vector<Hash> topics;
    Bytes data;
    friend bool operator==(const Log&, const Log&) = default;
};

using Bloom = FixedBytes<256>;

/// Sets the three bloom bits of `entry` (an address or a topic).
void bloom_add(Bloom& bloom, BytesView entry) noexcept;
/// Adds the log's address and topics.
void bloom_add(Bloom& bloom, const Log& log) noexcept;
/// The bloom of a list of logs.
[[nodiscard]] Bloom logs_bloom(const std::vector<Log>& logs) noexcept;
/// Whether every bit of `entry`'s bloom is set in `bloom` (a maybe, never a false no).
[[nodiscard]] bool bloom_may_contain(const Bloom& bloom, BytesView entry) noexcept;

void encode_log(Bytes& out, const Log& log);
/// RLP of the list of logs; its keccak is the state tests' "logs" hash.
[[nodiscard]] Bytes encode_logs(const std::vector<Log>& logs);
[[nodiscard]] Result<Log, rlp::RlpError> decode_log(rlp::ListReader list);

}  // namespace yunlian::types
