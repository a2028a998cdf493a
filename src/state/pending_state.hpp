#pragma once
// A state that is a committed base plus one block's StateDiff not yet written: lets the next
// block execute (and compute its root) before the previous one is on disk, e.g. while a
// proposal waits for votes. Chains of pending blocks nest: a PendingState can be a base.
// Commit the diffs later one at a time, in order (apply one, write its batch, then the next):
// FlatState::apply reads the store to wipe destroyed accounts' storage.

#include "state/state_diff.hpp"
#include "state/state_reader.hpp"
#include "trie/node_store.hpp"

namespace yunlian::state {

class PendingState final : public StateReader {
  public:
    /// `base` and `diff` must outlive this and not change.
    PendingState(const StateReader& base, const StateDiff& diff) noexcept;

    [[nodiscard]] std::optional<types::Account> account(const Address& address) const override;
    [[nodiscard]] Hash storage(const Address& address, const Hash& slot) const override;
    [[nodiscard]] Bytes code(const Hash& code_hash) const override;
    [[nodiscard]] Hash state_root() const override { return m_diff->state_root; }
    [[nodiscard]] const trie::NodeStore& trie_nodes() const override { return m_nodes; }

  private:
    /// The diff's new nodes as a node store.
    class DiffNodes final : public trie::NodeStore {
      public:
        explicit DiffNodes(const StateDiff& diff) noexcept : m_diff(&diff) {}
        [[nodiscard]] std::optional<Bytes> get_node(const Hash& hash) const override;

      private:
        const StateDiff* m_diff;
    };

    const StateReader* m_base;
    const StateDiff* m_diff;
    DiffNodes m_diff_nodes;
    trie::LayeredNodeStore m_nodes;
};

}  // namespace yunlian::state
