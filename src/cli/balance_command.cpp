// `yunlian balance ADDR`: an account's balance, from a node's JSON-RPC.

#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "common/uint256.hpp"
#include "crypto/address.hpp"
#include "node/rpc_client.hpp"
#include "node/units.hpp"

namespace yunlian::cli {

void add_balance_command(CLI::App& app) {
    struct Args {
        std::string address;
        std::string rpc = "http://127.0.0.1:8545/";
        std::string block = "latest";
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("balance", "Print an account's balance");
    cmd->add_option("address", args->address, "Account address (0x...)")->required();
    cmd->add_option("--rpc", args->rpc, "Node JSON-RPC URL");
    cmd->add_option("--block", args->block, "Block number or tag");
    cmd->callback([args] {
        auto address = crypto::parse_address(args->address);
        if (!address) throw std::runtime_error("invalid address: " + args->address);
        const auto result =
            node::rpc_call(args->rpc, "eth_getBalance",
                           {boost::json::string(crypto::to_checksum_hex(*address)), args->block});
        if (!result.is_string()) throw std::runtime_error("unexpected answer from the node");
        auto wei = Uint256::from_string(std::string_view{result.as_string()});
        if (!wei) throw std::runtime_error("unexpected answer from the node");
        fmt::print("{} ETH ({} wei)\n", node::format_ether(*wei), wei->to_string());
    });
}

}  // namespace yunlian::cli
