#pragma once
// The node's configuration: from command-line flags, or from a TOML file (`yunlian node --config
// node.toml`). toml++ stays in config.cpp.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

    // ---- engine = "bft" (issue 6; docs/NETWORK.md) ----
    /// The node's secp256k1 key (hex, one line): its p2p identity and, when its address is in the
    /// genesis validator set, its validator signing key. Required for bft.
    std::optional<std::filesystem::path> node_key_file;
    /// Where p2p (TLS) listens ([p2p] listen_address, port).
    std::string p2p_address = "127.0.0.1";
    std::uint16_t p2p_port = 30303;
    /// Peers dialled at start and redialled with backoff, "host:port" ([p2p] static_peers).
    std::vector<std::string> static_peers;
    /// Consortium mode: node public keys (hex, 64 bytes) allowed to connect, added to the
    /// genesis allowList ([p2p] allow_list). Both empty: any peer may connect.
    std::vector<std::string> allow_list;
    /// Most connected peers ([p2p] max_peers).
    std::size_t max_peers = 50;
    /// Round timeout of round r: timeout_base_ms + r * timeout_delta_ms ([bft] section).
    std::uint64_t timeout_base_ms = 1000;
    std::uint64_t timeout_delta_ms = 500;
    /// Test hooks (yunlian_setIsolated over RPC). Never on in a real network.
    bool test_hooks = false;
};

/// Reads a TOML config. Keys: datadir, dev, genesis, engine ("solo" or "bft"), block_time,
/// node_key_file, test_hooks, [rpc] address, http_port, ws_port, gas_cap, [txpool] size,
/// [p2p] listen_address, port, static_peers, allow_list, max_peers, [bft] timeout_base_ms,
/// timeout_delta_ms. A relative path is relative to the file.
/// Throws std::runtime_error with the file position of the problem.
[[nodiscard]] NodeConfig load_config(const std::filesystem::path& path);

}  // namespace yunlian::node
