#pragma once
// The few pieces of the protobuf wire format (protobuf.dev/programming-guides/encoding) that
// dag-pb and UnixFS need: varint and length-delimited fields. The reader is strict: it rejects
// truncation, overlong varints, wire types other than 0 and 2, and field number 0.

#include <cstdint>

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas::pb {

enum class WireType : std::uint8_t { kVarint = 0, kLengthDelimited = 2 };

/// Appends a field key.
void append_key(Bytes& out, std::uint32_t field, WireType type);
/// Appends a varint field.
void append_uint(Bytes& out, std::uint32_t field, std::uint64_t value);
/// Appends a length-delimited field.
void append_bytes(Bytes& out, std::uint32_t field, BytesView value);

/// The encoded size of a length-delimited field whose payload is `length` bytes.
[[nodiscard]] std::size_t bytes_field_size(std::size_t length) noexcept;

/// One field read from a message.
struct Field {
    std::uint32_t number = 0;
    WireType type = WireType::kVarint;
    std::uint64_t value = 0;  ///< the value of a varint field
    BytesView bytes;          ///< the payload of a length-delimited field
};

/// Reads the fields of one message in order.
class Reader {
  public:
    explicit Reader(BytesView message) noexcept : m_rest(message) {}

    [[nodiscard]] bool done() const noexcept { return m_rest.empty(); }
    /// Reads the next field; the caller checks done() first.
    [[nodiscard]] Result<Field, CasError> next() noexcept;

  private:
    BytesView m_rest;
};

/// Decodes a protobuf varint (up to 10 bytes, 64 bits) from the start of `in`.
[[nodiscard]] Result<std::uint64_t, CasError> read_varint(BytesView in,
                                                          std::size_t& length) noexcept;

}  // namespace yunlian::cas::pb
