#pragma once
// The transaction pool (issue 3): admits a transaction only after checking its signature, chain
// id, nonce, balance for its maximum cost, intrinsic gas, gas limit, fee caps and size. Orders
// per sender by nonce and across senders by effective tip; a same-nonce transaction replaces
// another only when it pays at least 10% more; future nonces wait; a bound evicts the
// lowest-paying.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"
#include "txpool/pool_error.hpp"
#include "types/account.hpp"
#include "types/transaction.hpp"

namespace yunlian::txpool {

/// The latest state the pool checks against.
class StateView {
  public:
    virtual ~StateView() = default;
    [[nodiscard]] virtual std::optional<types::Account> account(const Address& address) const = 0;
};

struct PoolConfig {
    std::uint64_t chain_id = 0;
    std::uint64_t block_gas_limit = 30'000'000;
    /// Most transactions held, pending and queued together.
    std::size_t max_txns = 10'000;
    /// Largest encoded transaction (geth's txMaxSize, 4 slots of 32 KiB).
    std::size_t max_txn_bytes = 128 * 1024;
    /// A replacement must pay this many percent more (geth's PriceBump).
    std::uint64_t price_bump_percent = 10;
};

/// A pooled transaction with what admission learned about it.
struct PooledTxn {
    types::Transaction txn;
    Address sender;
    Hash hash;
    /// Arrival order: ties between equal tips go to the earlier one (deterministic).
    std::uint64_t seq = 0;
};
using TxnPtr = std::shared_ptr<const PooledTxn>;

class TxPool {
  public:
    TxPool(PoolConfig config, const StateView& state) : m_config(config), m_state(&state) {}

    /// Decodes, checks and admits a transaction in its network encoding. Thread-safe.
    [[nodiscard]] Result<Hash, Rejection> add_raw(BytesView raw);
    /// Checks and admits a decoded transaction.
    [[nodiscard]] Result<Hash, Rejection> add(types::Transaction txn, std::size_t encoded_size);

    /// The executable transactions, best first: each sender's in nonce order, senders interleaved
    /// by effective tip under `base_fee`; those with a fee cap below it are left out. Stops when
    /// `gas_limit` is used up (by the transactions' gas limits).
    [[nodiscard]] std::vector<TxnPtr> select(const Uint256& base_fee,
                                             std::uint64_t gas_limit) const;
    /// After a block: re-reads the nonces of `senders`, drops what the block made stale.
    void on_block(std::span<const Address> senders);
    /// Drops one transaction (and, to keep nonces contiguous, nothing else).
    void remove(const Hash& hash);

    [[nodiscard]] TxnPtr get(const Hash& hash) const;
    /// The nonce after the sender's executable transactions (eth_getTransactionCount "pending").
    [[nodiscard]] std::uint64_t pending_nonce(const Address& sender) const;
    /// Executable transactions.
    [[nodiscard]] std::size_t pending_count() const;
    [[nodiscard]] std::size_t size() const;

    /// How many admissions the pool remembers for added_since().
    static constexpr std::size_t kRecentAdded = 4096;
    /// Hashes admitted after `cursor` (a value this returned before; 0 for all it remembers),
    /// oldest first, whether or not they are still pooled, and the cursor to pass next time
    /// (eth_newPendingTransactionFilter). Only the last kRecentAdded admissions are remembered.
    struct Added {
        std::vector<Hash> hashes;
        std::uint64_t cursor = 0;
    };
    [[nodiscard]] Added added_since(std::uint64_t cursor) const;
    /// The cursor as of now (how many admissions there were), without copying any hash: where a
    /// new reader of added_since() starts.
    [[nodiscard]] std::uint64_t added_cursor() const;

  private:
    struct Sender {
        std::uint64_t state_nonce = 0;
        std::map<std::uint64_t, TxnPtr> txns;
    };
    std::optional<Rejection> check_stateless(const types::Transaction& txn, std::size_t size) const;
    std::optional<Rejection> check_state(const types::Transaction& txn, std::uint64_t state_nonce,
                                         const types::Account& account) const;
    bool make_room(const PooledTxn& incoming);
    void erase_locked(const Hash& hash);
    void note_added(const Hash& hash);

    PoolConfig m_config;
    const StateView* m_state;
    mutable std::mutex m_mutex;
    std::map<Address, Sender> m_senders;
    std::unordered_map<Hash, TxnPtr, FixedBytesHasher> m_by_hash;
    std::uint64_t m_next_seq = 0;
    /// The last kRecentAdded admitted hashes, and how many were admitted in all.
    std::deque<Hash> m_recent;
    std::uint64_t m_added = 0;
};

/// The intrinsic gas of `txn` (Yellow Paper eq. 60, EIP-2028, EIP-2930, EIP-3860), as the pool
/// checks it (execution checks it again when the block is built).
[[nodiscard]] std::uint64_t intrinsic_gas(const types::Transaction& txn) noexcept;

/// The tip per gas `txn` pays above `base_fee` (EIP-1559), zero when its cap is below the base fee.
[[nodiscard]] Uint256 effective_tip(const types::Transaction& txn,
                                    const Uint256& base_fee) noexcept;

}  // namespace yunlian::txpool
