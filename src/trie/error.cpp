#include "trie/error.hpp"

namespace yunlian::trie {

std::string_view to_string(TrieError error) noexcept {
    switch (error) {
        case TrieError::kMissingNode:
            return "trie: missing node";
        case TrieError::kMalformedNode:
            return "trie: malformed node";
        case TrieError::kBadHexPrefix:
            return "trie: bad hex-prefix path";
        case TrieError::kEmptyExtension:
            return "trie: extension with an empty path";
        case TrieError::kOversizedInline:
            return "trie: embedded node of 32 bytes or more";
        case TrieError::kEmptyValue:
            return "trie: empty value";
        case TrieError::kUnsortedKeys:
            return "trie: keys not strictly increasing";
        case TrieError::kProofTooDeep:
            return "trie: proof longer than its key";
    }
    return "trie: unknown error";
}

}  // namespace yunlian::trie
