#pragma once
// Where the incremental trie reads and writes nodes: by keccak of their RLP. Reading and writing
// are separate interfaces so that new nodes can go into a caller's write batch while reads come
// from the committed database.

#include <map>
#include <optional>
#include <utility>

#include "common/bytes.hpp"

namespace yunlian::trie {

/// Read access to stored nodes.
class NodeStore {
  public:
    virtual ~NodeStore() = default;
    /// The node whose RLP hashes to `hash`, or nullopt when absent.
    [[nodiscard]] virtual std::optional<Bytes> get_node(const Hash& hash) const = 0;
};

/// Receives the nodes a commit creates.
class NodeSink {
  public:
    virtual ~NodeSink() = default;
    /// Stores `rlp` under `hash` (= keccak(rlp)). Storing the same node twice is harmless.
    virtual void put_node(const Hash& hash, BytesView rlp) = 0;
};

/// Both, in memory (std::map): for tests, proofs and staging a block's new nodes.
class MemoryNodeStore final : public NodeStore, public NodeSink {
  public:
    [[nodiscard]] std::optional<Bytes> get_node(const Hash& hash) const override;
    void put_node(const Hash& hash, BytesView rlp) override;

    [[nodiscard]] std::size_t size() const noexcept { return m_nodes.size(); }
    [[nodiscard]] const std::map<Hash, Bytes>& nodes() const noexcept { return m_nodes; }
    /// Moves every node out, leaving the store empty.
    [[nodiscard]] std::map<Hash, Bytes> take_nodes() noexcept { return std::exchange(m_nodes, {}); }

  private:
    std::map<Hash, Bytes> m_nodes;
};

/// Reads from `staged` first, then `base`: a block's fresh nodes layered over the database.
class LayeredNodeStore final : public NodeStore {
  public:
    LayeredNodeStore(const NodeStore& staged, const NodeStore& base) noexcept
        : m_staged(staged), m_base(base) {}
    [[nodiscard]] std::optional<Bytes> get_node(const Hash& hash) const override;

  private:
    const NodeStore& m_staged;
    const NodeStore& m_base;
};

}  // namespace yunlian::trie
