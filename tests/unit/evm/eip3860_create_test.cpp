// CREATE and CREATE2: address derivation (Yellow Paper eq. 88, EIP-1014), EIP-3860 init code
// limits and prices, collisions, reverted init code, static mode.

#include "common/hex.hpp"
#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

Address parse(std::string_view hex) { return *fixed_from_hex<20>(hex); }

TEST(CreateAddress, KnownVectors) {
    const auto sender = parse("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_EQ(create_address(sender, 0), parse("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(create_address(sender, 1), parse("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
    EXPECT_EQ(create_address(sender, 2), parse("0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91"));
    // EIP-1014 examples 0 and 4.
    EXPECT_EQ(create2_address(Address{}, Hash{}, Bytes{0x00}),
              parse("0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"));
    const auto deadbeef = parse("0x00000000000000000000000000000000deadbeef");
    Hash salt;
    salt[28] = 0xca;
    salt[29] = 0xfe;
    salt[30] = 0xba;
    salt[31] = 0xbe;
    EXPECT_EQ(create2_address(deadbeef, salt, *from_hex("0xdeadbeef")),
              parse("0x60f3f640a8508fC6a86d45DF051962668E1e8AC7"));
}

TEST(CreateAddress, LargeNonceUsesLongerInteger) {
    // Nonces >= 0x80 are encoded as length-prefixed strings; the result must differ per nonce
    // and match the same derivation done with a longer integer.
    const auto sender = parse("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_NE(create_address(sender, 0x7f), create_address(sender, 0x80));
    EXPECT_NE(create_address(sender, 0xffffffffffffffffULL), create_address(sender, 0));
}

using CreateTest = EvmTest;

/// Init code returning `runtime` (at most 32 bytes), placed in memory by MSTORE.
Bytes init_returning(const Bytes& runtime) {
    Uint256 word;
    std::uint8_t bytes[32] = {};
    std::copy(runtime.begin(), runtime.end(), bytes);
    word = Uint256::load_be(bytes);
    return push(word) + push(Uint256{0}) + ops({kMstore}) + push(Uint256{runtime.size()}) +
           push(Uint256{0}) + ops({kReturn});
}

/// Code that stores `init` in memory and runs CREATE (or CREATE2 with `salt`) on it.
Bytes creator(const Bytes& init, bool create2, const Uint256& value = Uint256{}) {
    Bytes code;
    for (std::size_t i = 0; i < init.size(); ++i) {
        code = code + push(Uint256{init[i]}) + push(Uint256{i}) + ops({kMstore8});
    }
    if (create2) code = code + push(Uint256{1});
    code = code + push(Uint256{init.size()}) + push(Uint256{0}) + push(value);
    return code + ops({create2 ? kCreate2 : kCreate});
}

TEST_F(CreateTest, CreateDeploysAndReturnsAddress) {
    host.accounts[msg.recipient].nonce = 1;
    const auto init = init_returning(Bytes{kPush0, kStop});
    const auto r = run(creator(init, false) + return_top());
    ASSERT_EQ(r.status, host::StatusCode::kSuccess);
    const auto expected = create_address(msg.recipient, 1);
    EXPECT_EQ(output_word(r), address_word(expected));
    EXPECT_EQ(host.accounts[expected].code, (Bytes{kPush0, kStop}));
    EXPECT_EQ(host.accounts[msg.recipient].nonce, 2U);
}

TEST_F(CreateTest, Create2AddressAndCollision) {
    const auto init = init_returning(Bytes{kStop});
    const auto code = creator(init, true) + return_top();
    Hash salt;
    salt[31] = 1;
    const auto expected = create2_address(msg.recipient, salt, init);
    EXPECT_EQ(output_word(run(code)), address_word(expected));
    // Running it again collides with the account just made: the create fails with 0.
    EXPECT_EQ(output_word(run(code)), Uint256{});
}

TEST_F(CreateTest, RevertedInitCodeLeavesReturnData) {
    const Bytes init = push(Uint256{0xab}) + push(Uint256{0}) + ops({kMstore8}) + push(Uint256{1}) +
                       push(Uint256{0}) + ops({kRevert});
    const auto r = run(creator(init, false) + ops({kReturndatasize, kAdd}) + return_top());
    // Address 0 plus return data size 1.
    EXPECT_EQ(output_word(r), Uint256{1});
}

TEST_F(CreateTest, SuccessfulCreateClearsReturnData) {
    const auto r = run(creator(init_returning(Bytes{kStop}), false) + ops({kPop, kReturndatasize}) +
                       return_top());
    EXPECT_EQ(output_word(r), Uint256{});
}

TEST_F(CreateTest, InitcodeWordCost) {
    // CREATE with 64 bytes of zero init code: 32000 + 2 per word + memory 2 words (6).
    const auto code =
        push(Uint256{64}) + push(Uint256{0}) + push(Uint256{0}) + ops({kCreate, kStop});
    const auto create_cost = gas_used(code);
    EXPECT_EQ(create_cost, 3 + 2 + 2 + 32000 + 2 * 2 + 6);
    // CREATE2 also hashes: + 6 per word.
    const auto code2 = push(Uint256{0}) + push(Uint256{64}) + push(Uint256{0}) + push(Uint256{0}) +
                       ops({kCreate2, kStop});
    EXPECT_EQ(gas_used(code2), 2 + 3 + 2 + 2 + 32000 + 2 * 2 + 6 * 2 + 6);
}

TEST_F(CreateTest, InitcodeOverLimitIsOutOfGas) {
    const auto at_limit =
        push(Uint256{49152}) + push(Uint256{0}) + push(Uint256{0}) + ops({kCreate, kStop});
    EXPECT_EQ(run(at_limit, 10'000'000).status, host::StatusCode::kSuccess);
    const auto over =
        push(Uint256{49153}) + push(Uint256{0}) + push(Uint256{0}) + ops({kCreate, kStop});
    EXPECT_EQ(run(over, 10'000'000).status, host::StatusCode::kOutOfGas);
}

TEST_F(CreateTest, CreateInStaticModeFails) {
    msg.is_static = true;
    const auto code = push(Uint256{0}) + push(Uint256{0}) + push(Uint256{0}) + ops({kCreate});
    EXPECT_EQ(run(code).status, host::StatusCode::kStaticModeViolation);
}

TEST_F(CreateTest, CreateWithoutBalanceFailsSoftly) {
    const auto code =
        push(Uint256{0}) + push(Uint256{0}) + push(Uint256{5}) + ops({kCreate}) + return_top();
    const auto r = run(code);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(output_word(r), Uint256{});
    EXPECT_TRUE(host.recorded_calls.empty());
}

}  // namespace
}  // namespace yunlian::evm::test
