// Precompiles 0x01..0x0a: dispatch, prices (Yellow Paper E, EIP-2565, EIP-1108, EIP-152, EIP-4844)
// and known vectors; malformed inputs fail and consume the gas.

#include "common/hex.hpp"
#include "evm_test_support.hpp"

namespace yunlian::evm::test {
namespace {

Bytes h(std::string_view hex) { return *from_hex(hex); }

host::CallResult call(std::uint8_t id, BytesView input, std::int64_t gas = 1'000'000) {
    return run_precompile(addr(id), input, gas);
}

TEST(Precompiles, AddressRange) {
    EXPECT_FALSE(is_precompile(addr(0)));
    for (std::uint8_t i = 1; i <= 10; ++i) EXPECT_TRUE(is_precompile(addr(i)));
    EXPECT_FALSE(is_precompile(addr(11)));
    auto high = addr(1);
    high[0] = 1;
    EXPECT_FALSE(is_precompile(high));
}

// A proof from the consensus specs' verify_kzg_proof cases (as in the state tests' external
// vectors): versioned hash | z | y | commitment | proof.
constexpr std::string_view kPointEvaluationInput =
    "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef"
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878"
    "d97b05f5c8d900acf1fbbbca6f146556"
    "92c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f6324"
    "9877db23297212991fd63e07b7ebc348";

TEST(Precompiles, PointEvaluationVerifiesAndCosts50000) {
    const auto input = h(kPointEvaluationInput);
    ASSERT_EQ(input.size(), 192u);
    const auto r = call(10, input, 60000);
    ASSERT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 10000);
    // FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words (EIP-4844).
    EXPECT_EQ(to_hex(r.output),
              "0x0000000000000000000000000000000000000000000000000000000000001000"
              "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
    EXPECT_EQ(call(10, input, 49999).status, host::StatusCode::kOutOfGas);
}

TEST(Precompiles, PointEvaluationRejectsBadInputAndTakesTheGas) {
    auto input = h(kPointEvaluationInput);
    input[191] ^= 1;  // the proof no longer decodes or no longer verifies
    const auto tampered = call(10, input, 60000);
    EXPECT_EQ(tampered.status, host::StatusCode::kPrecompileFailure);
    EXPECT_EQ(tampered.gas_left, 0);
    input.pop_back();
    EXPECT_EQ(call(10, input, 60000).status, host::StatusCode::kPrecompileFailure);
    EXPECT_EQ(call(10, {}, 60000).status, host::StatusCode::kPrecompileFailure);
}

TEST(Precompiles, EcrecoverVector) {
    const auto input =
        h("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"
          "000000000000000000000000000000000000000000000000000000000000001c"
          "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
          "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
    const auto r = call(1, input, 3000);
    ASSERT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(to_hex(r.output),
              "0x0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a");
}

TEST(Precompiles, EcrecoverBadInputReturnsNothing) {
    auto input =
        h("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"
          "000000000000000000000000000000000000000000000000000000000000001d"
          "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
          "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
    const auto r = call(1, input);
    EXPECT_EQ(r.status, host::StatusCode::kSuccess);  // v = 29: no output, not a failure
    EXPECT_TRUE(r.output.empty());
    EXPECT_TRUE(call(1, Bytes{}).output.empty());
    EXPECT_EQ(call(1, Bytes{}, 2999).status, host::StatusCode::kOutOfGas);
}

TEST(Precompiles, HashesAndIdentity) {
    const auto sha = call(2, Bytes{});
    EXPECT_EQ(to_hex(sha.output),
              "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha.gas_left, 1'000'000 - 60);
    const auto rip = call(3, Bytes{});
    EXPECT_EQ(to_hex(rip.output),
              "0x0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(rip.gas_left, 1'000'000 - 600);
    const Bytes data(33, 7);
    const auto id = call(4, data);
    EXPECT_EQ(id.output, data);
    EXPECT_EQ(id.gas_left, 1'000'000 - 15 - 3 * 2);
    EXPECT_EQ(call(2, data, 60 + 24).status, host::StatusCode::kSuccess);
    EXPECT_EQ(call(2, data, 60 + 23).status, host::StatusCode::kOutOfGas);
}

TEST(Precompiles, ModexpGasEip2565) {
    // 1-byte base, exponent and modulus, exponent 2: complexity 1, one iteration, floor 200.
    const auto small =
        h("0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000001"
          "030205");
    EXPECT_EQ(modexp_gas(small), 200);
    const auto r = call(5, small);
    EXPECT_EQ(to_hex(r.output), "0x04");  // 3^2 mod 5
    // 64-byte base and modulus, 32-byte exponent of all ones: 8^2 * 255 / 3 = 5440.
    Bytes big =
        h("0000000000000000000000000000000000000000000000000000000000000040"
          "0000000000000000000000000000000000000000000000000000000000000020"
          "0000000000000000000000000000000000000000000000000000000000000040");
    big.resize(96 + 64, 1);
    big.resize(96 + 64 + 32, 0xff);
    big.resize(96 + 64 + 32 + 64, 3);
    EXPECT_EQ(modexp_gas(big), 5440);
    // A 40-byte exponent: 8 * (40 - 32) + bit length of its head - 1 iterations.
    Bytes long_exp =
        h("0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000028"
          "0000000000000000000000000000000000000000000000000000000000000001");
    long_exp.push_back(2);     // base
    long_exp.push_back(0x01);  // exponent head 0x01 then zeros: bit length 1 of the head
    long_exp.resize(96 + 1 + 40, 0);
    EXPECT_EQ(modexp_gas(long_exp), 200);  // 1 * 64 / 3 = 21 -> 200
    // Huge declared lengths saturate rather than overflow.
    const auto huge =
        h("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
          "0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000001");
    EXPECT_EQ(modexp_gas(huge), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(call(5, huge).status, host::StatusCode::kOutOfGas);
    // Zero-length modulus: empty output.
    const auto zero_mod =
        h("0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000000");
    const auto z = call(5, zero_mod);
    EXPECT_EQ(z.status, host::StatusCode::kSuccess);
    EXPECT_TRUE(z.output.empty());
}

TEST(Precompiles, Bn254AddMulPairing) {
    const auto g =
        h("0000000000000000000000000000000000000000000000000000000000000001"
          "0000000000000000000000000000000000000000000000000000000000000002");
    const auto two_g =
        "0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
        "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
    const auto add = call(6, g + g);
    ASSERT_EQ(add.status, host::StatusCode::kSuccess);
    EXPECT_EQ(to_hex(add.output), two_g);
    EXPECT_EQ(add.gas_left, 1'000'000 - 150);
    const auto mul =
        call(7, g + h("0000000000000000000000000000000000000000000000000000000000000002"));
    EXPECT_EQ(to_hex(mul.output), two_g);
    EXPECT_EQ(mul.gas_left, 1'000'000 - 6000);
    const auto pairing = call(8, Bytes{});
    EXPECT_EQ(to_hex(pairing.output),
              "0x0000000000000000000000000000000000000000000000000000000000000001");
    EXPECT_EQ(pairing.gas_left, 1'000'000 - 45000);
    // A point off the curve fails and takes all the gas.
    const auto bad = call(6, h("0000000000000000000000000000000000000000000000000000000000000001"
                               "0000000000000000000000000000000000000000000000000000000000000003"));
    EXPECT_EQ(bad.status, host::StatusCode::kPrecompileFailure);
    EXPECT_EQ(bad.gas_left, 0);
    EXPECT_EQ(call(8, Bytes(191, 0)).status, host::StatusCode::kPrecompileFailure);
}

TEST(Precompiles, Blake2fEip152) {
    // EIP-152 test vector 5 (12 rounds of "abc").
    Bytes input =
        h("0000000c"
          "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
          "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b"
          "616263");
    input.resize(4 + 64 + 128, 0);  // the rest of the message block
    input.push_back(3);             // t0 = 3, little-endian
    input.resize(4 + 64 + 128 + 16, 0);
    input.push_back(1);  // final block
    ASSERT_EQ(input.size(), 213U);
    const auto r = call(9, input);
    ASSERT_EQ(r.status, host::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 1'000'000 - 12);
    EXPECT_EQ(
        to_hex(r.output),
        "0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252"
        "d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    auto bad_flag = input;
    bad_flag[212] = 2;
    EXPECT_EQ(call(9, bad_flag).status, host::StatusCode::kPrecompileFailure);
    EXPECT_EQ(call(9, Bytes(212, 0)).status, host::StatusCode::kPrecompileFailure);
    EXPECT_EQ(call(9, input, 11).status, host::StatusCode::kOutOfGas);
}

TEST_F(EvmTest, CallToPrecompileThroughTheInterpreter) {
    // STATICCALL identity with 3 bytes and read them back.
    const auto code = push(Uint256{0xabcdef}) + push(Uint256{0}) + ops({kMstore}) +
                      push(Uint256{3}) + push(Uint256{32}) + push(Uint256{3}) + push(Uint256{29}) +
                      push(addr(4)) + push(Uint256{1000}) + ops({kStaticcall, kPop}) +
                      push(Uint256{32}) + ops({kMload}) + return_top();
    EXPECT_EQ(output_word(run(code)), Uint256{0xabcdef} << 232U);
}

}  // namespace
}  // namespace yunlian::evm::test
