#include "chain/chain_store.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "crypto/secp256k1.hpp"
#include "evm/vm.hpp"
#include "execution/block_builder.hpp"
#include "execution/block_fees.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"

namespace yunlian::chain {
namespace {

constexpr std::uint64_t kGwei = 1'000'000'000;

crypto::PrivateKey key(std::uint8_t n) {
    FixedBytes<32> b{};
    b[31] = n;
    return *crypto::parse_private_key(b.view());
}
Address address_of(std::uint8_t n) { return crypto::address_of(*crypto::public_key_of(key(n))); }

Genesis test_genesis() {
    Genesis g;
    types::Account a;
    a.balance = Uint256{1'000'000'000'000'000'000ULL};
    g.alloc[address_of(1)] = a;
    g.alloc[address_of(2)] = a;
    g.coinbase = Address{{0xcb}};
    return g;
}

std::unique_ptr<state::KvStore> memory_store() {
    auto families = state::state_families();
    for (auto& f : chain_families()) families.push_back(f);
    return std::make_unique<state::MemoryKv>(families);
}

types::Transaction transfer(std::uint8_t from, std::uint64_t nonce, const Address& to,
                            std::uint64_t value) {
    types::Transaction t;
    t.type = types::TxType::kDynamicFee;
    t.chain_id = kDefaultChainId;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{10 * kGwei};
    t.max_priority_fee_per_gas = Uint256{2 * kGwei};
    t.gas_limit = 21'000;
    t.to = to;
    t.value = Uint256{value};
    (void)types::sign_transaction(t, key(from));
    return t;
}

/// Builds and commits one block of `txns` on the head.
execution::BlockOutput add_block(ChainStore& chain, const std::vector<types::Transaction>& txns) {
    const auto parent = chain.head();
    execution::BlockParams env;
    env.parent_hash = chain.head_hash();
    env.block_num = parent.block_num + 1;
    env.timestamp = parent.timestamp + 12;
    env.gas_limit = parent.gas_limit;
    env.base_fee = execution::next_base_fee(parent);
    env.beneficiary = Address{{0xcb}};
    env.chain_id = chain.chain_id();
    env.block_hash = [&chain](std::int64_t n) {
        return chain.canonical_hash(static_cast<std::uint64_t>(n)).value_or(Hash{});
    };
    std::vector<execution::Candidate> candidates;
    for (const auto& t : txns) {
        candidates.push_back({&t, *types::recover_sender(t), types::transaction_hash(t)});
    }
    evm::Vm vm;
    auto out = execution::build_block(env, candidates, chain.state(), vm);
    chain.commit(BlockCommit{
        out.block, out.receipts, out.senders, out.txn_hashes, out.gas_used, out.diff, {}});
    return out;
}

TEST(Genesis, ParsesGethJson) {
    const auto g = parse_genesis_json(R"({
        "config": {"chainId": 1337},
        "gasLimit": "0x1c9c380",
        "baseFeePerGas": "1000000000",
        "alloc": {
            "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266": {"balance": "0x10"},
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8": {"balance": "25", "nonce": "0x2"}
        }})");
    EXPECT_EQ(g.chain_id, 1337U);
    EXPECT_EQ(g.gas_limit, 30'000'000U);
    ASSERT_EQ(g.alloc.size(), 2U);
    EXPECT_EQ(g.alloc.begin()->second.balance, Uint256{25});
    EXPECT_EQ(g.alloc.begin()->second.nonce, 2U);
}

TEST(Genesis, RejectsMalformedSpecs) {
    EXPECT_THROW((void)parse_genesis_json("[]"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json("{"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"alloc": {"0x12": {"balance": "1"}}})"),
                 std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"gasLimit": "lots"})"), std::runtime_error);
    EXPECT_THROW((void)parse_genesis_json(R"({"gasLimit": 100})"), std::runtime_error);
    EXPECT_THROW(
        (void)parse_genesis_json(
            R"({"alloc": {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8": {"code": "0x00"}}})"),
        std::runtime_error);
}

TEST(ChainStore, WritesGenesisOnce) {
    const Genesis g = test_genesis();
    ChainStore chain(memory_store(), g);
    EXPECT_EQ(chain.head().block_num, 0U);
    EXPECT_EQ(chain.head_hash(), types::header_hash(genesis_header(g)));
    // The overlay's incremental root (stored) and the sorted build agree.
    EXPECT_EQ(chain.state_root(), genesis_state_root(g));
    EXPECT_EQ(chain.account(address_of(1))->balance, g.alloc.at(address_of(1)).balance);
    EXPECT_FALSE(chain.account(address_of(3)));
}

