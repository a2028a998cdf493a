#pragma once
// One block's execution over a committed state: every read falls through to a StateReader once
// and is cached; every write is journaled so that nested calls can snapshot and revert; the
// per-transaction sets of EIP-2929 (warm accounts and slots), EIP-1153 (transient storage),
// EIP-6780 (created accounts), selfdestructs and EIP-161 (touched accounts) live here too.
// diff() turns the result into sorted changes with the new state root.
//
// The EVM's SLOAD/SSTORE come through here, so lookups use flat hash maps; anything that decides
// a result (diff, the root, end-of-transaction deletions) iterates sorted containers only.

#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"
#include "state/error.hpp"
#include "state/hashing.hpp"
#include "state/state_diff.hpp"
#include "state/state_reader.hpp"
#include "types/account.hpp"

namespace yunlian::state {

class Overlay {
  public:
    /// A point in the journal to revert to.
    using Snapshot = std::size_t;

    /// An overlay on `base`, which must outlive it and not change while it is used.
    explicit Overlay(const StateReader& base) noexcept : m_base(&base) {}

    // ---- accounts (reads are const: they only fill caches) --------------------------------------

    /// The account, or nullopt when it does not exist. Its storage_root is the committed one.
    [[nodiscard]] std::optional<types::Account> account(const Address& address) const;
    [[nodiscard]] bool exists(const Address& address) const;
    /// EIP-161 "dead": absent, or no code, zero nonce and zero balance.
    [[nodiscard]] bool is_dead(const Address& address) const;
    [[nodiscard]] std::uint64_t nonce(const Address& address) const;
    [[nodiscard]] Uint256 balance(const Address& address) const;
    /// The code hash; kEmptyCodeHash for an absent account (a host maps dead ones to zero for
    /// EXTCODEHASH, EIP-1052).
    [[nodiscard]] Hash code_hash(const Address& address) const;
    /// The code, valid as long as the overlay lives.
    [[nodiscard]] BytesView code(const Address& address) const;
    /// Whether the account has any non-zero storage slot (EIP-7610 collision check).
    [[nodiscard]] bool has_storage(const Address& address) const;

    /// Writes create the account when it is absent, and touch it (EIP-161).
    void set_nonce(const Address& address, std::uint64_t nonce);
    void set_balance(const Address& address, const Uint256& balance);
    void add_balance(const Address& address, const Uint256& amount);
    /// Subtracts `amount`; false (and no change) when the balance is smaller.
    [[nodiscard]] bool sub_balance(const Address& address, const Uint256& amount);
    void set_code(const Address& address, Bytes code);
    /// Makes a fresh account (nonce 0, no code) that keeps any balance already there, and marks
    /// it created in this transaction (EIP-6780). The caller has ruled out a collision (EIP-684,
    /// EIP-7610: no code, zero nonce, no storage), so existing storage is not touched.
    void create_account(const Address& address);
    /// Marks an account touched without changing it (a zero-value CALL, EIP-161).
    void touch(const Address& address);

    // ---- storage
    // ---------------------------------------------------------------------------------

    /// The current value of a slot (zero when unset).
    [[nodiscard]] Hash storage(const Address& address, const Hash& slot) const;
    /// The slot's value at the start of the current transaction (EIP-2200, EIP-3529).
    [[nodiscard]] Hash original_storage(const Address& address, const Hash& slot) const;
    void set_storage(const Address& address, const Hash& slot, const Hash& value);
    /// Transient storage (EIP-1153): journaled, and dropped at the end of each transaction.
    [[nodiscard]] Hash transient_storage(const Address& address, const Hash& slot) const;
    void set_transient_storage(const Address& address, const Hash& slot, const Hash& value);

    // ---- access sets (EIP-2929), journaled: a revert makes them cold again ---------------------

    /// Warms the account; true when it was cold.
    bool access_account(const Address& address);
    /// Warms the slot; true when it was cold.
    bool access_storage(const Address& address, const Hash& slot);
    [[nodiscard]] bool is_warm(const Address& address) const;
    [[nodiscard]] bool is_warm(const Address& address, const Hash& slot) const;

    // ---- per-transaction lifecycle
    // ---------------------------------------------------------------

    /// Whether create_account() ran for it in this transaction (EIP-6780).
    [[nodiscard]] bool is_created(const Address& address) const;
    /// Schedules the account's deletion at the end of the transaction; true when newly scheduled.
    /// Under EIP-6780 the host calls this only for accounts created in the same transaction.
    bool destruct(const Address& address);
    [[nodiscard]] bool is_destructed(const Address& address) const;

    [[nodiscard]] Snapshot snapshot() const noexcept { return m_journal.size(); }
    /// Undoes every change made since `snapshot` (a nested call failed or reverted).
    void revert(Snapshot snapshot);

    /// Ends a transaction: deletes scheduled accounts (and their storage), then, when asked
    /// (EIP-161), touched accounts that are empty; drops transient storage, the warm sets, the
    /// created and touched sets and the journal; the next reads of originals see current values.
    void finish_transaction(bool delete_empty_touched);

    // ---- results
    // ---------------------------------------------------------------------------------

    /// Every change against the base state, sorted, with the storage roots, new trie nodes and
    /// the state root (identical to Ethereum's). Call between transactions.
    [[nodiscard]] Result<StateDiff, StateError> diff() const;
    /// diff().state_root; when the diff is needed too, take the root from it instead.
    [[nodiscard]] Result<Hash, StateError> state_root() const;

  private:
    struct SlotState {
        Hash committed;  ///< the base state's value
        Hash original;   ///< the value at the start of transaction `original_tx`
        Hash current;
        std::uint64_t original_tx = 0;
    };
    struct AccountState {
        std::optional<types::Account> committed;
        std::optional<types::Account> current;
        std::unordered_map<Hash, SlotState, WordHasher> storage;
        /// The committed storage no longer applies (the account was deleted in this block).
        bool storage_wiped = false;
    };
    struct JournalEntry {
        enum class Kind : std::uint8_t {
            kAccount,  ///< the previous account is on m_saved_accounts
            kStorage,
            kTransient,
            kWarmAccount,
            kWarmSlot,
            kCreated,
            kDestructed,
            kTouched,
        };
        Kind kind = Kind::kAccount;
        Address address;
        Hash slot;
        Hash previous;
    };

    AccountState& load(const Address& address) const;
    SlotState& load_slot(const Address& address, AccountState& account, const Hash& slot) const;
    types::Account& modify(const Address& address);
    void mark_touched(const Address& address);
    void undo(const JournalEntry& entry);
    void delete_account(AccountState& account);
    Result<std::optional<AccountDiff>, StateError> account_diff(
        const AccountState& account, trie::MemoryNodeStore& staged) const;

    const StateReader* m_base;
    std::uint64_t m_tx = 0;
    mutable std::unordered_map<Address, AccountState, WordHasher> m_accounts;
    mutable std::unordered_map<Hash, Bytes, WordHasher> m_code;
    std::unordered_map<SlotRef, Hash, SlotRefHasher> m_transient;
    std::unordered_set<Address, WordHasher> m_warm_accounts;
    std::unordered_set<SlotRef, SlotRefHasher> m_warm_slots;
    std::unordered_set<Address, WordHasher> m_created;
    std::set<Address> m_destructed;
    std::set<Address> m_touched;
    std::vector<JournalEntry> m_journal;
    std::vector<std::optional<types::Account>> m_saved_accounts;
};

}  // namespace yunlian::state
