#include "types/transaction.hpp"

#include <gtest/gtest.h>

#include "common/hex.hpp"

namespace yunlian::types {
namespace {

Bytes hex(std::string_view h) { return *from_hex(h); }

// EIP-155's own example: nonce 9, 20 gwei, 21000 gas, chain id 1, key 0x4646...46.
TEST(Transaction, Eip155Example) {
    Transaction txn;
    txn.chain_id = 1;
    txn.nonce = 9;
    txn.gas_price = Uint256(20'000'000'000ULL);
    txn.gas_limit = 21000;
    txn.to = *fixed_from_hex<20>("0x3535353535353535353535353535353535353535");
    txn.value = *Uint256::from_string("1000000000000000000");
    EXPECT_EQ(to_hex(signing_hash(txn).view()),
              "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const auto key =
        *fixed_from_hex<32>("0x4646464646464646464646464646464646464646464646464646464646464646");
    ASSERT_TRUE(sign_transaction(txn, key));
    EXPECT_EQ(txn.legacy_v(), Uint256(37));
    EXPECT_EQ(
        to_hex(encode_transaction(txn)),
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400"
        "008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f"
        "761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
}

TEST(Transaction, EffectiveGasPrice) {
    Transaction txn;
    txn.type = TxType::kDynamicFee;
    txn.max_fee_per_gas = Uint256(100);
    txn.max_priority_fee_per_gas = Uint256(5);
    EXPECT_EQ(txn.effective_gas_price(Uint256(50)), Uint256(55));
    EXPECT_EQ(txn.effective_gas_price(Uint256(98)), Uint256(100));
    txn.type = TxType::kLegacy;
    txn.gas_price = Uint256(7);
    EXPECT_EQ(txn.effective_gas_price(Uint256(1)), Uint256(7));
}

TEST(TransactionDecode, EmptyInput) {
    EXPECT_EQ(decode_transaction({}).error().code, TxErrorCode::kEmptyInput);
}

TEST(TransactionDecode, UnsupportedType) {
    EXPECT_EQ(decode_transaction(hex("03c0")).error().code, TxErrorCode::kUnsupportedType);
    EXPECT_EQ(decode_transaction(hex("7fc0")).error().code, TxErrorCode::kUnsupportedType);
}

TEST(TransactionDecode, BareStringIsNotATransaction) {
    const auto err = decode_transaction(hex("8180")).error();
    EXPECT_EQ(err.code, TxErrorCode::kRlp);
    EXPECT_EQ(err.rlp, rlp::RlpError::kUnexpectedString);
}

TEST(TransactionDecode, TruncatedLegacy) {
    const auto err = decode_transaction(hex("f86c0985")).error();
    EXPECT_EQ(err.code, TxErrorCode::kRlp);
    EXPECT_EQ(err.rlp, rlp::RlpError::kInputTooShort);
}

// A valid legacy transaction (EIP-155 example) with one field broken at a time.
const char* const kGood =
    "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080"
    "25a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761ae"
    "cb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

TEST(TransactionDecode, TrailingBytes) {
    const auto err = decode_transaction(hex(std::string(kGood) + "00")).error();
    EXPECT_EQ(err.code, TxErrorCode::kRlp);
    EXPECT_EQ(err.rlp, rlp::RlpError::kTrailingBytes);
}

TEST(TransactionDecode, LeadingZeroInNonce) {
    // nonce 0x09 written as 0x820009 (list length grows by 2).
    std::string text = kGood;
    text.replace(0, 6, "f86e820009");
    const auto err = decode_transaction(hex(text)).error();
    EXPECT_EQ(err.code, TxErrorCode::kRlp);
    EXPECT_EQ(err.rlp, rlp::RlpError::kLeadingZeros);
}

TEST(TransactionDecode, BadRecipientLength) {
    std::string text = kGood;
    // to: 0x94 + 20 bytes -> 0x93 + 19 bytes (and the list shrinks by one).
    const auto pos = text.find("94353535");
    text.replace(pos, 4, "9335");
    text.replace(0, 4, "f86b");
    text.erase(pos + 4, 2);
    const auto err = decode_transaction(hex(text)).error();
    EXPECT_EQ(err.code, TxErrorCode::kInvalidTo);
}

TEST(TransactionDecode, InvalidLegacyV) {
    std::string text = kGood;
    const auto pos = text.find("8025a0");
    text.replace(pos, 6, "801ea0");  // v = 30
    EXPECT_EQ(decode_transaction(hex(text)).error().code, TxErrorCode::kInvalidV);
}

TEST(TransactionDecode, TypedYParityAboveOne) {
    Transaction txn;
    txn.type = TxType::kDynamicFee;
    txn.chain_id = 1;
    txn.gas_limit = 21000;
    txn.r = Uint256(1);
    txn.s = Uint256(1);
    txn.y_parity = 2;
    const Bytes encoded = encode_transaction(txn);
    EXPECT_EQ(decode_transaction(encoded).error().code, TxErrorCode::kInvalidYParity);
}

TEST(TransactionSender, HighSIsRejected) {
    auto txn = *decode_transaction(hex(kGood));
    // s' = n - s is the same signature's high-S twin (EIP-2 forbids it).
    const Uint256 n =
        *Uint256::from_string("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    txn.s = n - txn.s;
    EXPECT_EQ(recover_sender(txn).error().code, TxErrorCode::kHighS);
    txn.s = Uint256();
    EXPECT_EQ(recover_sender(txn).error().code, TxErrorCode::kInvalidSignature);
    txn.s = Uint256(1);
    txn.r = n;
    EXPECT_EQ(recover_sender(txn).error().code, TxErrorCode::kInvalidSignature);
}

TEST(TransactionBlockItem, TypedIsWrappedLegacyIsNot) {
    Transaction legacy = *decode_transaction(hex(kGood));
    Bytes out;
    encode_transaction_item(out, legacy);
    EXPECT_EQ(out, hex(kGood));
    Transaction typed;
    typed.type = TxType::kAccessList;
    typed.chain_id = 5;
    typed.r = Uint256(1);
    typed.s = Uint256(2);
    Bytes item;
    encode_transaction_item(item, typed);
    auto decoded_item = rlp::decode_single(item);
    ASSERT_TRUE(decoded_item);
    EXPECT_FALSE(decoded_item->is_list);
    auto back = decode_transaction_item(*decoded_item);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, typed);
}

}  // namespace
}  // namespace yunlian::types
