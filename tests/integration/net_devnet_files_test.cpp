// The files `yunlian devnet` writes (src/node/devnet.*), read back by the readers the node uses:
// the genesis through chain::parse_genesis_json, each config through node::load_config.

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "chain/genesis.hpp"
#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "node/config.hpp"
#include "node/dev_accounts.hpp"
#include "node/devnet.hpp"

namespace yunlian::node {
namespace {

class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "yunlian-devnet-files-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(DevnetFiles, KeysAreDeterministicValidAndDistinct) {
    std::set<Address> addresses;
    for (std::size_t i = 0; i < 20; ++i) {
        EXPECT_EQ(devnet_node_key(i), devnet_node_key(i));
        ASSERT_TRUE(crypto::parse_private_key(devnet_node_key(i).view()));
        addresses.insert(crypto::address_of(*crypto::public_key_of(devnet_node_key(i))));
    }
    EXPECT_EQ(addresses.size(), 20U);
}

TEST(DevnetFiles, PortsFollowTheLayout) {
    DevnetOptions o;
    o.nodes = 7;
    o.rpc_base_port = 9000;
    o.p2p_base_port = 40000;
    const auto nodes = plan_devnet(o);
    ASSERT_EQ(nodes.size(), 7U);
    EXPECT_EQ(nodes[6].http_port, 9006);
    EXPECT_EQ(nodes[6].ws_port, 9106);
    EXPECT_EQ(nodes[6].p2p_port, 40006);
    EXPECT_EQ(nodes[3].rpc_url(), "http://127.0.0.1:9003/");
}

TEST(DevnetFiles, RefusesBadShapes) {
    DevnetOptions o;
    o.nodes = 0;
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.nodes = kDevnetMaxNodes + 1;
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.nodes = 4;
    o.rpc_base_port = 65500;  // WebSocket ports would pass 65535
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.rpc_base_port = 8545;
    o.p2p_base_port = 65534;
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.p2p_base_port = 8547;  // p2p over HTTP 8547, 8548
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.p2p_base_port = 8642;  // p2p 8645 over WebSocket 8645
    EXPECT_THROW((void)plan_devnet(o), std::invalid_argument);
    o.p2p_base_port = 8549;  // right after the HTTP ports: fine
    EXPECT_NO_THROW((void)plan_devnet(o));
}

TEST(DevnetFiles, GenesisHasValidatorsAllowListAndDevAccounts) {
    TempDir dir;
    DevnetOptions o;
    o.datadir = dir.path();
    const auto nodes = write_devnet(o);
    const chain::Genesis g = chain::load_genesis_file(dir.path() / "genesis.json");
    EXPECT_EQ(g.chain_id, 20261U);
    ASSERT_EQ(g.validators.size(), 4U);
    ASSERT_EQ(g.allow_list.size(), 4U);
    for (const auto& n : nodes) {
        EXPECT_EQ(g.validators[n.index], n.address);
        EXPECT_EQ(Bytes(n.public_key.begin(), n.public_key.end()), g.allow_list[n.index]);
    }
    for (const auto& a : dev_accounts(10)) {
        ASSERT_TRUE(g.alloc.contains(a.address));
        EXPECT_EQ(g.alloc.at(a.address).balance,
                  Uint256{10'000} * Uint256{1'000'000'000'000'000'000ULL});
    }
}

TEST(DevnetFiles, ConfigsLoadAsBftValidators) {
    TempDir dir;
    DevnetOptions o;
    o.datadir = dir.path();
    o.rpc_base_port = 18545;
    o.p2p_base_port = 38303;
    const auto nodes = write_devnet(o);
    for (const auto& n : nodes) {
        const NodeConfig c = load_config(n.config_path());
        EXPECT_EQ(c.engine, "bft");
        EXPECT_FALSE(c.dev);
        EXPECT_EQ(c.datadir, n.dir / "data");
        ASSERT_TRUE(c.genesis);
        EXPECT_EQ(std::filesystem::weakly_canonical(*c.genesis),
                  std::filesystem::weakly_canonical(dir.path() / "genesis.json"));
        ASSERT_TRUE(c.node_key_file);
        EXPECT_EQ(*c.node_key_file, n.key_path());
        EXPECT_EQ(c.http_port, 18545 + n.index);
        EXPECT_EQ(c.ws_port, 18645 + n.index);
        EXPECT_EQ(c.p2p_port, 38303 + n.index);
        EXPECT_EQ(c.p2p_address, "127.0.0.1");
        ASSERT_EQ(c.static_peers.size(), 3U);
        for (const auto& peer : c.static_peers) {
            EXPECT_NE(peer, "127.0.0.1:" + std::to_string(n.p2p_port)) << "no node dials itself";
        }
        const auto key =
            fixed_from_hex<32>(read(n.key_path()).substr(0, 64), HexPrefix::kForbidden);
        ASSERT_TRUE(key);
        EXPECT_EQ(*key, n.key);
        EXPECT_EQ(std::filesystem::status(n.key_path()).permissions() &
                      std::filesystem::perms::others_read,
                  std::filesystem::perms::none);
    }
}

TEST(DevnetFiles, RerunKeepsTheGenesisAndRefusesAnotherShape) {
    TempDir dir;
    DevnetOptions o;
    o.datadir = dir.path();
    (void)write_devnet(o);
    const std::string genesis = read(dir.path() / "genesis.json");
    o.rpc_base_port = 28545;  // new ports: the same chain
    EXPECT_NO_THROW((void)write_devnet(o));
    EXPECT_EQ(read(dir.path() / "genesis.json"), genesis);
    o.nodes = 5;  // another validator set: refused, the old chain is untouched
    EXPECT_THROW((void)write_devnet(o), std::runtime_error);
    EXPECT_EQ(read(dir.path() / "genesis.json"), genesis);
}

}  // namespace
}  // namespace yunlian::node
