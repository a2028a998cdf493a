#pragma once
// The chain: headers, transactions, receipts, the transaction index, the canonical chain and the
// head, in column families of the same key-value store as the state (state::FlatState). A block,
// its state changes and the new head are written in one atomic batch, so after a crash the node
// restarts at the last committed block with exactly its state.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chain/genesis.hpp"
#include "state/flat_state.hpp"
#include "state/kv_store.hpp"
#include "state/state_diff.hpp"
#include "types/account.hpp"
#include "types/block.hpp"
#include "types/receipt.hpp"

namespace yunlian::chain {

/// Where a transaction was included.
struct TxLocation {
    Hash block_hash;
    std::uint64_t block_num = 0;
    std::uint32_t index = 0;
    Address sender;
};

/// A receipt as stored, with the gas its transaction used alone.
struct StoredReceipt {
    types::Receipt receipt;
    std::uint64_t gas_used = 0;
};

/// Everything one block adds, as block-level execution produced it.
struct BlockCommit {
    types::Block block;
    std::vector<types::Receipt> receipts;
    std::vector<Address> senders;
    std::vector<Hash> txn_hashes;
    std::vector<std::uint64_t> gas_used;
    /// The block's state changes, trie nodes and state root.
    state::StateDiff diff;
    /// The engine's proof that the block is final (a BFT quorum certificate, encoded by the
    /// engine); empty for engines that finalize alone (solo). Stored under the block's hash.
    Bytes finality_proof;
};

/// The chain's column families (besides state::state_families()); keys are in docs/CHAIN.md.
[[nodiscard]] std::vector<std::string> chain_families();

/// The chain over one store. Reads are safe from any thread; commits come from one thread.
class ChainStore {
  public:
    /// Opens the chain in `store` (which has state_families() and chain_families()), writing the
    /// genesis block first when the store is new. Throws std::runtime_error when the store holds
    /// another genesis.
    ChainStore(std::unique_ptr<state::KvStore> store, const Genesis& genesis);
    ~ChainStore();
    ChainStore(const ChainStore&) = delete;
    ChainStore& operator=(const ChainStore&) = delete;

    [[nodiscard]] std::uint64_t chain_id() const noexcept { return m_chain_id; }
    [[nodiscard]] types::BlockHeader head() const;
    [[nodiscard]] Hash head_hash() const;
    [[nodiscard]] Hash genesis_hash() const noexcept { return m_genesis_hash; }

    [[nodiscard]] std::optional<Hash> canonical_hash(std::uint64_t block_num) const;
    [[nodiscard]] std::optional<types::BlockHeader> header(const Hash& block_hash) const;
    [[nodiscard]] std::optional<types::BlockHeader> header_by_num(std::uint64_t block_num) const;
    /// The transactions of a stored block, in order.
    [[nodiscard]] std::vector<types::Transaction> transactions(const Hash& block_hash) const;
    [[nodiscard]] std::optional<TxLocation> find_transaction(const Hash& txn_hash) const;
    [[nodiscard]] std::optional<types::Transaction> transaction_at(const Hash& block_hash,
                                                                   std::uint32_t index) const;
    [[nodiscard]] std::optional<StoredReceipt> receipt_at(const Hash& block_hash,
                                                          std::uint32_t index) const;
    /// The finality proof stored with a block (BlockCommit::finality_proof), or nullopt.
    [[nodiscard]] std::optional<Bytes> finality_proof(const Hash& block_hash) const;

    /// Keeps an item of evidence of misbehaviour (encoded by the engine), once: the same bytes
    /// stored again are one entry. Returns whether it was new. Thread-safe.
    bool add_evidence(BytesView evidence);
    /// The evidence kept, in the order of the keccak-256 of its bytes.
    [[nodiscard]] std::vector<Bytes> evidence() const;

    /// An account of the head state, or nullopt when it does not exist.
    [[nodiscard]] std::optional<types::Account> account(const Address& address) const;
    /// The root of the committed state as the state part stores it (equals the head's state root).
    [[nodiscard]] Hash state_root() const { return m_state->state_root(); }
    /// An account of the state with root `state_root` (any committed block), read through the trie.
    [[nodiscard]] std::optional<types::Account> account_at(const Hash& state_root,
                                                           const Address& address) const;

    /// The head state (for execution and state queries).
    [[nodiscard]] const state::FlatState& state() const noexcept { return *m_state; }
    /// Writes the block, its receipts and index entries, its state changes and the new head in one
    /// atomic batch. The block's parent must be the head and its diff computed on the head state.
    /// Throws std::runtime_error when the write fails.
    void commit(const BlockCommit& commit);

  private:
    struct Tables;
    void write_genesis(const Genesis& genesis, const types::BlockHeader& header);
    void load_head();

    std::unique_ptr<state::KvStore> m_store;
    std::unique_ptr<Tables> m_tables;
    std::unique_ptr<state::FlatState> m_state;
    std::uint64_t m_chain_id;
    Hash m_genesis_hash;
    mutable std::mutex m_head_mutex;
    types::BlockHeader m_head;
    Hash m_head_hash;
};

/// Opens a chain whose RocksDB database lives in `datadir`/chaindata.
[[nodiscard]] std::unique_ptr<ChainStore> open_chain(const std::filesystem::path& datadir,
                                                     const Genesis& genesis);

}  // namespace yunlian::chain
