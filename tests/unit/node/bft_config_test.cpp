// The config keys of a BFT validator (issue 6), and that the configs `yunlian devnet` writes load.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "chain/genesis.hpp"
#include "node/config.hpp"
#include "node/devnet.hpp"

namespace yunlian::node {
namespace {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const char* name)
        : path(std::filesystem::temp_directory_path() /
               (std::string("yunlian-bftcfg-") + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(BftConfig, ReadsEveryKey) {
    TempDir dir("keys");
    const auto file = dir.path / "node.toml";
    std::ofstream(file) << "genesis = \"g.json\"\nengine = \"bft\"\nnode_key_file = \"node.key\"\n"
                           "test_hooks = true\n"
                           "[p2p]\nlisten_address = \"0.0.0.0\"\nport = 30400\n"
                           "static_peers = [\"127.0.0.1:30401\", \"127.0.0.1:30402\"]\n"
                           "allow_list = [\"ab\"]\nmax_peers = 7\n"
                           "[bft]\ntimeout_base_ms = 800\ntimeout_delta_ms = 300\n";
    const NodeConfig c = load_config(file);
    EXPECT_EQ(c.engine, "bft");
    EXPECT_EQ(*c.node_key_file, dir.path / "node.key");
    EXPECT_TRUE(c.test_hooks);
    EXPECT_EQ(c.p2p_address, "0.0.0.0");
    EXPECT_EQ(c.p2p_port, 30400);
    ASSERT_EQ(c.static_peers.size(), 2U);
    EXPECT_EQ(c.static_peers[1], "127.0.0.1:30402");
    EXPECT_EQ(c.allow_list, std::vector<std::string>{"ab"});
    EXPECT_EQ(c.max_peers, 7U);
    EXPECT_EQ(c.timeout_base_ms, 800U);
    EXPECT_EQ(c.timeout_delta_ms, 300U);
}

TEST(BftConfig, Defaults) {
    TempDir dir("defaults");
    const auto file = dir.path / "node.toml";
    std::ofstream(file) << "dev = true\n";
    const NodeConfig c = load_config(file);
    EXPECT_EQ(c.engine, "solo");
    EXPECT_FALSE(c.test_hooks);
    EXPECT_FALSE(c.node_key_file.has_value());
    EXPECT_TRUE(c.static_peers.empty());
    EXPECT_EQ(c.timeout_base_ms, 1000U);
}

TEST(BftConfig, RejectsBadValues) {
    TempDir dir("bad");
    const auto file = dir.path / "node.toml";
    const auto rejects = [&](const char* text) {
        std::ofstream(file) << text;
        EXPECT_THROW((void)load_config(file), std::runtime_error) << text;
    };
    rejects("dev = true\nengine = \"bft\"\n");  // no node key
    rejects("dev = true\nengine = \"pow\"\n");
    rejects("dev = true\n[p2p]\nstatic_peers = \"127.0.0.1:1\"\n");
    rejects("dev = true\n[p2p]\nstatic_peers = [1]\n");
    rejects("dev = true\n[p2p]\nport = -1\n");
    rejects("dev = true\n[bft]\ntimeout_base_ms = 0\n");
}

TEST(BftConfig, DevnetFilesLoad) {
    TempDir dir("devnet");
    DevnetOptions options;
    options.datadir = dir.path;
    options.rpc_base_port = 21000;
    options.p2p_base_port = 21300;
    const auto nodes = write_devnet(options);
    ASSERT_EQ(nodes.size(), 4U);
    const NodeConfig c = load_config(nodes[2].config_path());
    EXPECT_EQ(c.engine, "bft");
    EXPECT_EQ(c.p2p_port, 21302);
    EXPECT_EQ(c.static_peers.size(), 3U);
    EXPECT_TRUE(std::filesystem::exists(*c.node_key_file));
    const auto genesis = chain::load_genesis_file(*c.genesis);
    ASSERT_EQ(genesis.validators.size(), 4U);
    EXPECT_EQ(genesis.validators[2], nodes[2].address);
    EXPECT_EQ(genesis.allow_list.size(), 4U);
}

}  // namespace
}  // namespace yunlian::node
