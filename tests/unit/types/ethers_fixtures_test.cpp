// Transactions that ethers.js v6 signed (tests/fixtures/tx/make_tx_fixtures.mjs): decode them,
// check every field, recover the sender, and re-encode byte for byte.

#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/secp256k1.hpp"
#include "types/transaction.hpp"

namespace yunlian::types {
namespace {

boost::json::array load_fixtures() {
    std::ifstream in(std::string(YUNLIAN_SOURCE_DIR) +
                     "/tests/fixtures/tx/ethers_transactions.json");
    std::stringstream text;
    text << in.rdbuf();
    return boost::json::parse(text.str()).as_array();
}

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

Uint256 dec(const boost::json::value& v) { return *Uint256::from_string(str(v)); }

TEST(EthersFixtures, DecodeRecoverReencode) {
    const auto fixtures = load_fixtures();
    ASSERT_GE(fixtures.size(), 9u);
    for (const auto& entry : fixtures) {
        const auto& f = entry.as_object();
        SCOPED_TRACE(str(f.at("name")));
        const Bytes raw = *from_hex(str(f.at("raw")));
        auto txn = decode_transaction(raw);
        ASSERT_TRUE(txn) << txn.error().message();
        EXPECT_EQ(static_cast<int>(txn->type), f.at("type").as_int64());
        EXPECT_EQ(txn->chain_id.value_or(0), dec(f.at("chainId")).low_u64());
        EXPECT_EQ(txn->nonce, static_cast<std::uint64_t>(f.at("nonce").as_int64()));
        EXPECT_EQ(Uint256(txn->gas_limit), dec(f.at("gasLimit")));
        EXPECT_EQ(txn->value, dec(f.at("value")));
        EXPECT_EQ(to_hex(txn->data), str(f.at("data")));
        if (f.at("to").is_null()) {
            EXPECT_FALSE(txn->to.has_value());
        } else {
            ASSERT_TRUE(txn->to.has_value());
            EXPECT_EQ(to_hex(txn->to->view()), str(f.at("to")));
        }
        if (txn->type == TxType::kDynamicFee) {
            EXPECT_EQ(txn->max_fee_per_gas, dec(f.at("maxFeePerGas")));
            EXPECT_EQ(txn->max_priority_fee_per_gas, dec(f.at("maxPriorityFeePerGas")));
        } else {
            EXPECT_EQ(txn->gas_price, dec(f.at("gasPrice")));
        }
        const auto& access = f.at("accessList").as_array();
        ASSERT_EQ(txn->access_list.size(), access.size());
        for (std::size_t i = 0; i < access.size(); ++i) {
            const auto& e = access[i].as_object();
            EXPECT_EQ(to_hex(txn->access_list[i].address.view()), str(e.at("address")));
            ASSERT_EQ(txn->access_list[i].storage_keys.size(),
                      e.at("storageKeys").as_array().size());
        }
        EXPECT_EQ(txn->y_parity, f.at("yParity").as_int64());
        EXPECT_EQ(txn->r, *Uint256::from_string(str(f.at("r"))));
        EXPECT_EQ(txn->s, *Uint256::from_string(str(f.at("s"))));

        EXPECT_EQ(to_hex(signing_hash(*txn).view()), str(f.at("unsignedHash")));
        EXPECT_EQ(to_hex(transaction_hash(*txn).view()), str(f.at("hash")));
        auto sender = recover_sender(*txn);
        ASSERT_TRUE(sender) << sender.error().message();
        EXPECT_EQ(to_hex(sender->view()), str(f.at("from")));
        EXPECT_EQ(encode_transaction(*txn), raw);

        // Our own signature over the same fields is ethers' signature (both RFC 6979).
        Transaction resigned = *txn;
        resigned.r = Uint256();
        resigned.s = Uint256();
        const auto key = *fixed_from_hex<32>(str(f.at("privateKey")));
        ASSERT_TRUE(sign_transaction(resigned, key));
        EXPECT_EQ(encode_transaction(resigned), raw);
    }
}

}  // namespace
}  // namespace yunlian::types
