#include "trie/proof.hpp"

#include <algorithm>
#include <map>

#include "crypto/keccak.hpp"
#include "trie/nibbles.hpp"
#include "trie/node_codec.hpp"

namespace yunlian::trie {

namespace {

using Found = std::optional<Bytes>;

/// Where a walk step leads: to another node's RLP, or to a final answer.
struct Step {
    bool done = false;
    Found value;
    BytesView next;
};

Result<BytesView, TrieError> follow(const ChildRef& ref, const std::map<Hash, BytesView>& nodes) {
    if (ref.kind == ChildRef::Kind::kInline) return ref.data;
    const auto it = nodes.find(Hash::from_view(ref.data));
    if (it == nodes.end()) return Unexpected(TrieError::kMissingNode);
    return it->second;
}

Result<Step, TrieError> step(const DecodedNode& node, BytesView& rest,
                             const std::map<Hash, BytesView>& nodes) {
    const ChildRef* child = nullptr;
    switch (node.kind) {
        case NodeKind::kLeaf:
            if (std::ranges::equal(node.path, rest)) return Step{true, to_bytes(node.value), {}};
            return Step{true, std::nullopt, {}};
        case NodeKind::kExtension:
            if (rest.size() < node.path.size() ||
                !std::equal(node.path.begin(), node.path.end(), rest.begin())) {
                return Step{true, std::nullopt, {}};
            }
            rest = rest.subspan(node.path.size());
            child = &node.child;
            break;
        case NodeKind::kBranch:
            if (rest.empty()) {
                if (node.value.empty()) return Step{true, std::nullopt, {}};
                return Step{true, to_bytes(node.value), {}};
            }
            child = &node.children[rest[0]];
            rest = rest.subspan(1);
            if (child->kind == ChildRef::Kind::kNone) return Step{true, std::nullopt, {}};
            break;
    }
    auto next = follow(*child, nodes);
    if (!next) return Unexpected(next.error());
    return Step{false, std::nullopt, *next};
}

}  // namespace

Result<std::optional<Bytes>, TrieError> verify_proof(const Hash& root, BytesView key,
                                                     std::span<const Bytes> proof) {
    if (root == kEmptyRoot) return Found{};
    std::map<Hash, BytesView> nodes;
    for (const auto& node : proof) nodes.emplace(crypto::keccak256(node), node);
    const auto root_it = nodes.find(root);
    if (root_it == nodes.end()) return Unexpected(TrieError::kMissingNode);

    const Bytes nibbles = to_nibbles(key);
    BytesView rest = nibbles;
    BytesView current = root_it->second;
    // Every step but the last consumes at least one nibble (empty extensions are rejected).
    for (std::size_t steps = 0; steps <= nibbles.size() + 1; ++steps) {
        auto node = decode_node(current);
        if (!node) return Unexpected(node.error());
        auto next = step(*node, rest, nodes);
        if (!next) return Unexpected(next.error());
        if (next->done) return std::move(next->value);
        current = next->next;
    }
    return Unexpected(TrieError::kProofTooDeep);
}

}  // namespace yunlian::trie
