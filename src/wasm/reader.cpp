#include "wasm/reader.hpp"

namespace yunlian::wasm {

bool is_valid_utf8(BytesView bytes) noexcept {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::uint8_t b = bytes[i];
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        }
        if ((b & 0xe0) == 0xc0) {
            len = 2;
            cp = b & 0x1fU;
        } else if ((b & 0xf0) == 0xe0) {
            len = 3;
            cp = b & 0x0fU;
        } else if ((b & 0xf8) == 0xf0) {
            len = 4;
            cp = b & 0x07U;
        } else {
            return false;
        }
        if (i + len > bytes.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const std::uint8_t c = bytes[i + k];
            if ((c & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3fU);
        }
        // Reject overlong forms, UTF-16 surrogates and code points beyond Unicode.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
            return false;
        if (cp >= 0xd800 && cp <= 0xdfff) return false;
        if (cp > 0x10ffff) return false;
        i += len;
    }
    return true;
}

Result<std::string, Error> Reader::name() noexcept {
    auto len = u32();
    if (!len) return Unexpected(len.error());
    auto raw = take(*len);
    if (!raw) return Unexpected(raw.error());
    if (!is_valid_utf8(*raw)) return Unexpected(Error::kMalformedUtf8);
    return std::string(reinterpret_cast<const char*>(raw->data()), raw->size());
}

}  // namespace yunlian::wasm
