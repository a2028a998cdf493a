// `yunlian node`: runs a node (a dev chain with --dev, or from a TOML config with --config).

#include <memory>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "common/hex.hpp"
#include "node/config.hpp"
#include "node/node.hpp"
#include "node/replay.hpp"

namespace yunlian::cli {
namespace {

struct NodeArgs {
    bool dev = false;
    std::string config;
    std::string datadir;
    std::string genesis;
    std::string rpc_address = "127.0.0.1";
    std::uint16_t rpc_port = 8545;
    std::uint16_t ws_port = 8546;
    double block_time = 0;
    bool quiet = false;
    bool verify = false;
};

void run_verify(const node::NodeConfig& c) {
    if (c.datadir.empty()) throw std::runtime_error("--verify needs --datadir");
    const auto report = node::replay_chain(c.datadir, node::make_genesis(c));
    if (!report.ok) throw std::runtime_error("verification failed: " + report.problem);
    fmt::print("verified {} blocks ({} transactions): head {}, state root {}\n", report.blocks,
               report.transactions, to_hex(report.head_hash.view()),
               to_hex(report.state_root.view()));
}

}  // namespace

void add_node_command(CLI::App& app) {
    auto args = std::make_shared<NodeArgs>();
    auto* cmd = app.add_subcommand("node", "Run a node (--dev for a local development chain)");
    cmd->add_flag("--dev", args->dev,
                  "Development chain: chain id 20261, the test mnemonic's 10 accounts funded");
    auto* config = cmd->add_option("--config", args->config, "TOML configuration file");
    auto* datadir =
        cmd->add_option("--datadir", args->datadir, "Data directory (dev: a temporary one)");
    auto* genesis = cmd->add_option("--genesis", args->genesis, "Genesis JSON (geth format)");
    auto* address = cmd->add_option("--rpc-addr", args->rpc_address, "Address RPC listens on");
    auto* rpc_port = cmd->add_option("--rpc-port", args->rpc_port, "HTTP JSON-RPC port");
    auto* ws_port = cmd->add_option("--ws-port", args->ws_port, "WebSocket JSON-RPC port");
    auto* block_time = cmd->add_option("--block-time", args->block_time,
                                       "Seconds between blocks (0: seal when transactions wait)")
                           ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--quiet", args->quiet, "Do not print the dev accounts");
    cmd->add_flag("--verify", args->verify,
                  "Replay the stored chain from genesis, check every block and the state, exit");
    cmd->callback([=] {
        node::NodeConfig c;
        if (config->count() > 0) c = node::load_config(args->config);
        if (args->dev) c.dev = true;
        if (datadir->count() > 0) c.datadir = args->datadir;
        if (genesis->count() > 0) c.genesis = args->genesis;
        if (address->count() > 0) c.rpc_address = args->rpc_address;
        if (rpc_port->count() > 0) c.http_port = args->rpc_port;
        if (ws_port->count() > 0) c.ws_port = args->ws_port;
        if (block_time->count() > 0) c.block_time_s = args->block_time;
        c.print_accounts = !args->quiet;
        if (!c.dev && !c.genesis) throw std::runtime_error("give --dev, --genesis or --config");
        if (args->verify) {
            run_verify(c);
            return;
        }
        const int code = node::run_node(c);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace yunlian::cli
