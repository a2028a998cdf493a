#include "trie/trie.hpp"

#include <algorithm>
#include <array>

#include "crypto/keccak.hpp"
#include "trie/nibbles.hpp"

namespace yunlian::trie {

/// One in-memory node. A stub stands for a node not yet loaded: only its hash reference is known.
/// `ref` caches the reference a parent would hold (empty while unknown); `dirty` nodes are not
/// yet in any store.
struct Trie::Node {
    enum class Kind : std::uint8_t { kLeaf, kExtension, kBranch, kStub };
    Kind kind = Kind::kLeaf;
    Bytes path;
    Bytes value;
    NodePtr child;
    std::array<NodePtr, 16> children;
    NodeRef ref;
    bool dirty = true;
};

namespace {

using Node = Trie::Node;
using NodePtr = std::unique_ptr<Trie::Node>;

NodePtr make_leaf(BytesView path, BytesView value) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kLeaf;
    node->path.assign(path.begin(), path.end());
    node->value.assign(value.begin(), value.end());
    return node;
}

NodePtr make_extension(BytesView path, NodePtr child) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kExtension;
    node->path.assign(path.begin(), path.end());
    node->child = std::move(child);
    return node;
}

NodePtr make_branch() {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kBranch;
    return node;
}

NodePtr make_stub(BytesView hash_bytes) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kStub;
    node->ref.assign_hash(Hash::from_view(hash_bytes));
    node->dirty = false;
    return node;
}

void mark(Node& node) noexcept {
    node.dirty = true;
    node.ref.clear();
}

bool starts_with(BytesView whole, BytesView prefix) noexcept {
    return whole.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), whole.begin());
}

}  // namespace

Trie::Trie(const NodeStore& store, const Hash& root) : m_store(&store) {
    if (root != kEmptyRoot) m_root = make_stub(root.view());
}

Trie::~Trie() = default;
Trie::Trie(Trie&&) noexcept = default;
Trie& Trie::operator=(Trie&&) noexcept = default;

Result<Trie::NodePtr, TrieError> Trie::load(BytesView rlp) {
    auto decoded = decode_node(rlp);
    if (!decoded) return Unexpected(decoded.error());
    auto node = std::make_unique<Node>();
    node->dirty = false;
    node->path = std::move(decoded->path);
    node->value = to_bytes(decoded->value);
    auto load_child = [this](const ChildRef& ref) -> Result<NodePtr, TrieError> {
        switch (ref.kind) {
            case ChildRef::Kind::kNone:
                return NodePtr{};
            case ChildRef::Kind::kHash:
                return make_stub(ref.data);
            case ChildRef::Kind::kInline: {
                auto inner = load(ref.data);
                if (!inner) return Unexpected(inner.error());
                (*inner)->ref.assign(ref.data);
                return std::move(*inner);
            }
        }
        return NodePtr{};
    };
    switch (decoded->kind) {
        case NodeKind::kLeaf:
            node->kind = Node::Kind::kLeaf;
            break;
        case NodeKind::kExtension: {
            node->kind = Node::Kind::kExtension;
            auto child = load_child(decoded->child);
            if (!child) return Unexpected(child.error());
            node->child = std::move(*child);
            break;
        }
        case NodeKind::kBranch:
            node->kind = Node::Kind::kBranch;
            for (std::size_t i = 0; i < 16; ++i) {
                auto child = load_child(decoded->children[i]);
                if (!child) return Unexpected(child.error());
                node->children[i] = std::move(*child);
            }
            break;
    }
    return node;
}

Result<void, TrieError> Trie::resolve(NodePtr& slot) {
    if (slot->kind != Node::Kind::kStub) return {};
    const Hash hash = ref_hash(slot->ref.view());
    auto rlp = m_store->get_node(hash);
    if (!rlp) return Unexpected(TrieError::kMissingNode);
    auto node = load(*rlp);
    if (!node) return Unexpected(node.error());
    // The root may be stored by hash although shorter than 32 bytes; it is then embeddable.
    if (rlp->size() < kHashRefThreshold) {
        (*node)->ref.assign(*rlp);
    } else {
        (*node)->ref = slot->ref;
    }
    slot = std::move(*node);
    return {};
}

