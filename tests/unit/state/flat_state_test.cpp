#include "state/flat_state.hpp"

#include <gtest/gtest.h>

#include "state/memory_kv.hpp"
#include "test_util.hpp"
#include "trie/node_codec.hpp"

namespace yunlian::state {
namespace {

using test::addr;
using test::word;

TEST(FlatState, EmptyStoreIsTheEmptyState) {
    MemoryKv kv(state_families());
    FlatState flat(kv);
    EXPECT_FALSE(flat.account(addr(1)).has_value());
    EXPECT_EQ(flat.storage(addr(1), word(1)), Hash{});
    EXPECT_TRUE(flat.code(types::kEmptyCodeHash).empty());
    EXPECT_TRUE(flat.code(word(5)).empty());
}

TEST(FlatState, NeedsItsFamilies) {
    MemoryKv kv({"something.else"});
    EXPECT_THROW(FlatState{kv}, StorageError);
}

TEST(FlatState, KeyLayout) {
    MemoryKv kv(state_families());
    FlatState flat(kv);
    Overlay overlay(flat);
    overlay.set_nonce(addr(1), 1);
    overlay.set_code(addr(1), Bytes{0x60, 0x01});
    overlay.set_storage(addr(1), word(2), word(3));
    overlay.finish_transaction(true);
    test::commit(overlay, flat, kv);
    const StateTables& tables = flat.tables();
    const auto account = tables.accounts.get(addr(1).view());
    ASSERT_TRUE(account.has_value());
    EXPECT_EQ(types::decode_account(*account)->nonce, 1U);
    EXPECT_EQ(tables.storage.get(storage_key(addr(1), word(2))), to_bytes(word(3).view()));
    EXPECT_EQ(tables.code.get(crypto::keccak256(Bytes{0x60, 0x01}).view()), (Bytes{0x60, 0x01}));
    EXPECT_EQ(tables.trie.get(as_bytes(kStateRootKey)), to_bytes(flat.state_root().view()));
    EXPECT_TRUE(tables.trie.get(flat.state_root().view()).has_value()) << "root node stored";
    // Clearing the slot erases the flat entry rather than storing zero.
    Overlay next(flat);
    next.set_storage(addr(1), word(2), Hash{});
    next.finish_transaction(true);
    test::commit(next, flat, kv);
    EXPECT_FALSE(tables.storage.get(storage_key(addr(1), word(2))).has_value());
    EXPECT_EQ(flat.account(addr(1))->storage_root, trie::kEmptyRoot);
}

// Corrupt entries are storage faults, reported as StorageError, never read as "absent".
TEST(FlatState, CorruptEntriesThrow) {
    MemoryKv kv(state_families());
    FlatState flat(kv);
    const StateTables& tables = flat.tables();
    tables.accounts.put(addr(1).view(), Bytes{0xc1, 0x80});  // a list of one field
    EXPECT_THROW((void)flat.account(addr(1)), StorageError);
    tables.accounts.put(addr(2).view(), Bytes{0xff});  // not RLP
    EXPECT_THROW((void)flat.account(addr(2)), StorageError);
    tables.storage.put(storage_key(addr(1), word(1)), Bytes{1, 2, 3});  // not 32 bytes
    EXPECT_THROW((void)flat.storage(addr(1), word(1)), StorageError);
    tables.trie.put(as_bytes(kStateRootKey), Bytes{1});
    EXPECT_THROW((void)flat.state_root(), StorageError);
}

TEST(FlatState, CorruptTrieNodeIsAStateError) {
    MemoryKv kv(state_families());
    FlatState flat(kv);
    Overlay genesis(flat);
    for (std::uint64_t i = 0; i < 20; ++i) genesis.set_balance(addr(i), Uint256{i + 1});
    genesis.finish_transaction(true);
    const Hash root = test::commit(genesis, flat, kv);
    flat.tables().trie.put(root.view(), Bytes{0xc3, 0x01, 0x02, 0x03});
    Overlay next(flat);
    next.set_balance(addr(3), Uint256{100});
    next.finish_transaction(true);
    auto diff = next.diff();
    ASSERT_FALSE(diff);
    EXPECT_EQ(diff.error(), StateError::kCorruptTrieNode);
    EXPECT_FALSE(to_string(diff.error()).empty());
}

}  // namespace
}  // namespace yunlian::state
