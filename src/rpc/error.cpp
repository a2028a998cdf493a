#include "rpc/error.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include <fmt/core.h>

#include "common/hex.hpp"

namespace yunlian::rpc {

namespace {

constexpr std::size_t kWord = 32;
constexpr std::array<std::uint8_t, 4> kErrorSelector{0x08, 0xc3, 0x79, 0xa0};  // Error(string)
constexpr std::array<std::uint8_t, 4> kPanicSelector{0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)

/// Reads an ABI word as a size, or nullopt when it does not fit in 64 bits.
std::optional<std::uint64_t> word_as_u64(BytesView word) {
    for (std::size_t i = 0; i < kWord - 8; ++i) {
        if (word[i] != 0) return std::nullopt;
    }
    std::uint64_t value = 0;
    for (std::size_t i = kWord - 8; i < kWord; ++i) value = (value << 8) | word[i];
    return value;
}

bool has_selector(BytesView data, const std::array<std::uint8_t, 4>& selector) {
    return data.size() >= 4 && std::equal(selector.begin(), selector.end(), data.begin());
}

/// Solidity's panic codes (docs: "Panic via assert and Error via require"), worded as geth does.
std::string panic_reason(BytesView word) {
    const auto code = word_as_u64(word);
    struct Known {
        std::uint64_t code;
        const char* text;
    };
    static constexpr std::array<Known, 10> kKnown{{
        {0x00, "generic panic"},
        {0x01, "assert(false)"},
        {0x11, "arithmetic underflow or overflow"},
        {0x12, "division or modulo by zero"},
        {0x21, "enum overflow"},
        {0x22, "invalid encoded storage byte array accessed"},
        {0x31, "out-of-bounds array access; popping on an empty array"},
        {0x32, "out-of-bounds access of an array or bytesN"},
        {0x41, "out of memory"},
        {0x51, "uninitialized function"},
    }};
    if (code) {
        for (const auto& known : kKnown) {
            if (known.code == *code) return known.text;
        }
        return fmt::format("unknown panic code: {:#x}", *code);
    }
    return "unknown panic code: " + to_hex(word);
}

/// Replaces bytes that are not well-formed UTF-8 (RFC 3629 section 4) with U+FFFD, as Go's JSON
/// encoder does, so a contract's revert string can never make the response invalid JSON.
std::string sanitize_utf8(BytesView text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::uint8_t lead = text[i];
        std::size_t length = 0;
        std::uint32_t min = 0;
        if (lead < 0x80) {
            length = 1;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            min = 0x10000;
        }
        bool valid = length != 0 && i + length <= text.size();
        std::uint32_t code_point = length == 1 ? lead : (lead & (0x7Fu >> length));
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = (text[i + k] & 0xC0) == 0x80;
            code_point = (code_point << 6) | (text[i + k] & 0x3Fu);
        }
        valid = valid && code_point >= min && code_point <= 0x10FFFF &&
                (code_point < 0xD800 || code_point > 0xDFFF);
        if (valid) {
            out.append(reinterpret_cast<const char*>(text.data() + i), length);
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

}  // namespace

RpcError invalid_params(const std::string& message) { return {kInvalidParams, message}; }

RpcError method_not_found(std::string_view method) {
    return {kMethodNotFound, fmt::format("the method {} does not exist/is not available", method)};
}

RpcError server_error(const std::string& message) { return {kServerError, message}; }

RpcError notifications_unsupported() { return {kMethodNotFound, "notifications not supported"}; }

std::optional<std::string> decode_revert_reason(BytesView data) {
    if (has_selector(data, kPanicSelector) && data.size() == 4 + kWord) {
        return panic_reason(data.subspan(4, kWord));
    }
    if (!has_selector(data, kErrorSelector)) return std::nullopt;
    const BytesView body = data.subspan(4);
    if (body.size() < kWord) return std::nullopt;
    const auto offset = word_as_u64(body.first(kWord));
    if (!offset || *offset > body.size() || body.size() - *offset < kWord) return std::nullopt;
    const auto length = word_as_u64(body.subspan(*offset, kWord));
    const std::size_t start = *offset + kWord;
    if (!length || *length > body.size() - start) return std::nullopt;
    return sanitize_utf8(body.subspan(start, *length));
}

RpcError execution_reverted(BytesView revert_data) {
    std::string message = "execution reverted";
    if (auto reason = decode_revert_reason(revert_data)) message += ": " + *reason;
    return {kExecutionReverted, message, boost::json::value(to_hex(revert_data))};
}

}  // namespace yunlian::rpc
