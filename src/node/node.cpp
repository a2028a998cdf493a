#include "node/node.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <fmt/core.h>
#include <pthread.h>

#include "chain/chain_store.hpp"
#include "common/hex.hpp"
#include "consensus/solo_engine.hpp"
#include "crypto/address.hpp"
#include "node/bft_rpc.hpp"
#include "node/bft_service.hpp"
#include "node/block_producer.hpp"
#include "node/pending_feed.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/eth/eth_json.hpp"
#include "rpc/eth/eth_logs.hpp"
#include "rpc/eth/eth_methods.hpp"
#include "rpc/eth/eth_pending.hpp"
#include "rpc/http_server.hpp"
#include "rpc/subscriptions.hpp"
#include "rpc/web3_methods.hpp"
#include "rpc/ws_server.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {
namespace {

/// Each dev account starts with 10,000 ether, as on Hardhat and Anvil.
const Uint256 kDevBalance = Uint256{10'000} * Uint256{1'000'000'000'000'000'000ULL};
constexpr std::size_t kDevAccountCount = 10;

class PoolState final : public txpool::StateView {
  public:
    explicit PoolState(const chain::ChainStore& chain) : m_chain(chain) {}
    [[nodiscard]] std::optional<types::Account> account(const Address& address) const override {
        // A BFT node's last decided block may still be on its way to disk.
        return m_bft != nullptr ? m_bft->account(address) : m_chain.account(address);
    }
    /// Set once, before the node serves anything.
    void follow(const BftService& bft) { m_bft = &bft; }

  private:
    const chain::ChainStore& m_chain;
    const BftService* m_bft = nullptr;
};

std::filesystem::path make_temp_datadir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "yunlian-dev-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temp dir");
    return pattern;
}

}  // namespace

struct Node::Impl {
    NodeConfig config;
    FaultConfig faults;
    std::vector<DevAccount> accounts;
    bool temp_datadir = false;
    std::unique_ptr<chain::ChainStore> chain;
    std::unique_ptr<PoolState> pool_state;
    std::unique_ptr<txpool::TxPool> pool;
    std::unique_ptr<consensus::Engine> engine;
    std::unique_ptr<rpc::Dispatcher> dispatcher;
    std::unique_ptr<rpc::SubscriptionHub> hub;
    std::unique_ptr<BlockProducer> producer;
    std::unique_ptr<BftService> bft;
    std::unique_ptr<PendingFeed> pending_feed;
    std::unique_ptr<rpc::HttpServer> http;
    std::unique_ptr<rpc::WsServer> ws;
    bool stopped = false;
};

Node::Node(NodeConfig config, FaultConfig faults) : m_impl(std::make_unique<Impl>()) {
    m_impl->config = std::move(config);
    m_impl->faults = faults;
}

Node::~Node() { stop(); }

chain::Genesis make_genesis(const NodeConfig& config) {
    chain::Genesis genesis;
    if (config.genesis) genesis = chain::load_genesis_file(*config.genesis);
    if (config.dev) {
        for (const auto& a : node::dev_accounts(kDevAccountCount)) {
            types::Account funded;
            funded.balance = kDevBalance;
            genesis.alloc.emplace(a.address, funded);
        }
    }
    return genesis;
}

void Node::start() {
    Impl& n = *m_impl;
    const chain::Genesis genesis = make_genesis(n.config);
    if (n.config.dev) n.accounts = node::dev_accounts(kDevAccountCount);
    if (n.config.datadir.empty()) {
        if (!n.config.dev) throw std::runtime_error("--datadir is required outside dev mode");
        n.config.datadir = make_temp_datadir();
        n.temp_datadir = true;
    }
    n.chain = chain::open_chain(n.config.datadir, genesis);
    n.pool_state = std::make_unique<PoolState>(*n.chain);
    txpool::PoolConfig pool_config;
    pool_config.chain_id = genesis.chain_id;
    pool_config.block_gas_limit = n.chain->head().gas_limit;
    pool_config.max_txns = n.config.pool_size;
    n.pool = std::make_unique<txpool::TxPool>(pool_config, *n.pool_state);
    n.dispatcher = std::make_unique<rpc::Dispatcher>();
    n.hub = std::make_unique<rpc::SubscriptionHub>();
    n.hub->add_kind("newHeads");
    rpc::eth::add_logs_subscription(*n.hub);
    rpc::eth::add_pending_subscription(*n.hub);
    n.hub->register_methods(*n.dispatcher);
    rpc::register_web3_methods(*n.dispatcher);

    rpc::SubscriptionHub* hub = n.hub.get();
    const chain::ChainStore* chain = n.chain.get();
    auto publish = [hub, chain](const types::BlockHeader& header, const Hash& hash) {
        hub->publish("newHeads", rpc::eth::header_json(header, hash));
        rpc::eth::publish_block_logs(*hub, *chain, header, hash);
    };
    if (n.config.engine == "bft") {
        start_bft(genesis, publish);
    } else {
        n.engine = std::make_unique<consensus::SoloEngine>(
            static_cast<std::uint64_t>(n.config.block_time_s * 1000.0));
        n.producer = std::make_unique<BlockProducer>(*n.chain, *n.pool, *n.engine, genesis.coinbase,
                                                     publish);
        BlockProducer* producer = n.producer.get();
        rpc::eth::register_eth_methods(
            *n.dispatcher,
            rpc::eth::EthBackend{n.chain.get(), n.pool.get(),
                                 [producer] { producer->notify_txns(); }, n.config.gas_cap});
    }

    rpc::HttpServerConfig http_config;
    http_config.address = n.config.rpc_address;
    http_config.port = n.config.http_port;
    n.http = std::make_unique<rpc::HttpServer>(*n.dispatcher, http_config);
    rpc::WsServerConfig ws_config;
    ws_config.address = n.config.rpc_address;
    ws_config.port = n.config.ws_port;
    ws_config.threads = 1;
    n.ws = std::make_unique<rpc::WsServer>(*n.dispatcher, n.hub.get(), ws_config);
    if (n.producer) n.producer->start();
    if (n.bft) n.bft->start();
    n.pending_feed = std::make_unique<PendingFeed>(*n.pool, *n.hub);
    n.pending_feed->start();
    n.http->start();
    n.ws->start();
}

