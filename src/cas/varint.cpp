#include "cas/varint.hpp"

namespace yunlian::cas {

void append_varint(Bytes& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

std::size_t varint_size(std::uint64_t value) noexcept {
    std::size_t n = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++n;
    }
    return n;
}

Result<Varint, CasError> decode_varint(BytesView in) noexcept {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (i == kMaxVarintBytes) return Unexpected(CasError::kVarintOverflow);
        const std::uint8_t byte = in[i];
        value |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
        if ((byte & 0x80) == 0) {
            // A last byte of zero after other bytes is a redundant group: the spec forbids it so
            // that every number has one encoding (and so one CID).
            if (byte == 0 && i > 0) return Unexpected(CasError::kVarintNotMinimal);
            return Varint{value, i + 1};
        }
    }
    return Unexpected(CasError::kTruncated);
}

}  // namespace yunlian::cas
