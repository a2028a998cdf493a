#pragma once
// Helpers shared by the state tests: addresses and words from small numbers, a commit helper,
// and an independent model of a state whose root is built with trie::sorted_root only.

#include <map>
#include <vector>

#include "codec/rlp.hpp"
#include "crypto/keccak.hpp"
#include "state/flat_state.hpp"
#include "state/overlay.hpp"
#include "trie/sorted_root.hpp"

namespace yunlian::state::test {

inline Address addr(std::uint64_t n) {
    Address a;
    for (std::size_t i = 0; i < 8; ++i) a[19 - i] = static_cast<std::uint8_t>(n >> (8 * i));
    a[0] = 0xaa;
    return a;
}

inline Hash word(std::uint64_t n) {
    Hash h;
    for (std::size_t i = 0; i < 8; ++i) h[31 - i] = static_cast<std::uint8_t>(n >> (8 * i));
    return h;
}

/// Writes the overlay's changes into the store in one batch; returns the new root.
inline Hash commit(const Overlay& overlay, const FlatState& flat, KvStore& store) {
    auto diff = overlay.diff();
    if (!diff) throw std::runtime_error("diff failed");
    WriteBatch batch;
    flat.apply(*diff, batch);
    store.write(batch);
    return diff->state_root;
}

/// An account as a test describes it, independent of the overlay.
struct ModelAccount {
    std::uint64_t nonce = 0;
    Uint256 balance;
    Bytes code;
    std::map<Hash, Hash> storage;  ///< non-zero values only
};

/// The state root of `model` computed from scratch with sorted builds (Yellow Paper section 4.1:
/// keys are keccak(address) and keccak(slot); storage values are RLP of the trimmed word).
inline Hash model_root(const std::map<Address, ModelAccount>& model) {
    std::vector<std::pair<Bytes, Bytes>> leaves;
    for (const auto& [address, account] : model) {
        std::vector<std::pair<Bytes, Bytes>> slots;
        for (const auto& [slot, value] : account.storage) {
            std::size_t skip = 0;
            while (skip < 32 && value[skip] == 0) ++skip;
            Bytes leaf;
            rlp::encode_string(leaf, value.view().subspan(skip));
            slots.emplace_back(to_bytes(crypto::keccak256(slot.view()).view()), leaf);
        }
        types::Account encoded;
        encoded.nonce = account.nonce;
        encoded.balance = account.balance;
        encoded.code_hash = crypto::keccak256(account.code);
        encoded.storage_root = trie::unsorted_root(std::move(slots)).value();
        leaves.emplace_back(to_bytes(crypto::keccak256(address.view()).view()),
                            types::encode_account(encoded));
    }
    return trie::unsorted_root(std::move(leaves)).value();
}

/// Puts the model's accounts into `overlay` as a genesis would.
inline void load_model(Overlay& overlay, const std::map<Address, ModelAccount>& model) {
    for (const auto& [address, account] : model) {
        overlay.create_account(address);
        overlay.set_nonce(address, account.nonce);
        overlay.set_balance(address, account.balance);
        if (!account.code.empty()) overlay.set_code(address, account.code);
        for (const auto& [slot, value] : account.storage) overlay.set_storage(address, slot, value);
    }
    overlay.finish_transaction(false);
}

}  // namespace yunlian::state::test