void Node::start_bft(const chain::Genesis& genesis,
                     const std::function<void(const types::BlockHeader&, const Hash&)>& publish) {
    Impl& n = *m_impl;
    if (genesis.validators.empty())
        throw std::runtime_error("engine bft: the genesis has no validators");
    BftServiceOptions options;
    options.node_key = read_node_key(*n.config.node_key_file);
    options.validators = genesis.validators;
    options.genesis_allow_list = genesis.allow_list;
    options.coinbase = genesis.coinbase;
    options.config = n.config;
    options.faults = n.faults;
    n.bft = std::make_unique<BftService>(std::move(options), *n.chain, *n.pool, publish);
    n.pool_state->follow(*n.bft);
    // The eth methods read the chain; new transactions go through the service (pool + gossip).
    rpc::eth::register_eth_methods(
        *n.dispatcher, rpc::eth::EthBackend{n.chain.get(), n.pool.get(), {}, n.config.gas_cap});
    register_bft_methods(*n.dispatcher, *n.bft, n.config.test_hooks);
}

void Node::stop() {
    Impl& n = *m_impl;
    if (n.stopped) return;
    n.stopped = true;
    // Outside in: no new requests, then no new blocks, then close the database.
    if (n.http) n.http->stop();
    if (n.ws) n.ws->stop();
    if (n.pending_feed) n.pending_feed->stop();
    if (n.producer) n.producer->stop();
    if (n.bft) n.bft->stop();
    n.bft.reset();
    n.chain.reset();
    if (n.temp_datadir) {
        std::error_code ec;
        std::filesystem::remove_all(n.config.datadir, ec);
    }
}

std::uint16_t Node::http_port() const { return m_impl->http->port(); }
std::uint16_t Node::ws_port() const { return m_impl->ws->port(); }
std::uint16_t Node::p2p_port() const { return m_impl->bft ? m_impl->bft->p2p_port() : 0; }
const std::vector<DevAccount>& Node::dev_accounts() const noexcept { return m_impl->accounts; }
std::uint64_t Node::head_block_num() const { return m_impl->chain->head().block_num; }
std::uint64_t Node::chain_id() const { return m_impl->chain->chain_id(); }
const std::filesystem::path& Node::datadir() const noexcept { return m_impl->config.datadir; }

int run_node(const NodeConfig& config, const FaultConfig& faults) {
    // Block the signals before any thread starts, so every thread inherits the mask and the main
    // thread alone receives them through sigwait (no handler, no global state).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Node node(config, faults);
    node.start();
    if (config.dev && config.print_accounts) {
        fmt::print("Accounts\n========\n\n");
        const auto& accounts = node.dev_accounts();
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            fmt::print("Account #{}: {} (10000 ETH)\nPrivate Key: {}\n\n", i,
                       crypto::to_checksum_hex(accounts[i].address),
                       to_hex(accounts[i].key.view()));
        }
    }
    fmt::print("Chain id {} at block {}, data in {}\n", node.chain_id(), node.head_block_num(),
               node.datadir().string());
    fmt::print("JSON-RPC over HTTP at http://{}:{}/\n", config.rpc_address, node.http_port());
    fmt::print("JSON-RPC over WebSocket at ws://{}:{}/\n", config.rpc_address, node.ws_port());
    if (config.engine == "bft") {
        fmt::print("BFT p2p on {}:{}\n", config.p2p_address, node.p2p_port());
    }
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    fmt::print("Shutting down ({})\n", received == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    node.stop();
    return 0;
}

}  // namespace yunlian::node
