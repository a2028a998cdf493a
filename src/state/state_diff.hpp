#pragma once
// The changes one block (or any run of transactions) made to a state, in sorted order, with the
// trie nodes they create and the resulting root: everything a commit writes.

#include <map>
#include <optional>

#include "common/bytes.hpp"
#include "types/account.hpp"

namespace yunlian::state {

/// What happened to one account.
struct AccountDiff {
    /// The new account, its storage_root already updated; nullopt when deleted.
    std::optional<types::Account> account;
    /// The committed storage is dropped before `storage` applies (selfdestruct, EIP-161 deletion).
    bool storage_wiped = false;
    /// New slot values; a zero value deletes the slot.
    std::map<Hash, Hash> storage;
};

struct StateDiff {
    std::map<Address, AccountDiff> accounts;
    /// Code deployed by the accounts above, by hash.
    std::map<Hash, Bytes> code;
    /// New account- and storage-trie nodes, by hash.
    std::map<Hash, Bytes> trie_nodes;
    /// The state root after the changes.
    Hash state_root;
};

}  // namespace yunlian::state
