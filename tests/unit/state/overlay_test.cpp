#include "state/overlay.hpp"

#include <gtest/gtest.h>

#include "state/memory_kv.hpp"
#include "test_util.hpp"

namespace yunlian::state {
namespace {

using test::addr;
using test::word;

/// A base state with two funded accounts, one a contract with two storage slots.
class OverlayTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Overlay genesis(m_flat);
        genesis.set_balance(kAlice, 1000);
        genesis.set_nonce(kAlice, 5);
        genesis.set_balance(kContract, 7);
        genesis.set_nonce(kContract, 1);
        genesis.set_code(kContract, Bytes{0x60, 0x00});
        genesis.set_storage(kContract, word(1), word(11));
        genesis.set_storage(kContract, word(2), word(22));
        genesis.finish_transaction(false);
        test::commit(genesis, m_flat, m_kv);
    }

    const Address kAlice = addr(1);
    const Address kContract = addr(2);
    const Address kNobody = addr(99);
    MemoryKv m_kv{state_families()};
    FlatState m_flat{m_kv};
};

TEST_F(OverlayTest, ReadsFallThroughAndWritesStayInTheOverlay) {
    Overlay overlay(m_flat);
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1000});
    EXPECT_EQ(overlay.nonce(kAlice), 5U);
    EXPECT_EQ(overlay.storage(kContract, word(1)), word(11));
    EXPECT_EQ(overlay.storage(kContract, word(3)), Hash{});
    EXPECT_EQ(overlay.code(kContract).size(), 2U);
    EXPECT_FALSE(overlay.exists(kNobody));
    EXPECT_TRUE(overlay.is_dead(kNobody));
    EXPECT_EQ(overlay.code_hash(kNobody), types::kEmptyCodeHash);
    overlay.set_balance(kAlice, 1);
    overlay.set_storage(kContract, word(1), word(5));
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1});
    EXPECT_EQ(m_flat.account(kAlice)->balance, Uint256{1000});
    EXPECT_EQ(m_flat.storage(kContract, word(1)), word(11));
}

TEST_F(OverlayTest, BalanceArithmetic) {
    Overlay overlay(m_flat);
    overlay.add_balance(kAlice, 50);
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1050});
    EXPECT_FALSE(overlay.sub_balance(kAlice, 2000));
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1050});
    EXPECT_TRUE(overlay.sub_balance(kAlice, 1050));
    EXPECT_EQ(overlay.balance(kAlice), Uint256{0});
    overlay.add_balance(kNobody, 3);
    EXPECT_TRUE(overlay.exists(kNobody));
}

TEST_F(OverlayTest, NestedSnapshotsRevertInOrder) {
    Overlay overlay(m_flat);
    overlay.set_storage(kContract, word(1), word(100));
    const auto outer = overlay.snapshot();
    overlay.add_balance(kAlice, 1);
    overlay.set_storage(kContract, word(1), word(200));
    overlay.set_transient_storage(kContract, word(9), word(1));
    EXPECT_TRUE(overlay.access_account(kNobody));
    EXPECT_TRUE(overlay.access_storage(kContract, word(1)));
    const auto inner = overlay.snapshot();
    overlay.set_nonce(kAlice, 77);
    overlay.set_code(kAlice, Bytes{0xfe});
    overlay.set_storage(kContract, word(1), word(300));
    overlay.set_storage(kContract, word(4), word(4));
    overlay.set_transient_storage(kContract, word(9), word(2));
    overlay.create_account(kNobody);
    EXPECT_TRUE(overlay.destruct(kNobody));
    overlay.revert(inner);
    EXPECT_EQ(overlay.nonce(kAlice), 5U);
    EXPECT_EQ(overlay.code_hash(kAlice), types::kEmptyCodeHash);
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1001});
    EXPECT_EQ(overlay.storage(kContract, word(1)), word(200));
    EXPECT_EQ(overlay.storage(kContract, word(4)), Hash{});
    EXPECT_EQ(overlay.transient_storage(kContract, word(9)), word(1));
    EXPECT_FALSE(overlay.exists(kNobody));
    EXPECT_FALSE(overlay.is_created(kNobody));
    EXPECT_FALSE(overlay.is_destructed(kNobody));
    EXPECT_TRUE(overlay.is_warm(kNobody));
    overlay.revert(outer);
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1000});
    EXPECT_EQ(overlay.storage(kContract, word(1)), word(100));
    EXPECT_EQ(overlay.transient_storage(kContract, word(9)), Hash{});
    EXPECT_FALSE(overlay.is_warm(kNobody)) << "a revert makes accessed accounts cold again";
    EXPECT_FALSE(overlay.is_warm(kContract, word(1)));
    EXPECT_TRUE(overlay.access_account(kNobody));
    EXPECT_FALSE(overlay.access_account(kNobody));
}

