#pragma once
// A running node: the chain, the pool, the engine and its block producer, and the JSON-RPC
// servers (HTTP and WebSocket), wired together and started and stopped as one.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "chain/genesis.hpp"
#include "node/config.hpp"
#include "node/dev_accounts.hpp"
#include "node/fault_config.hpp"

namespace yunlian::node {

class Node {
  public:
    /// `faults` are for test builds only (node/fault_config.hpp); a normal node passes none.
    explicit Node(NodeConfig config, FaultConfig faults = {});
    ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    /// Opens the chain and starts serving. Throws on failure (a port in use, a bad database).
    void start();
    /// Stops the servers, finishes the block in progress and closes the database. Idempotent.
    void stop();

    [[nodiscard]] std::uint16_t http_port() const;
    [[nodiscard]] std::uint16_t ws_port() const;
    /// The p2p port (engine "bft"; 0 otherwise).
    [[nodiscard]] std::uint16_t p2p_port() const;
    [[nodiscard]] const std::vector<DevAccount>& dev_accounts() const noexcept;
    [[nodiscard]] std::uint64_t head_block_num() const;
    [[nodiscard]] std::uint64_t chain_id() const;
    [[nodiscard]] const std::filesystem::path& datadir() const noexcept;

  private:
    void start_bft(const chain::Genesis& genesis,
                   const std::function<void(const types::BlockHeader&, const Hash&)>& publish);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The genesis a config describes: its genesis file, plus in dev mode the dev accounts funded.
[[nodiscard]] chain::Genesis make_genesis(const NodeConfig& config);

/// Runs a node until SIGINT or SIGTERM, printing where to connect (and the dev accounts).
/// Returns the process exit code.
/// `faults`: test builds only (the byzantine validator of tests/integration).
int run_node(const NodeConfig& config, const FaultConfig& faults = {});

}  // namespace yunlian::node
