#pragma once
// The node's configuration: from command-line flags, or from a TOML file (`yunlian node --config
// node.toml`). toml++ stays in config.cpp.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace yunlian::node {

struct NodeConfig {
    /// Where the chain lives; empty for a temporary directory removed at exit (dev only).
    std::filesystem::path datadir;
    /// A dev chain: the test mnemonic's 10 accounts funded at genesis, chain id 20261.
    bool dev = false;
    /// A geth-style genesis JSON file (required unless dev).
    std::optional<std::filesystem::path> genesis;
    std::string engine = "solo";
    /// Seconds between blocks; 0 seals as soon as transactions wait (automine).
    double block_time_s = 0;
    std::string rpc_address = "127.0.0.1";
    std::uint16_t http_port = 8545;
    std::uint16_t ws_port = 8546;
    /// Gas cap for eth_call / eth_estimateGas.
    std::uint64_t gas_cap = 50'000'000;
    /// Most transactions the pool holds.
    std::size_t pool_size = 10'000;
    /// Whether to print the dev accounts and their keys at start.
    bool print_accounts = true;
};

/// Reads a TOML config. Keys: datadir, dev, genesis, engine, block_time, [rpc] address,
/// http_port, ws_port, gas_cap, [txpool] size. A relative path is relative to the file.
/// Throws std::runtime_error with the file position of the problem.
[[nodiscard]] NodeConfig load_config(const std::filesystem::path& path);

}  // namespace yunlian::node