TEST_F(OverlayTest, RevertingEverythingLeavesNoDiff) {
    Overlay overlay(m_flat);
    const auto start = overlay.snapshot();
    overlay.add_balance(kAlice, 1);
    overlay.set_storage(kContract, word(2), Hash{});
    overlay.add_balance(kNobody, 0);
    overlay.revert(start);
    overlay.finish_transaction(true);
    auto diff = overlay.diff();
    ASSERT_TRUE(diff);
    EXPECT_TRUE(diff->accounts.empty());
    EXPECT_EQ(diff->state_root, m_flat.state_root());
}

// EIP-2200 / EIP-3529: the original value is the one at the start of the transaction.
TEST_F(OverlayTest, OriginalStorageIsPerTransaction) {
    Overlay overlay(m_flat);
    EXPECT_EQ(overlay.original_storage(kContract, word(1)), word(11));
    overlay.set_storage(kContract, word(1), word(12));
    overlay.set_storage(kContract, word(1), word(13));
    EXPECT_EQ(overlay.original_storage(kContract, word(1)), word(11));
    EXPECT_EQ(overlay.storage(kContract, word(1)), word(13));
    overlay.set_storage(kContract, word(7), word(70));
    EXPECT_EQ(overlay.original_storage(kContract, word(7)), Hash{});
    overlay.finish_transaction(true);
    EXPECT_EQ(overlay.original_storage(kContract, word(1)), word(13));
    EXPECT_EQ(overlay.original_storage(kContract, word(7)), word(70));
    overlay.set_storage(kContract, word(1), word(14));
    const auto snap = overlay.snapshot();
    overlay.set_storage(kContract, word(1), word(15));
    overlay.revert(snap);
    EXPECT_EQ(overlay.storage(kContract, word(1)), word(14));
    EXPECT_EQ(overlay.original_storage(kContract, word(1)), word(13));
    overlay.finish_transaction(true);
    // Written in an earlier transaction, first read in this one.
    EXPECT_EQ(overlay.original_storage(kContract, word(1)), word(14));
}

TEST_F(OverlayTest, TransientAndWarmSetsEndWithTheTransaction) {
    Overlay overlay(m_flat);
    overlay.set_transient_storage(kContract, word(1), word(5));
    EXPECT_TRUE(overlay.access_storage(kContract, word(1)));
    EXPECT_FALSE(overlay.access_storage(kContract, word(1)));
    overlay.create_account(kNobody);
    EXPECT_TRUE(overlay.is_created(kNobody));
    overlay.finish_transaction(true);
    EXPECT_EQ(overlay.transient_storage(kContract, word(1)), Hash{});
    EXPECT_FALSE(overlay.is_warm(kContract, word(1)));
    EXPECT_FALSE(overlay.is_created(kNobody));
    auto diff = overlay.diff();
    ASSERT_TRUE(diff);
    EXPECT_TRUE(diff->accounts.empty()) << "transient storage never reaches the state";
}