TEST(ChainStore, CommitsBlocksWithStateReceiptsAndIndex) {
    const Genesis g = test_genesis();
    ChainStore chain(memory_store(), g);
    const Address bob = address_of(3);
    const auto t1 = transfer(1, 0, bob, 1000);
    const auto t2 = transfer(2, 0, bob, 500);
    const auto out = add_block(chain, {t1, t2});
    ASSERT_EQ(out.block.transactions.size(), 2U);
    const auto head = chain.head();
    EXPECT_EQ(head.block_num, 1U);
    EXPECT_EQ(head.gas_used, 42'000U);
    EXPECT_EQ(chain.state_root(), head.state_root);
    EXPECT_EQ(chain.account(bob)->balance, Uint256{1500});
    EXPECT_EQ(chain.account(address_of(1))->nonce, 1U);
    // Fees: price = base (0.875 gwei after an empty genesis) + 2 gwei tip; the tip goes to the
    // coinbase, the base fee is burned.
    const Uint256 base = *head.base_fee_per_gas;
    EXPECT_EQ(base, Uint256{875'000'000});
    EXPECT_EQ(chain.account(Address{{0xcb}})->balance, Uint256{2 * 21'000 * 2 * kGwei});
    EXPECT_EQ(chain.account(address_of(1))->balance,
              g.alloc.at(address_of(1)).balance - Uint256{1000} -
                  Uint256{21'000} * (base + Uint256{2 * kGwei}));

    const auto loc = chain.find_transaction(types::transaction_hash(t2));
    ASSERT_TRUE(loc);
    EXPECT_EQ(loc->block_num, 1U);
    EXPECT_EQ(loc->index, 1U);
    EXPECT_EQ(loc->sender, address_of(2));
    EXPECT_EQ(*chain.transaction_at(loc->block_hash, 1), t2);
    const auto receipt = chain.receipt_at(loc->block_hash, 1);
    ASSERT_TRUE(receipt);
    EXPECT_EQ(receipt->receipt.cumulative_gas_used, 42'000U);
    EXPECT_EQ(receipt->gas_used, 21'000U);
    EXPECT_EQ(chain.transactions(chain.head_hash()).size(), 2U);
    EXPECT_EQ(*chain.canonical_hash(1), chain.head_hash());
    // History: the genesis state still answers through the trie.
    EXPECT_FALSE(chain.account_at(chain.header_by_num(0)->state_root, bob));
    EXPECT_EQ(chain.account_at(head.state_root, bob)->balance, Uint256{1500});
}

TEST(ChainStore, SkipsInvalidTransactionsAndRefusesForeignBlocks) {
    ChainStore chain(memory_store(), test_genesis());
    const auto good = transfer(1, 0, address_of(3), 1);
    const auto stale = transfer(1, 0, address_of(3), 2);  // same nonce: one of them fails
    const auto broke = transfer(5, 0, address_of(3), 1);  // no funds
    const auto out = add_block(chain, {good, stale, broke});
    EXPECT_EQ(out.block.transactions.size(), 1U);
    ASSERT_EQ(out.rejected.size(), 2U);
    EXPECT_EQ(out.rejected[0].second, execution::RejectReason::kInvalid);
    EXPECT_EQ(out.rejected[1].second, execution::RejectReason::kInvalid);
    BlockCommit orphan;
    orphan.block.header.parent_hash = Hash{{1}};
    EXPECT_THROW(chain.commit(orphan), std::runtime_error);
}

TEST(ChainStore, ReopensAtTheHeadAndRefusesAnotherGenesis) {
    const auto dir = std::filesystem::temp_directory_path() / "yunlian-chain-test";
    std::filesystem::remove_all(dir);
    Hash head;
    {
        auto chain = open_chain(dir, test_genesis());
        add_block(*chain, {transfer(1, 0, address_of(3), 7)});
        head = chain->head_hash();
    }
    {
        auto chain = open_chain(dir, test_genesis());
        EXPECT_EQ(chain->head_hash(), head);
        EXPECT_EQ(chain->account(address_of(3))->balance, Uint256{7});
    }
    Genesis other = test_genesis();
    other.chain_id = 1;
    EXPECT_THROW((void)open_chain(dir, other), std::runtime_error);
    std::filesystem::remove_all(dir);
}

TEST(ExecuteBlock, ReplaysABuiltBlockAndCatchesTampering) {
    ChainStore source(memory_store(), test_genesis());
    const auto out = add_block(source, {transfer(1, 0, address_of(3), 9)});
    ChainStore replay(memory_store(), test_genesis());
    const auto no_hashes = [](std::int64_t) { return Hash{}; };
    evm::Vm vm;
    auto ok = execution::execute_block(out.block, out.senders, kDefaultChainId, no_hashes,
                                       replay.state(), vm);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->diff.state_root, out.block.header.state_root);
    auto tampered = out.block;
    tampered.header.gas_used += 1;
    EXPECT_EQ(execution::execute_block(tampered, out.senders, kDefaultChainId, no_hashes,
                                       replay.state(), vm)
                  .error(),
              execution::BlockError::kGasUsedMismatch);
    tampered = out.block;
    tampered.header.state_root[0] ^= 1;
    EXPECT_EQ(execution::execute_block(tampered, out.senders, kDefaultChainId, no_hashes,
                                       replay.state(), vm)
                  .error(),
              execution::BlockError::kRootMismatch);
}

TEST(BaseFee, FollowsEip1559) {
    types::BlockHeader parent;
    parent.gas_limit = 30'000'000;
    parent.base_fee_per_gas = Uint256{kGwei};
    parent.gas_used = 15'000'000;
    EXPECT_EQ(execution::next_base_fee(parent), Uint256{kGwei});
    parent.gas_used = 30'000'000;
    EXPECT_EQ(execution::next_base_fee(parent), Uint256{1'125'000'000});
    parent.gas_used = 0;
    EXPECT_EQ(execution::next_base_fee(parent), Uint256{875'000'000});
    parent.base_fee_per_gas = Uint256{7};
    parent.gas_used = 15'000'001;
    EXPECT_EQ(execution::next_base_fee(parent), Uint256{8});  // at least +1 wei
    parent.base_fee_per_gas.reset();
    EXPECT_EQ(execution::next_base_fee(parent), Uint256{execution::kInitialBaseFee});
}

}  // namespace
}  // namespace yunlian::chain
