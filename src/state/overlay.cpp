#include "state/overlay.hpp"

#include "crypto/keccak.hpp"

namespace yunlian::state {

Overlay::AccountState& Overlay::load(const Address& address) const {
    auto [it, inserted] = m_accounts.try_emplace(address);
    if (inserted) {
        it->second.committed = m_base->account(address);
        it->second.current = it->second.committed;
    }
    return it->second;
}

Overlay::SlotState& Overlay::load_slot(const Address& address, AccountState& account,
                                       const Hash& slot) const {
    auto [it, inserted] = account.storage.try_emplace(slot);
    SlotState& state = it->second;
    if (inserted) {
        // Accounts without committed storage need no lookup: new contracts, wiped accounts.
        const bool has_committed = !account.storage_wiped && account.committed &&
                                   account.committed->storage_root != types::kEmptyTrieRoot;
        const Hash value = has_committed ? m_base->storage(address, slot) : Hash{};
        state = {value, value, value, m_tx};
    } else if (state.original_tx != m_tx) {
        // First access in this transaction: nothing changed it yet in this transaction.
        state.original = state.current;
        state.original_tx = m_tx;
    }
    return state;
}

std::optional<types::Account> Overlay::account(const Address& address) const {
    return load(address).current;
}

bool Overlay::exists(const Address& address) const { return load(address).current.has_value(); }

bool Overlay::is_dead(const Address& address) const {
    const auto& current = load(address).current;
    return !current || current->is_empty();
}

std::uint64_t Overlay::nonce(const Address& address) const {
    const auto& current = load(address).current;
    return current ? current->nonce : 0;
}

Uint256 Overlay::balance(const Address& address) const {
    const auto& current = load(address).current;
    return current ? current->balance : Uint256{};
}

Hash Overlay::code_hash(const Address& address) const {
    const auto& current = load(address).current;
    return current ? current->code_hash : types::kEmptyCodeHash;
}

BytesView Overlay::code(const Address& address) const {
    const Hash hash = code_hash(address);
    if (hash == types::kEmptyCodeHash) return {};
    auto [it, inserted] = m_code.try_emplace(hash);
    if (inserted) it->second = m_base->code(hash);
    return it->second;
}

bool Overlay::has_storage(const Address& address) const {
    const AccountState& account = load(address);
    for (const auto& [slot, state] : account.storage) {
        if (!state.current.is_zero()) return true;
    }
    // Committed storage counts even if every slot read so far was cleared in this block: the
    // overlay does not know how many committed slots there are, and erring towards "has storage"
    // only makes an (already impossible in practice) EIP-7610 collision fail safe.
    return !account.storage_wiped && account.committed &&
           account.committed->storage_root != types::kEmptyTrieRoot;
}

void Overlay::mark_touched(const Address& address) {
    if (m_touched.insert(address).second) {
        m_journal.push_back({JournalEntry::Kind::kTouched, address, {}, {}});
    }
}

types::Account& Overlay::modify(const Address& address) {
    AccountState& account = load(address);
    m_saved_accounts.push_back(account.current);
    m_journal.push_back({JournalEntry::Kind::kAccount, address, {}, {}});
    mark_touched(address);
    if (!account.current) account.current.emplace();
    return *account.current;
}

void Overlay::set_nonce(const Address& address, std::uint64_t nonce) {
    modify(address).nonce = nonce;
}

void Overlay::set_balance(const Address& address, const Uint256& balance) {
    modify(address).balance = balance;
}

void Overlay::add_balance(const Address& address, const Uint256& amount) {
    types::Account& account = modify(address);
    account.balance = account.balance + amount;
}

bool Overlay::sub_balance(const Address& address, const Uint256& amount) {
    if (balance(address) < amount) return false;
    types::Account& account = modify(address);
    account.balance = account.balance - amount;
    return true;
}

void Overlay::set_code(const Address& address, Bytes code) {
    const Hash hash = crypto::keccak256(code);
    m_code.try_emplace(hash, std::move(code));
    modify(address).code_hash = hash;
}

void Overlay::create_account(const Address& address) {
    types::Account& account = modify(address);
    const Uint256 kept = account.balance;
    account = types::Account{};
    account.balance = kept;
    if (m_created.insert(address).second) {
        m_journal.push_back({JournalEntry::Kind::kCreated, address, {}, {}});
    }
}

void Overlay::touch(const Address& address) {
    (void)load(address);
    mark_touched(address);
}

Hash Overlay::storage(const Address& address, const Hash& slot) const {
    AccountState& account = load(address);
    return load_slot(address, account, slot).current;
}

Hash Overlay::original_storage(const Address& address, const Hash& slot) const {
    AccountState& account = load(address);
    return load_slot(address, account, slot).original;
}

void Overlay::set_storage(const Address& address, const Hash& slot, const Hash& value) {
    AccountState& account = load(address);
    SlotState& state = load_slot(address, account, slot);
    if (state.current == value) return;
    m_journal.push_back({JournalEntry::Kind::kStorage, address, slot, state.current});
    state.current = value;
}

Hash Overlay::transient_storage(const Address& address, const Hash& slot) const {
    const auto it = m_transient.find(SlotRef{address, slot});
    return it == m_transient.end() ? Hash{} : it->second;
}

void Overlay::set_transient_storage(const Address& address, const Hash& slot, const Hash& value) {
    const SlotRef ref{address, slot};
    const Hash previous = transient_storage(address, slot);
    if (previous == value) return;
    m_journal.push_back({JournalEntry::Kind::kTransient, address, slot, previous});
    if (value.is_zero()) {
        m_transient.erase(ref);
    } else {
        m_transient.insert_or_assign(ref, value);
    }
}

bool Overlay::access_account(const Address& address) {
    if (!m_warm_accounts.insert(address).second) return false;
    m_journal.push_back({JournalEntry::Kind::kWarmAccount, address, {}, {}});
    return true;
}

bool Overlay::access_storage(const Address& address, const Hash& slot) {
    if (!m_warm_slots.insert(SlotRef{address, slot}).second) return false;
    m_journal.push_back({JournalEntry::Kind::kWarmSlot, address, slot, {}});
    return true;
}

bool Overlay::is_warm(const Address& address) const { return m_warm_accounts.contains(address); }

bool Overlay::is_warm(const Address& address, const Hash& slot) const {
    return m_warm_slots.contains(SlotRef{address, slot});
}

bool Overlay::is_created(const Address& address) const { return m_created.contains(address); }

bool Overlay::destruct(const Address& address) {
    if (!m_destructed.insert(address).second) return false;
    m_journal.push_back({JournalEntry::Kind::kDestructed, address, {}, {}});
    return true;
}

bool Overlay::is_destructed(const Address& address) const { return m_destructed.contains(address); }

void Overlay::undo(const JournalEntry& entry) {
    switch (entry.kind) {
        case JournalEntry::Kind::kAccount:
            m_accounts.find(entry.address)->second.current = std::move(m_saved_accounts.back());
            m_saved_accounts.pop_back();
            break;
        case JournalEntry::Kind::kStorage:
            m_accounts.find(entry.address)->second.storage.find(entry.slot)->second.current =
                entry.previous;
            break;
        case JournalEntry::Kind::kTransient:
            if (entry.previous.is_zero()) {
                m_transient.erase(SlotRef{entry.address, entry.slot});
            } else {
                m_transient.insert_or_assign(SlotRef{entry.address, entry.slot}, entry.previous);
            }
            break;
        case JournalEntry::Kind::kWarmAccount:
            m_warm_accounts.erase(entry.address);
            break;
        case JournalEntry::Kind::kWarmSlot:
            m_warm_slots.erase(SlotRef{entry.address, entry.slot});
            break;
        case JournalEntry::Kind::kCreated:
            m_created.erase(entry.address);
            break;
        case JournalEntry::Kind::kDestructed:
            m_destructed.erase(entry.address);
            break;
        case JournalEntry::Kind::kTouched:
            m_touched.erase(entry.address);
            break;
    }
}

void Overlay::revert(Snapshot snapshot) {
    while (m_journal.size() > snapshot) {
        undo(m_journal.back());
        m_journal.pop_back();
    }
}

void Overlay::delete_account(AccountState& account) {
    const bool had_storage =
        account.storage_wiped || !account.storage.empty() ||
        (account.committed && account.committed->storage_root != types::kEmptyTrieRoot);
    account.current.reset();
    account.storage.clear();
    account.storage_wiped = had_storage;
}

void Overlay::finish_transaction(bool delete_empty_touched) {
    for (const auto& address : m_destructed) delete_account(load(address));
    if (delete_empty_touched) {
        for (const auto& address : m_touched) {
            AccountState& account = load(address);
            if (account.current && account.current->is_empty()) delete_account(account);
        }
    }
    m_transient.clear();
    m_warm_accounts.clear();
    m_warm_slots.clear();
    m_created.clear();
    m_destructed.clear();
    m_touched.clear();
    m_journal.clear();
    m_saved_accounts.clear();
    ++m_tx;
}

Result<Hash, StateError> Overlay::state_root() const {
    auto changes = diff();
    if (!changes) return Unexpected(changes.error());
    return changes->state_root;
}

}  // namespace yunlian::state
