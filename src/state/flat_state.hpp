#pragma once
// The committed state over a key-value store in the flat layout (layout.hpp): reads are one
// lookup each, roots and proofs come from the trie nodes, and apply() turns a StateDiff into
// writes in the caller's batch, so that a block commits in one atomic write.

#include <optional>
#include <vector>

#include "state/kv_store.hpp"
#include "state/layout.hpp"
#include "state/state_diff.hpp"
#include "state/state_reader.hpp"
#include "trie/error.hpp"

namespace yunlian::state {

/// The trie family as a node store.
class KvNodeStore final : public trie::NodeStore {
  public:
    explicit KvNodeStore(KvTable table) noexcept : m_table(table) {}
    [[nodiscard]] std::optional<Bytes> get_node(const Hash& hash) const override {
        return m_table.get(hash.view());
    }

  private:
    KvTable m_table;
};

/// An EIP-1186 account proof with the storage proofs of some slots.
struct AccountProof {
    std::optional<types::Account> account;
    std::vector<Bytes> account_proof;
    std::vector<std::vector<Bytes>> storage_proofs;  ///< in the order of the slots asked for
};

class FlatState final : public StateReader {
  public:
    /// The state held in `store` (which must have state_families()); an empty store is the
    /// empty state. Throws StorageError when a family is missing.
    explicit FlatState(KvStore& store);

    [[nodiscard]] std::optional<types::Account> account(const Address& address) const override;
    [[nodiscard]] Hash storage(const Address& address, const Hash& slot) const override;
    [[nodiscard]] Bytes code(const Hash& code_hash) const override;
    [[nodiscard]] Hash state_root() const override;
    [[nodiscard]] const trie::NodeStore& trie_nodes() const override { return m_nodes; }

    /// Adds the writes of `diff` to `batch`: flat entries (wiping the storage of destroyed
    /// accounts), code, trie nodes and the new root. Nothing changes until the batch is written;
    /// the store must not change between computing the diff and writing the batch.
    void apply(const StateDiff& diff, WriteBatch& batch) const;

    /// Proofs of an account and some of its slots against state_root() (eth_getProof).
    [[nodiscard]] Result<AccountProof, trie::TrieError> prove(const Address& address,
                                                              const std::vector<Hash>& slots) const;

    [[nodiscard]] const StateTables& tables() const noexcept { return m_tables; }

  private:
    StateTables m_tables;
    KvNodeStore m_nodes;
};

}  // namespace yunlian::state
