#include "state/error.hpp"

namespace yunlian::state {

std::string_view to_string(StateError error) noexcept {
    switch (error) {
        case StateError::kMissingTrieNode:
            return "state: missing trie node";
        case StateError::kCorruptTrieNode:
            return "state: corrupt trie node";
    }
    return "state: unknown error";
}

}  // namespace yunlian::state
