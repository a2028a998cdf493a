#pragma once
// Where state lives in the key-value store (docs/STATE.md):
//   state.accounts  address (20 bytes)                  -> RLP([nonce, balance, storageRoot,
//   codeHash]) state.storage   address (20) ++ slot (32)           -> value (32 bytes, never zero)
//   state.code      code hash (32)                      -> code
//   state.trie      node hash (32)                      -> node RLP (account and storage tries)
//                   "state_root" (10 bytes)             -> root of the flat state (32 bytes)
// The flat families answer reads in one lookup; the trie family gives roots and proofs.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "state/kv_store.hpp"

namespace yunlian::state {

inline constexpr std::string_view kAccountsFamily = "state.accounts";
inline constexpr std::string_view kStorageFamily = "state.storage";
inline constexpr std::string_view kCodeFamily = "state.code";
inline constexpr std::string_view kTrieFamily = "state.trie";
/// The key of the committed state root in the trie family; its length keeps it apart from hashes.
inline constexpr std::string_view kStateRootKey = "state_root";

/// The families state needs, to pass to MemoryKv or RocksKv::open with the chain's own.
[[nodiscard]] std::vector<std::string> state_families();

/// The four families, resolved once.
struct StateTables {
    KvTable accounts;
    KvTable storage;
    KvTable code;
    KvTable trie;

    /// Looks the families up in `store`; throws StorageError when one is missing.
    [[nodiscard]] static StateTables open(KvStore& store);
};

/// The flat storage key: address ++ slot.
using StorageKey = std::array<std::uint8_t, Address::kSize + Hash::kSize>;
[[nodiscard]] StorageKey storage_key(const Address& address, const Hash& slot) noexcept;

}  // namespace yunlian::state
