// Overlay::diff(): the block's changes in sorted order, with storage roots and the state root
// computed incrementally over the committed tries (only changed paths are loaded and hashed).

#include <map>

#include "codec/rlp.hpp"
#include "crypto/keccak.hpp"
#include "state/overlay.hpp"
#include "trie/trie.hpp"

namespace yunlian::state {

namespace {

StateError to_state_error(trie::TrieError error) noexcept {
    return error == trie::TrieError::kMissingNode ? StateError::kMissingTrieNode
                                                  : StateError::kCorruptTrieNode;
}

/// A storage trie leaf: the storage trie maps keccak(slot) to RLP(value) with the value's leading
/// zero bytes dropped (Yellow Paper section 4.1, the storage root).
Bytes storage_leaf(const Hash& value) {
    std::size_t skip = 0;
    while (skip < Hash::kSize && value[skip] == 0) ++skip;
    Bytes out;
    rlp::encode_string(out, value.view().subspan(skip));
    return out;
}

Result<Hash, StateError> storage_root(const trie::NodeStore& nodes, const Hash& base,
                                      const std::map<Hash, Hash>& slots,
                                      trie::MemoryNodeStore& staged) {
    trie::Trie storage(nodes, base);
    for (const auto& [slot, value] : slots) {
        const Hash key = crypto::keccak256(slot.view());
        auto done = value.is_zero() ? storage.erase(key.view())
                                    : storage.put(key.view(), storage_leaf(value));
        if (!done) return Unexpected(to_state_error(done.error()));
    }
    return storage.commit(staged);
}

}  // namespace

Result<std::optional<AccountDiff>, StateError> Overlay::account_diff(
    const AccountState& account, trie::MemoryNodeStore& staged) const {
    AccountDiff out;
    out.storage_wiped = account.storage_wiped;
    if (!account.current) {
        if (!account.committed) return std::optional<AccountDiff>{};
        out.storage_wiped = true;
        return std::optional<AccountDiff>(std::move(out));
    }
    for (const auto& [slot, state] : account.storage) {
        const bool changed =
            account.storage_wiped ? !state.current.is_zero() : state.current != state.committed;
        if (changed) out.storage.emplace(slot, state.current);
    }
    types::Account next = *account.current;
    const bool keeps_committed = !account.storage_wiped && account.committed;
    next.storage_root = keeps_committed ? account.committed->storage_root : types::kEmptyTrieRoot;
    if (!out.storage.empty()) {
        auto root = storage_root(m_base->trie_nodes(), next.storage_root, out.storage, staged);
        if (!root) return Unexpected(root.error());
        next.storage_root = *root;
    }
    if (account.committed == next && out.storage.empty() && !account.storage_wiped) {
        return std::optional<AccountDiff>{};
    }
    out.account = next;
    return std::optional<AccountDiff>(std::move(out));
}

Result<StateDiff, StateError> Overlay::diff() const {
    StateDiff out;
    trie::MemoryNodeStore staged;
    trie::Trie accounts(m_base->trie_nodes(), m_base->state_root());
    std::map<Address, const AccountState*> sorted;
    for (const auto& [address, account] : m_accounts) sorted.emplace(address, &account);
    for (const auto& [address, account] : sorted) {
        auto change = account_diff(*account, staged);
        if (!change) return Unexpected(change.error());
        if (!*change) continue;
        const Hash key = crypto::keccak256(address.view());
        const auto& next = (*change)->account;
        auto done = next ? accounts.put(key.view(), types::encode_account(*next))
                         : accounts.erase(key.view());
        if (!done) return Unexpected(to_state_error(done.error()));
        const bool new_code =
            next && next->code_hash != types::kEmptyCodeHash &&
            (!account->committed || account->committed->code_hash != next->code_hash);
        if (new_code) {
            const auto it = m_code.find(next->code_hash);
            if (it != m_code.end()) out.code.emplace(next->code_hash, it->second);
        }
        out.accounts.emplace(address, std::move(**change));
    }
    out.state_root = accounts.commit(staged);
    out.trie_nodes = staged.take_nodes();
    return out;
}

}  // namespace yunlian::state
