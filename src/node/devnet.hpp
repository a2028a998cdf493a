#pragma once
// A local BFT network of validators on 127.0.0.1 (`yunlian devnet`): the files that describe it
// (node keys, one shared genesis, one config per validator) and a supervisor that runs one
// `yunlian node --config` process per validator until Ctrl-C.
//
// Layout of the data folder D:
//   D/genesis.json               chain id 20261, the dev accounts funded, the validator set
//   D/node-<i>/node.toml         node i's config (ports, peers, key file, data folder)
//   D/node-<i>/node.key          node i's secp256k1 node key (hex)
//   D/node-<i>/data/             node i's chain (RocksDB)
//   D/node-<i>/node.log          node i's output while the supervisor runs it

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::node {

/// The shape of a devnet. Ports: node i serves HTTP JSON-RPC on rpc_base_port + i, WebSocket on
/// rpc_base_port + kDevnetWsOffset + i and p2p on p2p_base_port + i.
struct DevnetOptions {
    std::size_t nodes = 4;
    std::filesystem::path datadir;
    std::uint16_t rpc_base_port = 8545;
    std::uint16_t p2p_base_port = 30303;
};

/// WebSocket ports sit this far above the HTTP ones, so that up to 100 nodes never collide.
inline constexpr std::uint16_t kDevnetWsOffset = 100;
/// The most validators a devnet runs (the port layout leaves room for 100).
inline constexpr std::size_t kDevnetMaxNodes = 100;

/// One validator of a devnet: its key and where its files and ports are.
struct DevnetNode {
    std::size_t index = 0;
    crypto::PrivateKey key;
    crypto::PublicKey public_key;
    /// The address that names the validator in the genesis validator set.
    Address address;
    std::filesystem::path dir;
    std::uint16_t http_port = 0;
    std::uint16_t ws_port = 0;
    std::uint16_t p2p_port = 0;

    [[nodiscard]] std::filesystem::path config_path() const { return dir / "node.toml"; }
    [[nodiscard]] std::filesystem::path key_path() const { return dir / "node.key"; }
    [[nodiscard]] std::filesystem::path log_path() const { return dir / "node.log"; }
    [[nodiscard]] std::string rpc_url() const;
};

/// Validator i's node key: keccak256("yunlian devnet node key <i>") (re-hashed in the
/// negligible case it is not a valid scalar). Deterministic, so that re-running a devnet over
/// the same data folder finds the same validator set and chain. For local networks only: anyone
/// can compute these keys.
[[nodiscard]] crypto::PrivateKey devnet_node_key(std::size_t index);

/// The validators `options` describes. Throws std::invalid_argument when the count is out of
/// [1, kDevnetMaxNodes], a port would pass 65535, or the p2p ports collide with the RPC ones.
[[nodiscard]] std::vector<DevnetNode> plan_devnet(const DevnetOptions& options);

/// The shared genesis: chain id 20261, the 10 dev accounts with 10,000 ether each, the
/// validator set (the nodes' addresses, in index order) and the allow-list of their node keys.
[[nodiscard]] std::string devnet_genesis_json(const std::vector<DevnetNode>& nodes);

/// Node `self`'s config: data folder, genesis, the bft engine, its key file, its ports and every
/// other validator as a static peer.
[[nodiscard]] std::string devnet_node_toml(const DevnetNode& self,
                                           const std::vector<DevnetNode>& nodes);

/// Writes the devnet's files. An existing genesis.json is kept when it is the one these options
/// give (so the chain in the nodes' data folders stays valid) and refused otherwise (a different
/// node count: throws std::runtime_error naming the folder); keys and configs are rewritten
/// (same keys, maybe new ports). Returns the plan.
std::vector<DevnetNode> write_devnet(const DevnetOptions& options);

/// Runs the devnet: writes its files, starts one `<exe> node --config` child per validator with
/// its output in its node.log, prints each RPC URL and the dev accounts once every node serves,
/// reports any child that exits, and on SIGINT/SIGTERM stops them all (SIGTERM, then SIGKILL
/// after 15 s) and returns 0. Returns 1 when a node cannot start.
int run_devnet(const DevnetOptions& options, const std::filesystem::path& exe);

}  // namespace yunlian::node
