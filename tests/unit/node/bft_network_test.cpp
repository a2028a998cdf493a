// Four BFT validators in one process over real loopback p2p (TLS): they commit blocks, keep
// committing with one of them stopped, the stopped one catches up by sync after a restart (with
// its signed-vote record read back), and all four hold the same chain.

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "chain/chain_store.hpp"
#include "chain/durable_record.hpp"
#include "consensus/bft/actions.hpp"
#include "node/config.hpp"
#include "node/devnet.hpp"
#include "node/node.hpp"
#include "node/rpc_client.hpp"

namespace yunlian::node {
namespace {

using namespace std::chrono_literals;

/// Polls `done` every 50 ms for up to `limit`.
template <typename F>
bool wait_until(F done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return done();
}

class BftNetwork : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("yunlian-bftnet-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        DevnetOptions options;
        options.datadir = m_dir;
        // Ports from the process id, so two runs on one machine do not collide.
        const auto base = static_cast<std::uint16_t>(20000 + (::getpid() % 4000) * 10);
        options.rpc_base_port = base;
        options.p2p_base_port = static_cast<std::uint16_t>(base + 5);
        for (const auto& n : write_devnet(options)) {
            NodeConfig c = load_config(n.config_path());
            c.http_port = 0;
            c.ws_port = 0;
            c.print_accounts = false;
            c.timeout_base_ms = 500;
            c.timeout_delta_ms = 250;
            m_configs.push_back(c);
        }
        m_nodes.resize(m_configs.size());
    }

    void TearDown() override {
        m_nodes.clear();
        std::filesystem::remove_all(m_dir);
    }

    void start(std::size_t i) {
        m_nodes[i] = std::make_unique<Node>(m_configs[i]);
        m_nodes[i]->start();
    }
    std::uint64_t head(std::size_t i) const { return m_nodes[i]->head_block_num(); }
    boost::json::value call(std::size_t i, std::string_view method,
                            const boost::json::array& params = {}) const {
        return rpc_call("http://127.0.0.1:" + std::to_string(m_nodes[i]->http_port()) + "/", method,
                        params);
    }

    /// The yunlian_* methods and the eth/net answers a BFT node changes.
    void check_rpc() const {
        const auto validators = call(0, "yunlian_validators").as_array();
        ASSERT_EQ(validators.size(), 4U);
        EXPECT_TRUE(validators[0].as_object().at("self").as_bool());
        const auto state = call(1, "yunlian_consensusState").as_object();
        EXPECT_EQ(state.at("validatorIndex").as_int64(), 1);
        EXPECT_TRUE(state.at("height").is_string());
        const auto qc = call(2, "yunlian_lastQuorumCert");
        ASSERT_TRUE(qc.is_object());
        EXPECT_GE(qc.as_object().at("signers").as_array().size(), 3U);
        EXPECT_EQ(call(0, "net_peerCount").as_string(), "0x3");
        EXPECT_EQ(call(0, "yunlian_peers").as_array().size(), 3U);
        EXPECT_TRUE(call(0, "yunlian_bans").as_array().empty());
        EXPECT_TRUE(call(0, "yunlian_evidence").as_array().empty());
        EXPECT_FALSE(call(0, "eth_syncing").as_bool());
        // The test hook exists only with test_hooks = true.
        EXPECT_THROW((void)call(0, "yunlian_setIsolated", {true}), std::runtime_error);
        // A malformed transaction is refused with geth's words, and not gossiped.
        EXPECT_THROW((void)call(0, "eth_sendRawTransaction", {"0x01"}), std::runtime_error);
    }

    std::filesystem::path m_dir;
    std::vector<NodeConfig> m_configs;
    std::vector<std::unique_ptr<Node>> m_nodes;
};

TEST_F(BftNetwork, CommitsSurvivesOneStoppedAndSyncsItBack) {
    for (std::size_t i = 0; i < 4; ++i) start(i);
    ASSERT_TRUE(wait_until(
        [&] { return head(0) >= 3 && head(1) >= 3 && head(2) >= 3 && head(3) >= 3; }, 20s));

    check_rpc();

    m_nodes[3].reset();  // a clean stop; the others hold 3 of 4 votes, a quorum
    const std::uint64_t at_stop = head(0);
    ASSERT_TRUE(wait_until([&] { return head(0) >= at_stop + 4 && head(2) >= at_stop + 4; }, 30s));

    start(3);  // restarts from its database and its signed-vote record, and syncs
    const std::uint64_t target = head(0);
    ASSERT_TRUE(wait_until([&] { return head(3) >= target; }, 30s)) << "node 3 at " << head(3);
    ASSERT_TRUE(wait_until([&] { return head(3) >= target + 2; }, 30s)) << "node 3 stuck";

    for (auto& n : m_nodes) n->stop();
    std::vector<std::unique_ptr<chain::ChainStore>> chains;
    std::uint64_t common = UINT64_MAX;
    for (const auto& c : m_configs) {
        chains.push_back(chain::open_chain(c.datadir, make_genesis(c)));
        common = std::min(common, chains.back()->head().block_num);
    }
    ASSERT_GE(common, target);
    for (std::uint64_t n = 1; n <= common; ++n) {
        const auto hash = chains[0]->canonical_hash(n);
        ASSERT_TRUE(hash);
        // Every block carries its quorum certificate.
        EXPECT_TRUE(chains[0]->finality_proof(*hash).has_value()) << "block " << n;
        for (std::size_t i = 1; i < chains.size(); ++i) {
            EXPECT_EQ(chains[i]->canonical_hash(n), hash) << "block " << n << " node " << i;
        }
    }
    // Each validator's signed-vote record reads back: what it signed last, at a height it reached.
    for (std::size_t i = 0; i < m_configs.size(); ++i) {
        const auto bytes = chain::DurableRecord(m_configs[i].datadir / "bft_last_signed").load();
        ASSERT_TRUE(bytes) << "node " << i;
        const auto record = consensus::bft::decode_last_signed(*bytes);
        ASSERT_TRUE(record) << "node " << i;
        // Node 3 may have caught up by sync alone since its restart, signing nothing new.
        if (i < 3) {
            EXPECT_GE(record->height, common) << "node " << i;
        }
        EXPECT_LE(record->height, chains[i]->head().block_num + 1) << "node " << i;
    }
}

}  // namespace
}  // namespace yunlian::node
