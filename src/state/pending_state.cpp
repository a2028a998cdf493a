#include "state/pending_state.hpp"

namespace yunlian::state {

PendingState::PendingState(const StateReader& base, const StateDiff& diff) noexcept
    : m_base(&base), m_diff(&diff), m_diff_nodes(diff), m_nodes(m_diff_nodes, base.trie_nodes()) {}

std::optional<Bytes> PendingState::DiffNodes::get_node(const Hash& hash) const {
    const auto it = m_diff->trie_nodes.find(hash);
    if (it == m_diff->trie_nodes.end()) return std::nullopt;
    return it->second;
}

std::optional<types::Account> PendingState::account(const Address& address) const {
    const auto it = m_diff->accounts.find(address);
    if (it == m_diff->accounts.end()) return m_base->account(address);
    return it->second.account;
}

Hash PendingState::storage(const Address& address, const Hash& slot) const {
    const auto it = m_diff->accounts.find(address);
    if (it == m_diff->accounts.end()) return m_base->storage(address, slot);
    const AccountDiff& change = it->second;
    const auto value = change.storage.find(slot);
    if (value != change.storage.end()) return value->second;
    // A deleted account has no storage; a wiped one only what the diff lists.
    if (!change.account || change.storage_wiped) return Hash{};
    return m_base->storage(address, slot);
}

Bytes PendingState::code(const Hash& code_hash) const {
    const auto it = m_diff->code.find(code_hash);
    if (it != m_diff->code.end()) return it->second;
    return m_base->code(code_hash);
}

}  // namespace yunlian::state
