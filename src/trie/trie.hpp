#pragma once
// The incremental Merkle-Patricia trie: nodes are read lazily from a NodeStore by hash, changes
// stay in memory, and commit() writes only the nodes that changed into a NodeSink (the caller's
// write batch) and returns the new root. A block touching k keys of an n-key trie costs
// O(k log n) node loads and hashes instead of rebuilding everything.

#include <memory>
#include <optional>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "trie/error.hpp"
#include "trie/node_codec.hpp"
#include "trie/node_store.hpp"

namespace yunlian::trie {

/// A trie over `store` (which must outlive it). After any error the trie may be partly updated
/// and must be discarded; errors only arise from a store missing a node or holding a bad one.
class Trie {
  public:
    /// The trie whose root is `root` (kEmptyRoot for a new, empty one).
    explicit Trie(const NodeStore& store, const Hash& root = kEmptyRoot);
    ~Trie();
    Trie(Trie&&) noexcept;
    Trie& operator=(Trie&&) noexcept;
    Trie(const Trie&) = delete;
    Trie& operator=(const Trie&) = delete;

    /// The value under `key`, or nullopt.
    [[nodiscard]] Result<std::optional<Bytes>, TrieError> get(BytesView key);
    /// Sets `key` to `value`; an empty value erases the key (absent and empty are the same).
    [[nodiscard]] Result<void, TrieError> put(BytesView key, BytesView value);
    /// Removes `key` if present.
    [[nodiscard]] Result<void, TrieError> erase(BytesView key);

    /// The current root, hashing only what changed since the last call. Writes nothing.
    [[nodiscard]] Hash root_hash();
    /// Like root_hash(), and writes every new node of 32 bytes or more, plus the root whatever
    /// its size, into `sink`. Afterwards the trie is clean: a second commit writes nothing new.
    Hash commit(NodeSink& sink);

    /// The RLP of every node on the path to `key` that is stored by hash, root first: a Merkle
    /// proof of the value or of its absence, as eth_getProof returns it (EIP-1186).
    [[nodiscard]] Result<std::vector<Bytes>, TrieError> prove(BytesView key);

    /// A node in memory (defined in trie.cpp).
    struct Node;
    using NodePtr = std::unique_ptr<Node>;

  private:
    Result<void, TrieError> resolve(NodePtr& slot);
    Result<NodePtr, TrieError> load(BytesView rlp);
    Result<bool, TrieError> insert(NodePtr& slot, BytesView rest, BytesView value);
    Result<bool, TrieError> remove(NodePtr& slot, BytesView rest);
    Result<void, TrieError> collapse_branch(NodePtr& slot);
    static void collapse_extension(NodePtr& slot);
    static BytesView ref_of(Node& node, NodeSink* sink);
    static Bytes encode(Node& node, NodeSink* sink);

    const NodeStore* m_store;
    NodePtr m_root;
};

}  // namespace yunlian::trie
