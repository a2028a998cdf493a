#include "node/devnet.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/core.h>
#include <sys/stat.h>

#include "chain/genesis.hpp"
#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "crypto/keccak.hpp"
#include "node/dev_accounts.hpp"

namespace yunlian::node {
namespace {

constexpr std::size_t kDevAccountCount = 10;
/// 10,000 ether in wei, as `yunlian node --dev` funds each dev account.
constexpr std::string_view kDevBalanceWei = "10000000000000000000000";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a
/// file; `private_file` makes it readable by the owner only (node keys).
void write_file(const std::filesystem::path& path, std::string_view text, bool private_file) {
    const std::filesystem::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
    }
    if (private_file) ::chmod(tmp.c_str(), S_IRUSR | S_IWUSR);
    std::filesystem::rename(tmp, path);
}

std::uint16_t port_at(std::uint16_t base, std::size_t offset, std::string_view what) {
    const std::size_t port = base + offset;
    if (base == 0 || port > 65535) {
        throw std::invalid_argument(
            fmt::format("{} ports {}..{} are out of range", what, base, port));
    }
    return static_cast<std::uint16_t>(port);
}

/// A TOML basic string: quotes, with backslashes and quotes escaped (paths may hold either).
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace

std::string DevnetNode::rpc_url() const { return fmt::format("http://127.0.0.1:{}/", http_port); }

crypto::PrivateKey devnet_node_key(std::size_t index) {
    Hash h = crypto::keccak256(as_bytes(fmt::format("yunlian devnet node key {}", index)));
    // A keccak output is zero or at least the group order with probability ~2^-128; hashing
    // again keeps the function total without a special case anyone will ever see.
    while (!crypto::parse_private_key(h.view())) h = crypto::keccak256(h.view());
    return h;
}

std::vector<DevnetNode> plan_devnet(const DevnetOptions& options) {
    if (options.nodes < 1 || options.nodes > kDevnetMaxNodes) {
        throw std::invalid_argument(
            fmt::format("a devnet has 1 to {} nodes, not {}", kDevnetMaxNodes, options.nodes));
    }
    const std::size_t last = options.nodes - 1;
    port_at(options.rpc_base_port, kDevnetWsOffset + last, "WebSocket");
    port_at(options.p2p_base_port, last, "p2p");
    std::vector<DevnetNode> nodes;
    for (std::size_t i = 0; i < options.nodes; ++i) {
        DevnetNode n;
        n.index = i;
        n.key = devnet_node_key(i);
        const auto pub = crypto::public_key_of(n.key);
        if (!pub) throw std::logic_error("devnet node key is invalid");
        n.public_key = *pub;
        n.address = crypto::address_of(*pub);
        n.dir = options.datadir / fmt::format("node-{}", i);
        n.http_port = port_at(options.rpc_base_port, i, "HTTP");
        n.ws_port = port_at(options.rpc_base_port, kDevnetWsOffset + i, "WebSocket");
        n.p2p_port = port_at(options.p2p_base_port, i, "p2p");
        nodes.push_back(std::move(n));
    }
    // Ranges as integers: [P, P + n) HTTP, [P + 100, P + 100 + n) WebSocket, [Q, Q + n) p2p.
    const auto overlaps = [&](std::size_t a, std::size_t b) {
        return a < b + options.nodes && b < a + options.nodes;
    };
    const std::size_t http = options.rpc_base_port;
    const std::size_t p2p = options.p2p_base_port;
    if (overlaps(http, p2p) || overlaps(http + kDevnetWsOffset, p2p)) {
        throw std::invalid_argument(
            fmt::format("p2p ports {}.. collide with the RPC ports {}.. (HTTP) or {}.. (WebSocket)",
                        p2p, http, http + kDevnetWsOffset));
    }
    return nodes;
}

std::string devnet_genesis_json(const std::vector<DevnetNode>& nodes) {
    std::string out = fmt::format(
        "{{\n  \"config\": {{\"chainId\": {}}},\n  \"gasLimit\": \"{}\",\n"
        "  \"baseFeePerGas\": \"1000000000\",\n  \"timestamp\": \"0\",\n  \"alloc\": {{\n",
        chain::kDefaultChainId, chain::kDefaultGasLimit);
    const auto accounts = dev_accounts(kDevAccountCount);
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        out += fmt::format("    \"{}\": {{\"balance\": \"{}\"}}{}\n",
                           crypto::to_checksum_hex(accounts[i].address), kDevBalanceWei,
                           i + 1 < accounts.size() ? "," : "");
    }
    out += "  },\n  \"validators\": [\n";
    for (const auto& n : nodes) {
        out += fmt::format("    \"{}\"{}\n", crypto::to_checksum_hex(n.address),
                           n.index + 1 < nodes.size() ? "," : "");
    }
    out += "  ],\n  \"allowList\": [\n";
    for (const auto& n : nodes) {
        out += fmt::format("    \"{}\"{}\n", to_hex(n.public_key.view()),
                           n.index + 1 < nodes.size() ? "," : "");
    }
    out += "  ]\n}\n";
    return out;
}

std::string devnet_node_toml(const DevnetNode& self, const std::vector<DevnetNode>& nodes) {
    std::string out = fmt::format(
        "# Validator {} of a {}-node devnet, written by `yunlian devnet` (rewritten on each run).\n"
        "datadir = \"data\"\ngenesis = \"../genesis.json\"\nengine = \"bft\"\n"
        "node_key_file = \"node.key\"\n\n[rpc]\naddress = \"127.0.0.1\"\nhttp_port = {}\n"
        "ws_port = {}\n\n[p2p]\nlisten_address = \"127.0.0.1\"\nport = {}\nstatic_peers = [",
        self.index, nodes.size(), self.http_port, self.ws_port, self.p2p_port);
    bool first = true;
    for (const auto& n : nodes) {
        if (n.index == self.index) continue;
        out += fmt::format("{}\n    {}", first ? "" : ",",
                           toml_string(fmt::format("127.0.0.1:{}", n.p2p_port)));
        first = false;
    }
    out += first ? "]\n" : ",\n]\n";
    return out;
}

std::vector<DevnetNode> write_devnet(const DevnetOptions& options) {
    auto nodes = plan_devnet(options);
    std::filesystem::create_directories(options.datadir);
    const std::filesystem::path genesis_path = options.datadir / "genesis.json";
    const std::string genesis = devnet_genesis_json(nodes);
    if (std::filesystem::exists(genesis_path)) {
        if (read_file(genesis_path) != genesis) {
            throw std::runtime_error(fmt::format(
                "{} holds a different devnet (another node count?); use another --datadir or "
                "--reset",
                options.datadir.string()));
        }
    } else {
        write_file(genesis_path, genesis, false);
    }
    for (const auto& n : nodes) {
        std::filesystem::create_directories(n.dir);
        write_file(n.key_path(), to_hex(n.key.view(), false) + "\n", true);
        write_file(n.config_path(), devnet_node_toml(n, nodes), false);
    }
    return nodes;
}

}  // namespace yunlian::node