Result<std::optional<Bytes>, TrieError> Trie::get(BytesView key) {
    const Bytes nibbles = to_nibbles(key);
    BytesView rest = nibbles;
    NodePtr* slot = &m_root;
    while (*slot) {
        if (auto ok = resolve(*slot); !ok) return Unexpected(ok.error());
        Node& node = **slot;
        switch (node.kind) {
            case Node::Kind::kLeaf:
                if (std::ranges::equal(node.path, rest)) return std::optional<Bytes>(node.value);
                return std::optional<Bytes>{};
            case Node::Kind::kExtension:
                if (!starts_with(rest, node.path)) return std::optional<Bytes>{};
                rest = rest.subspan(node.path.size());
                slot = &node.child;
                break;
            case Node::Kind::kBranch:
                if (rest.empty()) {
                    if (node.value.empty()) return std::optional<Bytes>{};
                    return std::optional<Bytes>(node.value);
                }
                slot = &node.children[rest[0]];
                rest = rest.subspan(1);
                break;
            case Node::Kind::kStub:
                return Unexpected(TrieError::kMissingNode);
        }
    }
    return std::optional<Bytes>{};
}

Result<void, TrieError> Trie::put(BytesView key, BytesView value) {
    if (value.empty()) return erase(key);
    const Bytes nibbles = to_nibbles(key);
    auto changed = insert(m_root, nibbles, value);
    if (!changed) return Unexpected(changed.error());
    return {};
}

Result<void, TrieError> Trie::erase(BytesView key) {
    const Bytes nibbles = to_nibbles(key);
    auto changed = remove(m_root, nibbles);
    if (!changed) return Unexpected(changed.error());
    return {};
}

Result<bool, TrieError> Trie::insert(NodePtr& slot, BytesView rest, BytesView value) {
    if (!slot) {
        slot = make_leaf(rest, value);
        return true;
    }
    if (auto ok = resolve(slot); !ok) return Unexpected(ok.error());
    Node& node = *slot;
    if (node.kind == Node::Kind::kBranch) {
        if (rest.empty()) {
            if (std::ranges::equal(node.value, value)) return false;
            node.value.assign(value.begin(), value.end());
            mark(node);
            return true;
        }
        auto changed = insert(node.children[rest[0]], rest.subspan(1), value);
        if (changed && *changed) mark(node);
        return changed;
    }
    const std::size_t shared = common_prefix(node.path, rest);
    if (node.kind == Node::Kind::kLeaf && shared == node.path.size() && shared == rest.size()) {
        if (std::ranges::equal(node.value, value)) return false;
        node.value.assign(value.begin(), value.end());
        mark(node);
        return true;
    }
    if (node.kind == Node::Kind::kExtension && shared == node.path.size()) {
        auto changed = insert(node.child, rest.subspan(shared), value);
        if (changed && *changed) mark(node);
        return changed;
    }
    // The paths diverge at `shared`: a branch there holds the old node's remainder and the new key.
    auto branch = make_branch();
    if (node.kind == Node::Kind::kLeaf) {
        if (shared == node.path.size()) {
            branch->value = std::move(node.value);
        } else {
            branch->children[node.path[shared]] =
                make_leaf(BytesView(node.path).subspan(shared + 1), node.value);
        }
    } else if (shared + 1 == node.path.size()) {
        branch->children[node.path[shared]] = std::move(node.child);
    } else {
        branch->children[node.path[shared]] =
            make_extension(BytesView(node.path).subspan(shared + 1), std::move(node.child));
    }
    if (shared == rest.size()) {
        branch->value.assign(value.begin(), value.end());
    } else {
        branch->children[rest[shared]] = make_leaf(rest.subspan(shared + 1), value);
    }
    slot = shared > 0 ? make_extension(rest.first(shared), std::move(branch)) : std::move(branch);
    return true;
}

Result<bool, TrieError> Trie::remove(NodePtr& slot, BytesView rest) {
    if (!slot) return false;
    if (auto ok = resolve(slot); !ok) return Unexpected(ok.error());
    Node& node = *slot;
    switch (node.kind) {
        case Node::Kind::kLeaf:
            if (!std::ranges::equal(node.path, rest)) return false;
            slot.reset();
            return true;
        case Node::Kind::kExtension: {
            if (!starts_with(rest, node.path)) return false;
            auto changed = remove(node.child, rest.subspan(node.path.size()));
            if (!changed || !*changed) return changed;
            collapse_extension(slot);
            return true;
        }
        case Node::Kind::kBranch: {
            if (rest.empty()) {
                if (node.value.empty()) return false;
                node.value.clear();
            } else {
                auto changed = remove(node.children[rest[0]], rest.subspan(1));
                if (!changed || !*changed) return changed;
            }
            mark(node);
            if (auto ok = collapse_branch(slot); !ok) return Unexpected(ok.error());
            return true;
        }
        case Node::Kind::kStub:
            break;
    }
    return Unexpected(TrieError::kMissingNode);
}

