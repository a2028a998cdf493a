#pragma once
// Multihash (github.com/multiformats/multihash): <hash code varint><digest length varint><digest>.
// Only sha2-256 (code 0x12, 32 bytes) is accepted: it is what kubo and ipfs-unixfs-importer use by
// default, and a single hash keeps the store keyed by one fixed-size digest.

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// The multicodec code of sha2-256.
inline constexpr std::uint64_t kSha256Code = 0x12;
/// The length of a sha2-256 multihash: two one-byte varints and 32 bytes of digest.
inline constexpr std::size_t kMultihashSize = 34;

/// The sha2-256 multihash of a digest.
[[nodiscard]] FixedBytes<kMultihashSize> encode_multihash(const Hash& digest) noexcept;

/// A decoded multihash and the bytes it took.
struct DecodedMultihash {
    Hash digest;
    std::size_t length = 0;
};

/// Decodes a sha2-256 multihash from the start of `in`.
[[nodiscard]] Result<DecodedMultihash, CasError> decode_multihash(BytesView in) noexcept;

}  // namespace yunlian::cas
