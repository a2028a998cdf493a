#pragma once
// Helpers shared by the trie tests.

#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/hex.hpp"

namespace yunlian::trie::test {

inline Bytes str(std::string_view s) { return to_bytes(as_bytes(s)); }

/// `prefix` followed by the decimal digits of `n`, as bytes.
inline Bytes numbered(std::string_view prefix, int n) {
    Bytes out = str(prefix);
    const std::string digits = std::to_string(n);
    out.insert(out.end(), digits.begin(), digits.end());
    return out;
}

inline Hash hash_hex(std::string_view hex) { return fixed_from_hex<32>(hex).value(); }

inline Bytes hex(std::string_view text) { return from_hex(text).value(); }

}  // namespace yunlian::trie::test
