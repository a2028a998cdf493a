#pragma once
// Unsigned varints as multiformats defines them (github.com/multiformats/unsigned-varint): LEB128,
// at most 9 bytes (63 bits), minimally encoded. Protobuf varints (up to 10 bytes, 64 bits) are in
// protobuf.hpp; they share the encoder.

#include <cstdint>

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// The most bytes a multiformats varint may take (the spec caps values at 2^63 - 1).
inline constexpr std::size_t kMaxVarintBytes = 9;

/// Appends the LEB128 encoding of `value` to `out`.
void append_varint(Bytes& out, std::uint64_t value);

/// The number of bytes append_varint writes for `value`.
[[nodiscard]] std::size_t varint_size(std::uint64_t value) noexcept;

/// A decoded varint and the bytes it took.
struct Varint {
    std::uint64_t value = 0;
    std::size_t length = 0;
};

/// Decodes a strict multiformats varint from the start of `in`.
[[nodiscard]] Result<Varint, CasError> decode_varint(BytesView in) noexcept;

}  // namespace yunlian::cas
