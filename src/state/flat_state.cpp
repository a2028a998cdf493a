#include "state/flat_state.hpp"

#include "crypto/keccak.hpp"
#include "trie/trie.hpp"

namespace yunlian::state {

FlatState::FlatState(KvStore& store) : m_tables(StateTables::open(store)), m_nodes(m_tables.trie) {}

std::optional<types::Account> FlatState::account(const Address& address) const {
    const auto encoded = m_tables.accounts.get(address.view());
    if (!encoded) return std::nullopt;
    auto account = types::decode_account(*encoded);
    if (!account) throw StorageError("state: corrupt account entry");
    return *account;
}

Hash FlatState::storage(const Address& address, const Hash& slot) const {
    const StorageKey key = storage_key(address, slot);
    const auto value = m_tables.storage.get(key);
    if (!value) return Hash{};
    if (value->size() != Hash::kSize) throw StorageError("state: corrupt storage entry");
    return Hash::from_view(*value);
}

Bytes FlatState::code(const Hash& code_hash) const {
    if (code_hash == types::kEmptyCodeHash) return {};
    return m_tables.code.get(code_hash.view()).value_or(Bytes{});
}

Hash FlatState::state_root() const {
    const auto root = m_tables.trie.get(as_bytes(kStateRootKey));
    if (!root) return trie::kEmptyRoot;
    if (root->size() != Hash::kSize) throw StorageError("state: corrupt state root entry");
    return Hash::from_view(*root);
}

void FlatState::apply(const StateDiff& diff, WriteBatch& batch) const {
    for (const auto& [address, change] : diff.accounts) {
        if (change.storage_wiped) {
            m_tables.storage.for_each_prefix(address.view(), [&](BytesView key, BytesView) {
                m_tables.storage.erase(batch, key);
                return true;
            });
        }
        for (const auto& [slot, value] : change.storage) {
            const StorageKey key = storage_key(address, slot);
            if (value.is_zero()) {
                m_tables.storage.erase(batch, key);
            } else {
                m_tables.storage.put(batch, key, value.view());
            }
        }
        if (change.account) {
            m_tables.accounts.put(batch, address.view(), types::encode_account(*change.account));
        } else {
            m_tables.accounts.erase(batch, address.view());
        }
    }
    for (const auto& [hash, code] : diff.code) m_tables.code.put(batch, hash.view(), code);
    for (const auto& [hash, node] : diff.trie_nodes) m_tables.trie.put(batch, hash.view(), node);
    m_tables.trie.put(batch, as_bytes(kStateRootKey), diff.state_root.view());
}

Result<AccountProof, trie::TrieError> FlatState::prove(const Address& address,
                                                       const std::vector<Hash>& slots) const {
    AccountProof out;
    trie::Trie accounts(m_nodes, state_root());
    auto account_proof = accounts.prove(crypto::keccak256(address.view()).view());
    if (!account_proof) return Unexpected(account_proof.error());
    out.account_proof = std::move(*account_proof);
    out.account = account(address);
    const Hash storage_root = out.account ? out.account->storage_root : trie::kEmptyRoot;
    trie::Trie storage(m_nodes, storage_root);
    for (const auto& slot : slots) {
        auto proof = storage.prove(crypto::keccak256(slot.view()).view());
        if (!proof) return Unexpected(proof.error());
        out.storage_proofs.push_back(std::move(*proof));
    }
    return out;
}

}  // namespace yunlian::state
