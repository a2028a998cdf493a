#pragma once
// The block work the BFT engine asks of the node (issue 6): build a block on the head from the
// pool without committing it, validate a proposed (or synced) block by executing it on the head
// state, and commit a decided block with its quorum certificate in one batch. An execution result
// is kept by block hash, so the block a validator validated (or built) is committed without being
// executed again.
//
// The batch of a decided block is written by a writer thread while the next height already runs:
// the "head" here is the last decided block, whose state is read through state::PendingState
// (the durable state plus the block's diff) until its batch is on disk. One write is in flight at
// most; the chain's own head (and so RPC, newHeads and receipts) moves only once it is written.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "chain/chain_store.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "execution/block_builder.hpp"
#include "state/pending_state.hpp"
#include "types/block.hpp"

namespace yunlian::evm {
class Vm;
}
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::node {

/// Why a block from a peer is refused (the peer that sent it is to blame).
enum class BlockCheck {
    kUndecodable,   ///< not a block's RLP
    kWrongHash,     ///< its header does not hash to the hash it came with
    kWrongHeight,   ///< not the block after the head
    kWrongParent,   ///< it does not extend the head
    kBadHeader,     ///< timestamp, gas limit, base fee or post-merge seal fields are wrong
    kBadSignature,  ///< a transaction's sender cannot be recovered
    kExecution,     ///< executing it does not reproduce its header (roots, gas) or a
                    ///< transaction cannot be applied
};

[[nodiscard]] std::string_view to_string(BlockCheck check) noexcept;

/// A block built for a proposal.
struct BuiltBlock {
    Bytes encoded;
    Hash hash;
    std::size_t txn_count = 0;
};

class BftBlocks {
  public:
    /// Called from the writer thread after a decided block's batch is written.
    using OnWritten = std::function<void(const types::BlockHeader& header, const Hash& hash)>;

    BftBlocks(chain::ChainStore& chain, txpool::TxPool& pool, Address coinbase);
    ~BftBlocks();
    BftBlocks(const BftBlocks&) = delete;
    BftBlocks& operator=(const BftBlocks&) = delete;

    /// Builds the next block on the head from the pool (best transactions first, up to the gas
    /// limit) and keeps its execution. `corrupt_state_root` is the invalid-proposal fault hook.
    [[nodiscard]] BuiltBlock build(bool corrupt_state_root = false);
    /// Checks `encoded` as the block after the head with hash `hash`, executing it (once: the
    /// result is kept for commit()).
    [[nodiscard]] Result<void, BlockCheck> validate(const Hash& hash, BytesView encoded);
    /// Makes the block `hash` (validated or built before, or validated now) the head and hands
    /// its batch, with `qc` as its finality proof, to the writer; tells the pool. Returns the
    /// header. Throws std::runtime_error when the block is invalid.
    types::BlockHeader commit(const Hash& hash, BytesView encoded, Bytes qc);
    /// Waits until every decided block is written (before the chain is closed).
    void flush();

    /// The last decided block (written or not) and its number: what the next block builds on.
    [[nodiscard]] types::BlockHeader head() const;
    [[nodiscard]] Hash head_hash() const;
    /// An account of the head state, decided blocks not yet written included. Thread-safe (the
    /// pool reads nonces and balances through it).
    [[nodiscard]] std::optional<types::Account> account(const Address& address) const;
    void set_on_written(OnWritten hook) { m_on_written = std::move(hook); }

    /// Called with the hash of each transaction whose sender validation had to recover (it was
    /// not in the pool): the service marks it seen, so its gossip arriving later is not
    /// recovered a second time.
    void set_recovered_hook(std::function<void(const Hash&)> hook) {
        m_recovered = std::move(hook);
    }

    /// Executions kept for the blocks after the head (for tests).
    [[nodiscard]] std::size_t cached() const noexcept { return m_cache.size(); }
    /// Transactions in the block committed last (for the log).
    [[nodiscard]] std::size_t last_txn_count() const noexcept { return m_last_txn_count; }

  private:
    /// A decided block whose batch may not be written yet.
    struct Pending {
        types::BlockHeader header;
        Hash hash;
        std::shared_ptr<const chain::BlockCommit> commit;
        std::unique_ptr<state::PendingState> state;
    };

    [[nodiscard]] Result<execution::BlockOutput, BlockCheck> execute(const Hash& hash,
                                                                     const types::Block& block);
    [[nodiscard]] Result<std::vector<Address>, BlockCheck> block_senders(const types::Block& block);
    [[nodiscard]] const state::StateReader& head_state() const;
    [[nodiscard]] Hash canonical_hash(std::int64_t block_num) const;
    /// Forgets the pending block once it is written (consensus thread).
    void settle();
    void run_writer();

    chain::ChainStore& m_chain;
    txpool::TxPool& m_pool;
    Address m_coinbase;
    std::unique_ptr<evm::Vm> m_vm;
    /// Executions on the current head, by block hash; cleared when the head moves.
    std::map<Hash, execution::BlockOutput> m_cache;
    Hash m_cache_parent;
    std::size_t m_last_txn_count = 0;
    std::function<void(const Hash&)> m_recovered;
    OnWritten m_on_written;

    /// The decided block not yet known to be written; readers on other threads copy the pointer
    /// under m_pending_mutex.
    mutable std::mutex m_pending_mutex;
    std::shared_ptr<const Pending> m_pending;
    /// The writer: one job at a time.
    std::mutex m_write_mutex;
    std::condition_variable m_write_cv;
    std::shared_ptr<const Pending> m_job;
    bool m_stop = false;
    std::thread m_writer;
};

}  // namespace yunlian::node
