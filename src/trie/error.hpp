#pragma once
// The ways a trie operation or a proof can fail. Each names the broken rule.

#include <string_view>

namespace yunlian::trie {

enum class TrieError {
    kMissingNode,      ///< a node referenced by hash is not in the store (or the proof)
    kMalformedNode,    ///< a node is not valid RLP of a leaf, extension or branch
    kBadHexPrefix,     ///< a path is not hex-prefix encoded (Yellow Paper appendix C)
    kEmptyExtension,   ///< an extension with an empty path, which could loop forever
    kOversizedInline,  ///< an embedded node of 32 bytes or more (appendix D: only < 32 inline)
    kEmptyValue,       ///< a leaf or an input pair with an empty value (empty means absent)
    kUnsortedKeys,     ///< sorted-build input that is not strictly increasing
    kProofTooDeep,     ///< a proof walk that does not end within the key's length
};

/// A short message for logs and errors at the edges.
[[nodiscard]] std::string_view to_string(TrieError error) noexcept;

}  // namespace yunlian::trie
