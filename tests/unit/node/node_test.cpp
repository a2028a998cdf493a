#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "node/config.hpp"
#include "node/dev_accounts.hpp"
#include "node/units.hpp"

namespace yunlian::node {
namespace {

TEST(DevAccounts, MatchHardhatAndAnvil) {
    const auto accounts = dev_accounts(3);
    ASSERT_EQ(accounts.size(), 3U);
    EXPECT_EQ(crypto::to_checksum_hex(accounts[0].address),
              "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    EXPECT_EQ(to_hex(accounts[0].key.view()),
              "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    EXPECT_EQ(crypto::to_checksum_hex(accounts[1].address),
              "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    EXPECT_EQ(crypto::to_checksum_hex(accounts[2].address),
              "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
}

TEST(DevAccounts, Bip39SeedVector) {
    // BIP-39's published vector: "abandon ... about" with passphrase "TREZOR".
    const auto seed = mnemonic_seed(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "about",
        "TREZOR");
    EXPECT_EQ(
        to_hex(seed.view(), false),
        "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1"
        "c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
}

TEST(Units, ParsesAndFormatsAmounts) {
    EXPECT_EQ(parse_amount("1.5ether"), Uint256{1'500'000'000'000'000'000ULL});
    EXPECT_EQ(parse_amount("20gwei"), Uint256{20'000'000'000ULL});
    EXPECT_EQ(parse_amount("7"), Uint256{7});
    EXPECT_EQ(parse_amount("0.000000001ether"), Uint256{1'000'000'000ULL});
    EXPECT_THROW((void)parse_amount("1.5wei"), std::invalid_argument);
    EXPECT_THROW((void)parse_amount("abc"), std::invalid_argument);
    EXPECT_THROW((void)parse_amount("ether"), std::invalid_argument);
    EXPECT_THROW((void)parse_amount("1.2.3ether"), std::invalid_argument);
    EXPECT_EQ(format_ether(Uint256{1'500'000'000'000'000'000ULL}), "1.5");
    EXPECT_EQ(format_ether(Uint256{0}), "0");
    EXPECT_EQ(format_ether(Uint256{1}), "0.000000000000000001");
}

TEST(Config, ReadsToml) {
    const auto dir = std::filesystem::temp_directory_path() / "yunlian-config-test";
    std::filesystem::create_directories(dir);
    const auto path = dir / "node.toml";
    std::ofstream(path) << "datadir = \"data\"\ngenesis = \"genesis.json\"\nblock_time = 2.5\n"
                           "[rpc]\nhttp_port = 9545\nws_port = 9546\n[txpool]\nsize = 500\n";
    const NodeConfig c = load_config(path);
    EXPECT_EQ(c.datadir, dir / "data");
    EXPECT_EQ(*c.genesis, dir / "genesis.json");
    EXPECT_EQ(c.block_time_s, 2.5);
    EXPECT_EQ(c.http_port, 9545);
    EXPECT_EQ(c.ws_port, 9546);
    EXPECT_EQ(c.pool_size, 500U);

    std::ofstream(path) << "datadir = \"x\"\n";  // neither genesis nor dev
    EXPECT_THROW((void)load_config(path), std::runtime_error);
    std::ofstream(path) << "dev = true\n[rpc]\nhttp_port = 70000\n";
    EXPECT_THROW((void)load_config(path), std::runtime_error);
    std::ofstream(path) << "dev = [\n";
    EXPECT_THROW((void)load_config(path), std::runtime_error);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace yunlian::node
