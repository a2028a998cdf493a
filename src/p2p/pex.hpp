#pragma once
// Peer exchange: a list of known peers' ids and dialable addresses, sent on request.
// Layout: count u16 BE, then per entry: node key 64 | host length u8 | host (ASCII) | port u16 BE.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::p2p {

/// Most entries one kPex message may carry.
inline constexpr std::size_t kMaxPexEntries = 64;
/// Longest host in an entry (a DNS name's limit).
inline constexpr std::size_t kMaxPexHost = 253;
/// Largest kPex payload.
inline constexpr std::size_t kMaxPexPayload = 2 + kMaxPexEntries * (64 + 1 + kMaxPexHost + 2);

struct PexEntry {
    crypto::PublicKey id;
    std::string host;
    std::uint16_t port = 0;

    friend bool operator==(const PexEntry&, const PexEntry&) = default;
};

enum class PexError {
    kTruncated,      ///< the payload ends inside the count or an entry
    kTooMany,        ///< more than kMaxPexEntries entries
    kBadHost,        ///< an empty host, or a byte outside printable ASCII
    kZeroPort,       ///< port 0 cannot be dialled
    kTrailingBytes,  ///< bytes after the last entry
};

[[nodiscard]] std::string_view to_string(PexError error) noexcept;

/// Encodes at most kMaxPexEntries entries (extra ones are left out; hosts over kMaxPexHost too).
[[nodiscard]] Bytes encode_pex(std::span<const PexEntry> entries);
[[nodiscard]] Result<std::vector<PexEntry>, PexError> decode_pex(BytesView payload);

}  // namespace yunlian::p2p
