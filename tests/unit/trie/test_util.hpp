#pragma once
// Helpers shared by the trie tests.

#include <string_view>

#include "common/bytes.hpp"
#include "common/hex.hpp"

namespace yunlian::trie::test {

inline Bytes str(std::string_view s) { return to_bytes(as_bytes(s)); }

inline Hash hash_hex(std::string_view hex) { return fixed_from_hex<32>(hex).value(); }

inline Bytes hex(std::string_view text) { return from_hex(text).value(); }

}  // namespace yunlian::trie::test
