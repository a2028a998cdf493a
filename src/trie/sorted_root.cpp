#include "trie/sorted_root.hpp"

#include <algorithm>
#include <array>

#include "crypto/keccak.hpp"
#include "trie/nibbles.hpp"
#include "trie/node_codec.hpp"

namespace yunlian::trie {

namespace {

using Range = std::span<const KeyValue>;

std::size_t nibble_count(const KeyValue& kv) noexcept { return kv.key.size() * 2; }

/// Common nibble prefix of two keys, from `depth`.
std::size_t common_nibbles(BytesView a, BytesView b, std::size_t depth) noexcept {
    const std::size_t n = std::min(a.size(), b.size()) * 2;
    std::size_t i = depth;
    while (i < n && nibble_at(a, i) == nibble_at(b, i)) ++i;
    return i;
}

Bytes build_node(Range range, std::size_t depth);

NodeRef build_ref(Range range, std::size_t depth) {
    NodeRef ref;
    ref.assign_node(build_node(range, depth));
    return ref;
}

/// A branch at `depth`: a key ending exactly here is the branch's value (it sorts first), the
/// others are grouped by their nibble at `depth`.
Bytes build_branch(Range range, std::size_t depth) {
    BytesView value;
    if (nibble_count(range.front()) == depth) {
        value = range.front().value;
        range = range.subspan(1);
    }
    std::array<NodeRef, 16> refs;
    std::size_t begin = 0;
    while (begin < range.size()) {
        const std::uint8_t nib = nibble_at(range[begin].key, depth);
        std::size_t end = begin + 1;
        while (end < range.size() && nibble_at(range[end].key, depth) == nib) ++end;
        refs[nib] = build_ref(range.subspan(begin, end - begin), depth + 1);
        begin = end;
    }
    std::array<BytesView, 16> views;
    for (std::size_t i = 0; i < 16; ++i) views[i] = refs[i].view();
    return encode_branch(views, value);
}

Bytes build_node(Range range, std::size_t depth) {
    if (range.size() == 1) {
        const auto& kv = range.front();
        return encode_leaf_from_key(kv.key, depth, nibble_count(kv), kv.value);
    }
    // Sorted input: the prefix shared by the first and last keys is shared by all.
    const std::size_t shared = common_nibbles(range.front().key, range.back().key, depth);
    if (shared > depth) {
        const NodeRef child = build_ref(range, shared);
        return encode_extension_from_key(range.front().key, depth, shared, child.view());
    }
    return build_branch(range, depth);
}

}  // namespace

Result<Hash, TrieError> sorted_root(std::span<const KeyValue> pairs) {
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].value.empty()) return Unexpected(TrieError::kEmptyValue);
        if (i > 0 && !std::ranges::lexicographical_compare(pairs[i - 1].key, pairs[i].key)) {
            return Unexpected(TrieError::kUnsortedKeys);
        }
    }
    if (pairs.empty()) return kEmptyRoot;
    return crypto::keccak256(build_node(pairs, 0));
}

Result<Hash, TrieError> unsorted_root(std::vector<std::pair<Bytes, Bytes>> pairs) {
    std::ranges::sort(pairs, {}, [](const auto& p) -> const Bytes& { return p.first; });
    std::vector<KeyValue> views;
    views.reserve(pairs.size());
    for (const auto& [key, value] : pairs) views.push_back({key, value});
    return sorted_root(views);
}

}  // namespace yunlian::trie
