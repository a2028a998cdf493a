// `yunlian devnet`: a local network of BFT validators, one `yunlian node` process each.

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "node/devnet.hpp"

namespace yunlian::cli {
namespace {

struct DevnetArgs {
    std::size_t nodes = 4;
    std::string datadir;
    std::uint16_t rpc_base_port = 8545;
    std::uint16_t p2p_base_port = 30303;
    bool init_only = false;
    bool reset = false;
};

/// $HOME/.yunlian/devnet, next to the default keystore.
std::filesystem::path default_datadir() {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0')
        throw std::runtime_error("HOME is not set; give --datadir");
    return std::filesystem::path(home) / ".yunlian" / "devnet";
}

}  // namespace

void add_devnet_command(CLI::App& app) {
    auto args = std::make_shared<DevnetArgs>();
    auto* cmd = app.add_subcommand(
        "devnet", "Run a local network of BFT validators (one `yunlian node` process each)");
    cmd->add_option("--nodes", args->nodes, "Number of validators")
        ->check(CLI::Range(std::size_t{1}, node::kDevnetMaxNodes));
    cmd->add_option("--datadir", args->datadir,
                    "Data folder; re-running over it continues the same chain (default "
                    "$HOME/.yunlian/devnet)");
    cmd->add_option("--rpc-base-port", args->rpc_base_port,
                    "Node i serves JSON-RPC over HTTP on this + i and WebSocket on this + 100 + i")
        ->check(CLI::Range(1, 65535));
    cmd->add_option("--p2p-base-port", args->p2p_base_port, "Node i listens for peers on this + i")
        ->check(CLI::Range(1, 65535));
    cmd->add_flag("--init-only", args->init_only,
                  "Write the keys, genesis and configs, print where, and exit");
    cmd->add_flag("--reset", args->reset, "Delete the data folder first (a new chain)");
    cmd->callback([=] {
        node::DevnetOptions options;
        options.nodes = args->nodes;
        options.datadir =
            args->datadir.empty() ? default_datadir() : std::filesystem::absolute(args->datadir);
        options.rpc_base_port = args->rpc_base_port;
        options.p2p_base_port = args->p2p_base_port;
        if (args->reset) std::filesystem::remove_all(options.datadir);
        if (args->init_only) {
            for (const auto& n : node::write_devnet(options)) {
                fmt::print("node {}: {} {}\n", n.index, n.config_path().string(), n.rpc_url());
            }
            return;
        }
        const int code = node::run_devnet(options, std::filesystem::read_symlink("/proc/self/exe"));
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace yunlian::cli
