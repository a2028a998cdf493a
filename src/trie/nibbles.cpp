#include "trie/nibbles.hpp"

namespace yunlian::trie {

Bytes to_nibbles(BytesView key) {
    Bytes out(key.size() * 2);
    for (std::size_t i = 0; i < key.size(); ++i) {
        out[2 * i] = static_cast<std::uint8_t>(key[i] >> 4);
        out[2 * i + 1] = static_cast<std::uint8_t>(key[i] & 0x0f);
    }
    return out;
}

std::size_t common_prefix(BytesView a, BytesView b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

Bytes hex_prefix_encode(BytesView nibbles, bool leaf) {
    const bool odd = nibbles.size() % 2 == 1;
    const auto flag = static_cast<std::uint8_t>((leaf ? 2 : 0) + (odd ? 1 : 0));
    Bytes out;
    out.reserve(nibbles.size() / 2 + 1);
    std::size_t i = 0;
    if (odd) {
        out.push_back(static_cast<std::uint8_t>((flag << 4) | nibbles[0]));
        i = 1;
    } else {
        out.push_back(static_cast<std::uint8_t>(flag << 4));
    }
    for (; i < nibbles.size(); i += 2) {
        out.push_back(static_cast<std::uint8_t>((nibbles[i] << 4) | nibbles[i + 1]));
    }
    return out;
}

Result<HexPrefixPath, TrieError> hex_prefix_decode(BytesView encoded) {
    if (encoded.empty()) return Unexpected(TrieError::kBadHexPrefix);
    const std::uint8_t flag = encoded[0] >> 4;
    if (flag > 3) return Unexpected(TrieError::kBadHexPrefix);
    const bool odd = (flag & 1) != 0;
    if (!odd && (encoded[0] & 0x0f) != 0) return Unexpected(TrieError::kBadHexPrefix);
    HexPrefixPath out;
    out.leaf = (flag & 2) != 0;
    out.nibbles.reserve(encoded.size() * 2);
    if (odd) out.nibbles.push_back(static_cast<std::uint8_t>(encoded[0] & 0x0f));
    for (std::size_t i = 1; i < encoded.size(); ++i) {
        out.nibbles.push_back(static_cast<std::uint8_t>(encoded[i] >> 4));
        out.nibbles.push_back(static_cast<std::uint8_t>(encoded[i] & 0x0f));
    }
    return out;
}

}  // namespace yunlian::trie
