#include "cas/protobuf.hpp"

#include "cas/varint.hpp"

namespace yunlian::cas::pb {

void append_key(Bytes& out, std::uint32_t field, WireType type) {
    append_varint(out, (static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint64_t>(type));
}

void append_uint(Bytes& out, std::uint32_t field, std::uint64_t value) {
    append_key(out, field, WireType::kVarint);
    append_varint(out, value);
}

void append_bytes(Bytes& out, std::uint32_t field, BytesView value) {
    append_key(out, field, WireType::kLengthDelimited);
    append_varint(out, value.size());
    append(out, value);
}

std::size_t bytes_field_size(std::size_t length) noexcept {
    return 1 + varint_size(length) + length;
}

Result<std::uint64_t, CasError> read_varint(BytesView in, std::size_t& length) noexcept {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < in.size() && i < 10; ++i) {
        const std::uint8_t byte = in[i];
        // The tenth byte holds only bit 63: anything above it overflows 64 bits.
        if (i == 9 && byte > 1) return Unexpected(CasError::kVarintOverflow);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
        if ((byte & 0x80) == 0) {
            length = i + 1;
            return value;
        }
    }
    if (in.size() >= 10) return Unexpected(CasError::kVarintOverflow);
    return Unexpected(CasError::kTruncated);
}

Result<Field, CasError> Reader::next() noexcept {
    std::size_t length = 0;
    const auto key = read_varint(m_rest, length);
    if (!key) return Unexpected(key.error());
    m_rest = m_rest.subspan(length);
    Field field;
    const std::uint64_t number = *key >> 3;
    if (number == 0 || number > 0x1fffffff) return Unexpected(CasError::kUnknownField);
    field.number = static_cast<std::uint32_t>(number);
    const auto wire = *key & 7;
    if (wire == static_cast<std::uint64_t>(WireType::kVarint)) {
        field.type = WireType::kVarint;
        const auto value = read_varint(m_rest, length);
        if (!value) return Unexpected(value.error());
        field.value = *value;
        m_rest = m_rest.subspan(length);
        return field;
    }
    if (wire != static_cast<std::uint64_t>(WireType::kLengthDelimited)) {
        return Unexpected(CasError::kBadWireType);
    }
    field.type = WireType::kLengthDelimited;
    const auto size = read_varint(m_rest, length);
    if (!size) return Unexpected(size.error());
    m_rest = m_rest.subspan(length);
    if (*size > m_rest.size()) return Unexpected(CasError::kTruncated);
    field.bytes = m_rest.subspan(0, static_cast<std::size_t>(*size));
    m_rest = m_rest.subspan(static_cast<std::size_t>(*size));
    return field;
}

}  // namespace yunlian::cas::pb
