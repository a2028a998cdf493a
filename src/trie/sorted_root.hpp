#pragma once
// The root of a whole trie built at once, bottom-up, from pairs sorted by key: no node store and
// no intermediate nodes kept. This is the common case (transactions, receipts, a genesis state).

#include <span>
#include <utility>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "trie/error.hpp"

namespace yunlian::trie {

/// One input pair; both views must outlive the call.
struct KeyValue {
    BytesView key;
    BytesView value;
};

/// The root of the trie holding exactly `pairs`, which must be strictly increasing by key
/// (kUnsortedKeys) with non-empty values (kEmptyValue). Keys may have any length.
[[nodiscard]] Result<Hash, TrieError> sorted_root(std::span<const KeyValue> pairs);

/// Convenience: sorts a copy of `pairs` first. Duplicate keys are an error.
[[nodiscard]] Result<Hash, TrieError> unsorted_root(std::vector<std::pair<Bytes, Bytes>> pairs);

}  // namespace yunlian::trie