// EIP-161: touched accounts that end a transaction empty are deleted, when asked.
TEST_F(OverlayTest, TouchedEmptyAccountsAreDeleted) {
    {
        Overlay overlay(m_flat);
        overlay.add_balance(kNobody, 0);  // a zero-value transfer to a fresh address
        EXPECT_TRUE(overlay.exists(kNobody));
        overlay.finish_transaction(true);
        EXPECT_FALSE(overlay.exists(kNobody));
        EXPECT_TRUE(overlay.diff()->accounts.empty());
    }
    {
        Overlay overlay(m_flat);
        overlay.add_balance(kNobody, 0);
        overlay.finish_transaction(false);  // before Spurious Dragon: empty accounts stay
        EXPECT_TRUE(overlay.exists(kNobody));
        auto diff = overlay.diff();
        ASSERT_TRUE(diff);
        ASSERT_EQ(diff->accounts.count(kNobody), 1U);
        EXPECT_TRUE(diff->accounts.at(kNobody).account->is_empty());
    }
    {
        Overlay overlay(m_flat);
        EXPECT_TRUE(overlay.sub_balance(kAlice, 1000));
        overlay.set_nonce(kAlice, 0);
        overlay.touch(kContract);
        overlay.finish_transaction(true);
        EXPECT_FALSE(overlay.exists(kAlice));
        EXPECT_TRUE(overlay.exists(kContract)) << "has code and nonce: not empty";
        auto diff = overlay.diff();
        ASSERT_TRUE(diff);
        ASSERT_EQ(diff->accounts.count(kAlice), 1U);
        EXPECT_FALSE(diff->accounts.at(kAlice).account.has_value());
    }
}

TEST_F(OverlayTest, DestructDeletesAccountAndStorageAtTransactionEnd) {
    Overlay overlay(m_flat);
    EXPECT_TRUE(overlay.has_storage(kContract));
    EXPECT_TRUE(overlay.destruct(kContract));
    EXPECT_FALSE(overlay.destruct(kContract));
    EXPECT_TRUE(overlay.exists(kContract)) << "deletion waits for the end of the transaction";
    overlay.finish_transaction(true);
    EXPECT_FALSE(overlay.exists(kContract));
    EXPECT_EQ(overlay.storage(kContract, word(1)), Hash{});
    EXPECT_FALSE(overlay.has_storage(kContract));
    // Recreated in a later transaction: starts with empty storage.
    overlay.create_account(kContract);
    overlay.set_nonce(kContract, 1);
    overlay.set_storage(kContract, word(3), word(33));
    overlay.finish_transaction(true);
    auto diff = overlay.diff();
    ASSERT_TRUE(diff);
    const AccountDiff& change = diff->accounts.at(kContract);
    EXPECT_TRUE(change.storage_wiped);
    EXPECT_EQ(change.storage.size(), 1U);
    std::map<Address, test::ModelAccount> model;
    model[kAlice] = {5, 1000, {}, {}};
    model[kContract] = {1, 0, {}, {{word(3), word(33)}}};  // the balance went with it
    EXPECT_EQ(diff->state_root, test::model_root(model));
    // The flat store loses the old slots once the diff is applied.
    WriteBatch batch;
    m_flat.apply(*diff, batch);
    m_kv.write(batch);
    EXPECT_EQ(m_flat.storage(kContract, word(1)), Hash{});
    EXPECT_EQ(m_flat.storage(kContract, word(2)), Hash{});
    EXPECT_EQ(m_flat.storage(kContract, word(3)), word(33));
    EXPECT_EQ(m_flat.account(kContract)->balance, Uint256{0});
}

TEST_F(OverlayTest, CreateKeepsBalanceAndResetsNonceAndCode) {
    Overlay overlay(m_flat);
    overlay.create_account(kAlice);
    EXPECT_EQ(overlay.balance(kAlice), Uint256{1000});
    EXPECT_EQ(overlay.nonce(kAlice), 0U);
    EXPECT_TRUE(overlay.is_created(kAlice));
    EXPECT_FALSE(overlay.has_storage(kAlice));
    EXPECT_FALSE(overlay.has_storage(kNobody));
}

TEST_F(OverlayTest, DiffListsOnlyChangesWithNewCode) {
    Overlay overlay(m_flat);
    (void)overlay.balance(kAlice);
    (void)overlay.storage(kContract, word(1));
    overlay.set_storage(kContract, word(2), word(22));  // same value: no change
    overlay.set_code(kNobody, Bytes{0x01, 0x02, 0x03});
    overlay.finish_transaction(true);
    auto diff = overlay.diff();
    ASSERT_TRUE(diff);
    ASSERT_EQ(diff->accounts.size(), 1U);
    EXPECT_EQ(diff->accounts.begin()->first, kNobody);
    ASSERT_EQ(diff->code.size(), 1U);
    EXPECT_EQ(diff->code.begin()->first, crypto::keccak256(Bytes{0x01, 0x02, 0x03}));
}

}  // namespace
}  // namespace yunlian::state