// After a removal below it, an extension whose child became a leaf or an extension absorbs it:
// no extension may point at anything but a branch.
void Trie::collapse_extension(NodePtr& slot) {
    Node& node = *slot;
    if (!node.child) {
        slot.reset();
        return;
    }
    Node& child = *node.child;
    if (child.kind == Node::Kind::kLeaf || child.kind == Node::Kind::kExtension) {
        child.path.insert(child.path.begin(), node.path.begin(), node.path.end());
        mark(child);
        slot = std::move(node.child);
        return;
    }
    mark(node);
}

// A branch left with one child and no value, or a value and no child, is replaced by a shorter
// node, so that the trie stays canonical and its root matches any other trie with the same pairs.
Result<void, TrieError> Trie::collapse_branch(NodePtr& slot) {
    Node& node = *slot;
    std::size_t count = 0;
    std::size_t last = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (node.children[i]) {
            ++count;
            last = i;
        }
    }
    if (count == 0) {
        if (node.value.empty()) {
            slot.reset();
        } else {
            slot = make_leaf({}, node.value);
        }
        return {};
    }
    if (count > 1 || !node.value.empty()) return {};
    NodePtr& only = node.children[last];
    if (auto ok = resolve(only); !ok) return Unexpected(ok.error());
    const auto nib = static_cast<std::uint8_t>(last);
    if (only->kind == Node::Kind::kBranch) {
        const std::array<std::uint8_t, 1> path{nib};
        slot = make_extension(path, std::move(only));
        return {};
    }
    NodePtr moved = std::move(only);
    moved->path.insert(moved->path.begin(), nib);
    mark(*moved);
    slot = std::move(moved);
    return {};
}

Bytes Trie::encode(Node& node, NodeSink* sink) {
    switch (node.kind) {
        case Node::Kind::kLeaf:
            return encode_leaf(node.path, node.value);
        case Node::Kind::kExtension:
            return encode_extension(node.path, ref_of(*node.child, sink));
        case Node::Kind::kBranch: {
            std::array<BytesView, 16> refs;
            for (std::size_t i = 0; i < 16; ++i) {
                if (node.children[i]) refs[i] = ref_of(*node.children[i], sink);
            }
            return encode_branch(refs, node.value);
        }
        case Node::Kind::kStub:
            break;
    }
    return {};
}

BytesView Trie::ref_of(Node& node, NodeSink* sink) {
    if (!node.dirty || (sink == nullptr && !node.ref.empty())) return node.ref.view();
    const Bytes rlp = encode(node, sink);
    if (node.ref.empty()) node.ref.assign_node(rlp);
    if (sink != nullptr) {
        if (is_hash_ref(node.ref.view())) sink->put_node(ref_hash(node.ref.view()), rlp);
        node.dirty = false;
    }
    return node.ref.view();
}

Hash Trie::root_hash() {
    if (!m_root) return kEmptyRoot;
    const BytesView ref = ref_of(*m_root, nullptr);
    return is_hash_ref(ref) ? ref_hash(ref) : crypto::keccak256(ref);
}

Hash Trie::commit(NodeSink& sink) {
    if (!m_root) return kEmptyRoot;
    const BytesView ref = ref_of(*m_root, &sink);
    if (is_hash_ref(ref)) return ref_hash(ref);
    // A root under 32 bytes is still stored by its hash, so that Trie(store, root) can load it.
    const Hash hash = crypto::keccak256(ref);
    sink.put_node(hash, ref);
    return hash;
}

Result<std::vector<Bytes>, TrieError> Trie::prove(BytesView key) {
    std::vector<Bytes> proof;
    const Bytes nibbles = to_nibbles(key);
    BytesView rest = nibbles;
    NodePtr* slot = &m_root;
    while (*slot) {
        if (auto ok = resolve(*slot); !ok) return Unexpected(ok.error());
        Node& node = **slot;
        Bytes rlp = encode(node, nullptr);
        // Embedded nodes travel inside their parent's RLP; the root is always listed.
        if (slot == &m_root || rlp.size() >= kHashRefThreshold) proof.push_back(std::move(rlp));
        if (node.kind == Node::Kind::kLeaf) break;
        if (node.kind == Node::Kind::kExtension) {
            if (!starts_with(rest, node.path)) break;
            rest = rest.subspan(node.path.size());
            slot = &node.child;
        } else {
            if (rest.empty()) break;
            slot = &node.children[rest[0]];
            rest = rest.subspan(1);
        }
    }
    return proof;
}

}  // namespace yunlian::trie
