#include "types/block.hpp"

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "types/account.hpp"
#include "types/receipt.hpp"

namespace yunlian::types {
namespace {

template <std::size_t N>
FixedBytes<N> fixed(std::string_view h) {
    return *fixed_from_hex<N>(h);
}

// Ethereum mainnet's genesis header: its hash is the best-known constant of the chain.
BlockHeader mainnet_genesis() {
    BlockHeader h;
    h.ommers_hash = fixed<32>("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    h.state_root = fixed<32>("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544");
    h.transactions_root = kEmptyTrieRoot;
    h.receipts_root = kEmptyTrieRoot;
    h.difficulty = Uint256(0x400000000ULL);
    h.gas_limit = 5000;
    h.extra_data = *from_hex("0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa");
    h.nonce = fixed<8>("0x0000000000000042");
    return h;
}

TEST(Header, MainnetGenesisHash) {
    EXPECT_EQ(to_hex(header_hash(mainnet_genesis()).view()),
              "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3");
}

TEST(Header, RoundTripWithCancunFields) {
    BlockHeader h = mainnet_genesis();
    h.base_fee_per_gas = Uint256(7);
    h.withdrawals_root = kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 131072;
    h.parent_beacon_block_root = Hash{};
    const Bytes encoded = encode_header(h);
    auto back = decode_header(encoded);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, h);
}

TEST(Header, BlobGasWithoutExcessIsAGap) {
    BlockHeader h = mainnet_genesis();
    h.base_fee_per_gas = Uint256(7);
    h.withdrawals_root = kEmptyTrieRoot;
    h.blob_gas_used = 0;
    const Bytes encoded = encode_header(h);
    EXPECT_EQ(decode_header(encoded).error().code, HeaderErrorCode::kOptionalFieldGap);
}

TEST(Header, TruncatedIsAnError) {
    Bytes encoded = encode_header(mainnet_genesis());
    encoded.resize(encoded.size() - 3);
    EXPECT_FALSE(decode_header(encoded));
}

TEST(Block, RoundTrip) {
    Block block;
    block.header = mainnet_genesis();
    Transaction legacy;
    legacy.chain_id = 20261;
    legacy.gas_limit = 21000;
    legacy.to = Address{};
    legacy.r = Uint256(1);
    legacy.s = Uint256(2);
    Transaction typed = legacy;
    typed.type = TxType::kDynamicFee;
    typed.max_fee_per_gas = Uint256(10);
    typed.access_list.push_back({Address{}, {Hash{}}});
    block.transactions = {legacy, typed};
    block.ommers = {mainnet_genesis()};
    block.withdrawals = std::vector<Withdrawal>{{1, 2, Address{}, 3}};
    const Bytes encoded = encode_block(block);
    auto back = decode_block(encoded);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, block);
}

TEST(Block, BadTransactionIsNamedByIndex) {
    Block block;
    block.header = mainnet_genesis();
    Transaction txn;
    txn.type = TxType::kAccessList;
    txn.y_parity = 5;
    block.transactions = {txn};
    auto back = decode_block(encode_block(block));
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().code, BlockErrorCode::kTransaction);
    EXPECT_EQ(back.error().index, 0u);
    EXPECT_EQ(back.error().txn_error.code, TxErrorCode::kInvalidYParity);
}

TEST(Bloom, SetsThreeBitsPerEntryAndFindsThem) {
    Log log;
    log.address = fixed<20>("0x0000000000000000000000000000000000000001");
    log.topics = {Hash{}};
    const Bloom bloom = logs_bloom({log});
    int bits = 0;
    for (auto b : bloom) bits += std::popcount(b);
    EXPECT_GE(bits, 3);
    EXPECT_LE(bits, 6);
    EXPECT_TRUE(bloom_may_contain(bloom, log.address.view()));
    EXPECT_TRUE(bloom_may_contain(bloom, Hash{}.view()));
    EXPECT_FALSE(bloom_may_contain(Bloom{}, log.address.view()));
}

TEST(Logs, EmptyListHashIsTheStateTestsConstant) {
    // keccak(rlp([])) appears as "logs" in every state test without logs.
    EXPECT_EQ(to_hex(crypto::keccak256(encode_logs({})).view()),
              "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
}

TEST(Receipt, RoundTripTyped) {
    Receipt r;
    r.type = TxType::kDynamicFee;
    r.success = true;
    r.cumulative_gas_used = 42000;
    Log log;
    log.topics = {Hash{}, Hash{}};
    log.data = {1, 2, 3};
    r.logs = {log};
    r.bloom = logs_bloom(r.logs);
    const Bytes encoded = encode_receipt(r);
    EXPECT_EQ(encoded[0], 2);
    auto back = decode_receipt(encoded);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, r);
    EXPECT_FALSE(decode_receipt(Bytes{0x05, 0xc0}));
}

TEST(Account, EncodingRoundTripAndEmptiness) {
    Account a;
    EXPECT_TRUE(a.is_empty());
    a.nonce = 1;
    a.balance = *Uint256::from_string("1000000000000000000000");
    EXPECT_FALSE(a.is_empty());
    auto back = decode_account(encode_account(a));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, a);
    EXPECT_EQ(crypto::keccak256({}), kEmptyCodeHash);
    EXPECT_EQ(crypto::keccak256(rlp::encode_string(BytesView{})), kEmptyTrieRoot);
}

}  // namespace
}  // namespace yunlian::types
