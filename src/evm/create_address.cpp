// Contract address derivation. The RLP of [sender, nonce] is small and fixed in shape, so it is
// written by hand into a stack buffer: a list header, the 20-byte string, the nonce as an RLP
// integer (0 is the empty string 0x80; 1..127 are themselves; larger values a length-prefixed
// big-endian string).

#include "evm/create_address.hpp"

#include <array>
#include <cstring>

#include "crypto/keccak.hpp"

namespace yunlian::evm {

namespace {
Address last20(const Hash& hash) noexcept {
    Address out;
    std::memcpy(out.data(), hash.data() + 12, 20);
    return out;
}
}  // namespace

Address create_address(const Address& sender, std::uint64_t nonce) noexcept {
    std::array<std::uint8_t, 1 + 21 + 9> buf{};
    std::size_t pos = 1;
    buf[pos++] = 0x80 + 20;
    std::memcpy(&buf[pos], sender.data(), 20);
    pos += 20;
    if (nonce == 0) {
        buf[pos++] = 0x80;
    } else if (nonce < 0x80) {
        buf[pos++] = static_cast<std::uint8_t>(nonce);
    } else {
        int len = 0;
        for (auto v = nonce; v != 0; v >>= 8) ++len;
        buf[pos++] = static_cast<std::uint8_t>(0x80 + len);
        for (int i = len - 1; i >= 0; --i) {
            buf[pos++] = static_cast<std::uint8_t>(nonce >> (8 * i));
        }
    }
    // The payload is at most 30 bytes, so the list header is the short form.
    buf[0] = static_cast<std::uint8_t>(0xc0 + (pos - 1));
    return last20(crypto::keccak256(BytesView{buf.data(), pos}));
}

Address create2_address(const Address& sender, const Hash& salt, BytesView init_code) noexcept {
    std::array<std::uint8_t, 1 + 20 + 32 + 32> buf{};
    buf[0] = 0xff;
    std::memcpy(&buf[1], sender.data(), 20);
    std::memcpy(&buf[21], salt.data(), 32);
    const auto code_hash = crypto::keccak256(init_code);
    std::memcpy(&buf[53], code_hash.data(), 32);
    return last20(crypto::keccak256(buf));
}

}  // namespace yunlian::evm
