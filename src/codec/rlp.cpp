#include "codec/rlp.hpp"

#include <bit>

namespace yunlian::rlp {

namespace {

constexpr std::uint8_t kStringShort = 0x80;
constexpr std::uint8_t kStringLong = 0xb7;
constexpr std::uint8_t kListShort = 0xc0;
constexpr std::uint8_t kListLong = 0xf7;
constexpr std::size_t kShortLimit = 56;

std::size_t be_length(std::uint64_t v) noexcept {
    return v == 0 ? 0 : static_cast<std::size_t>((64 - std::countl_zero(v) + 7) / 8);
}

void append_be(Bytes& out, std::uint64_t v, std::size_t len) {
    for (std::size_t i = len; i > 0; --i) {
        out.push_back(static_cast<std::uint8_t>(v >> (8 * (i - 1))));
    }
}

void encode_header(Bytes& out, std::size_t payload_size, std::uint8_t short_base,
                   std::uint8_t long_base) {
    if (payload_size < kShortLimit) {
        out.push_back(static_cast<std::uint8_t>(short_base + payload_size));
    } else {
        const std::size_t len = be_length(payload_size);
        out.push_back(static_cast<std::uint8_t>(long_base + len));
        append_be(out, payload_size, len);
    }
}

}  // namespace

std::string_view to_string(RlpError error) noexcept {
    switch (error) {
        case RlpError::kInputTooShort:
            return "rlp: input too short";
        case RlpError::kNonCanonicalSize:
            return "rlp: non-canonical size information";
        case RlpError::kLeadingZeros:
            return "rlp: leading zero bytes";
        case RlpError::kOverflow:
            return "rlp: value overflows its type";
        case RlpError::kUnexpectedList:
            return "rlp: expected string, got list";
        case RlpError::kUnexpectedString:
            return "rlp: expected list, got string";
        case RlpError::kTrailingBytes:
            return "rlp: trailing bytes after item";
        case RlpError::kUnexpectedLength:
            return "rlp: field has the wrong length";
    }
    return "rlp: unknown error";
}

std::size_t header_size(std::size_t payload_size) noexcept {
    return payload_size < kShortLimit ? 1 : 1 + be_length(payload_size);
}

std::size_t string_size(BytesView s) noexcept {
    if (s.size() == 1 && s[0] < kStringShort) return 1;
    return header_size(s.size()) + s.size();
}

void encode_string(Bytes& out, BytesView s) {
    if (s.size() == 1 && s[0] < kStringShort) {
        out.push_back(s[0]);
        return;
    }
    encode_header(out, s.size(), kStringShort, kStringLong);
    append(out, s);
}

Bytes encode_string(BytesView s) {
    Bytes out;
    out.reserve(string_size(s));
    encode_string(out, s);
    return out;
}

void encode_uint(Bytes& out, std::uint64_t value) {
    if (value == 0) {
        out.push_back(kStringShort);
    } else if (value < kStringShort) {
        out.push_back(static_cast<std::uint8_t>(value));
    } else {
        const std::size_t len = be_length(value);
        out.push_back(static_cast<std::uint8_t>(kStringShort + len));
        append_be(out, value, len);
    }
}

void encode_list_header(Bytes& out, std::size_t payload_size) {
    encode_header(out, payload_size, kListShort, kListLong);
}

Bytes wrap_list(BytesView payload) {
    Bytes out;
    out.reserve(header_size(payload.size()) + payload.size());
    encode_list_header(out, payload.size());
    append(out, payload);
    return out;
}

Result<Item, RlpError> decode_item(BytesView& in) noexcept {
    if (in.empty()) return Unexpected(RlpError::kInputTooShort);
    const std::uint8_t prefix = in[0];
    if (prefix < kStringShort) {
        Item item{false, in.first(1)};
        in = in.subspan(1);
        return item;
    }
    const bool is_list = prefix >= kListShort;
    const std::uint8_t short_base = is_list ? kListShort : kStringShort;
    const std::uint8_t long_base = is_list ? kListLong : kStringLong;
    std::size_t offset = 1;
    std::uint64_t length = 0;
    if (prefix <= long_base) {
        length = static_cast<std::uint64_t>(prefix - short_base);
    } else {
        const std::size_t len_of_len = static_cast<std::size_t>(prefix - long_base);
        if (in.size() < 1 + len_of_len) return Unexpected(RlpError::kInputTooShort);
        if (in[1] == 0) return Unexpected(RlpError::kLeadingZeros);
        if (len_of_len > 8) return Unexpected(RlpError::kOverflow);
        for (std::size_t i = 0; i < len_of_len; ++i) length = (length << 8) | in[1 + i];
        if (length < kShortLimit) return Unexpected(RlpError::kNonCanonicalSize);
        offset += len_of_len;
    }
    if (length > in.size() - offset) return Unexpected(RlpError::kInputTooShort);
    const auto payload = in.subspan(offset, static_cast<std::size_t>(length));
    // A single byte below 0x80 is its own encoding; wrapping it is non-canonical.
    if (!is_list && length == 1 && payload[0] < kStringShort) {
        return Unexpected(RlpError::kNonCanonicalSize);
    }
    in = in.subspan(offset + static_cast<std::size_t>(length));
    return Item{is_list, payload};
}

Result<Item, RlpError> decode_single(BytesView whole) noexcept {
    auto item = decode_item(whole);
    if (!item) return item;
    if (!whole.empty()) return Unexpected(RlpError::kTrailingBytes);
    return item;
}

Result<ListReader, RlpError> ListReader::open(BytesView whole) noexcept {
    auto item = decode_single(whole);
    if (!item) return Unexpected(item.error());
    if (!item->is_list) return Unexpected(RlpError::kUnexpectedString);
    return ListReader(item->payload);
}

Result<Item, RlpError> ListReader::item() noexcept { return decode_item(m_rest); }

Result<BytesView, RlpError> ListReader::raw_item() noexcept {
    const BytesView before = m_rest;
    auto item = decode_item(m_rest);
    if (!item) return Unexpected(item.error());
    return before.first(before.size() - m_rest.size());
}

Result<BytesView, RlpError> ListReader::bytes() noexcept {
    auto item = decode_item(m_rest);
    if (!item) return Unexpected(item.error());
    if (item->is_list) return Unexpected(RlpError::kUnexpectedList);
    return item->payload;
}

Result<ListReader, RlpError> ListReader::list() noexcept {
    auto item = decode_item(m_rest);
    if (!item) return Unexpected(item.error());
    if (!item->is_list) return Unexpected(RlpError::kUnexpectedString);
    return ListReader(item->payload);
}

Result<BytesView, RlpError> uint_payload(BytesView payload, std::size_t max_bytes) noexcept {
    if (!payload.empty() && payload[0] == 0) return Unexpected(RlpError::kLeadingZeros);
    if (payload.size() > max_bytes) return Unexpected(RlpError::kOverflow);
    return payload;
}

Result<std::uint64_t, RlpError> ListReader::uint64() noexcept {
    auto s = bytes();
    if (!s) return Unexpected(s.error());
    auto digits = uint_payload(*s, 8);
    if (!digits) return Unexpected(digits.error());
    std::uint64_t value = 0;
    for (std::uint8_t b : *digits) value = (value << 8) | b;
    return value;
}

Result<void, RlpError> ListReader::finish() const noexcept {
    if (!m_rest.empty()) return Unexpected(RlpError::kTrailingBytes);
    return {};
}

}  // namespace yunlian::rlp
