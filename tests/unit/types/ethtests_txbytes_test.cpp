// Every signed transaction in the Ethereum state tests (the "txbytes" of each post entry): valid
// ones decode, re-encode byte for byte and recover the test's sender; invalid ones are rejected
// or decoded without a crash.

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "types/transaction.hpp"

namespace yunlian::types {
namespace {

namespace fs = std::filesystem;

struct Tally {
    std::size_t checked = 0;
    std::size_t blob = 0;
    std::size_t invalid_survived = 0;
};

void check_test(const boost::json::object& test, const std::string& name, Tally& tally) {
    const auto* post = test.if_contains("post");
    const auto* txn_json = test.if_contains("transaction");
    if (post == nullptr || txn_json == nullptr) return;
    const auto* sender_json = txn_json->as_object().if_contains("sender");
    std::set<std::string> seen;
    for (const auto& [fork, entries] : post->as_object()) {
        for (const auto& entry : entries.as_array()) {
            const auto& e = entry.as_object();
            const auto* bytes_json = e.if_contains("txbytes");
            if (bytes_json == nullptr) continue;
            const std::string hex_text(bytes_json->as_string());
            if (!seen.insert(hex_text).second) continue;
            const Bytes raw = *from_hex(hex_text);
            auto txn = decode_transaction(raw);
            if (e.contains("expectException")) {
                ++tally.invalid_survived;  // reaching here means no crash and no hang
                continue;
            }
            if (!raw.empty() && raw[0] == 3) {
                ++tally.blob;  // EIP-4844 blob transactions are not accepted by this chain
                EXPECT_FALSE(txn);
                continue;
            }
            ASSERT_TRUE(txn) << name << ": " << txn.error().message();
            EXPECT_EQ(encode_transaction(*txn), raw) << name;
            if (sender_json != nullptr) {
                auto sender = recover_sender(*txn);
                ASSERT_TRUE(sender) << name << ": " << sender.error().message();
                EXPECT_EQ(to_hex(sender->view()), std::string(sender_json->as_string())) << name;
            }
            ++tally.checked;
        }
    }
}

TEST(EthTestsTxBytes, DecodeReencodeRecover) {
    const fs::path root = fs::path(YUNLIAN_TESTDATA_DIR) / "ethtests" / "GeneralStateTests";
    if (!fs::exists(root)) GTEST_SKIP() << "no test data at " << root;
    Tally tally;
    for (const auto& file : fs::recursive_directory_iterator(root)) {
        if (file.path().extension() != ".json") continue;
        std::ifstream in(file.path());
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code ec;
        auto doc = boost::json::parse(text.str(), ec);
        ASSERT_FALSE(ec) << file.path();
        for (const auto& [name, test] : doc.as_object()) {
            check_test(test.as_object(), std::string(name), tally);
        }
    }
    std::printf("checked %zu transactions, %zu blob transactions rejected, %zu invalid survived\n",
                tally.checked, tally.blob, tally.invalid_survived);
    EXPECT_GT(tally.checked, 5000u);
}

}  // namespace
}  // namespace yunlian::types
