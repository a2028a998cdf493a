#pragma once
// The ways computing a state root can fail: the committed tries are missing or corrupt.

#include <string_view>

namespace yunlian::state {

enum class StateError {
    kMissingTrieNode,  ///< a trie node the committed root refers to is not in the store
    kCorruptTrieNode,  ///< a stored trie node does not decode
};

[[nodiscard]] std::string_view to_string(StateError error) noexcept;

}  // namespace yunlian::state
