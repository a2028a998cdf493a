// `yunlian tx HASH`: a transaction and its receipt, from a node's JSON-RPC.

#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "node/rpc_client.hpp"

namespace yunlian::cli {

void add_tx_command(CLI::App& app) {
    struct Args {
        std::string hash;
        std::string rpc = "http://127.0.0.1:8545/";
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("tx", "Print a transaction and its receipt");
    cmd->add_option("hash", args->hash, "Transaction hash")->required();
    cmd->add_option("--rpc", args->rpc, "Node JSON-RPC URL");
    cmd->callback([args] {
        const boost::json::array params{boost::json::string(args->hash)};
        const auto txn = node::rpc_call(args->rpc, "eth_getTransactionByHash", params);
        if (txn.is_null()) throw std::runtime_error("no such transaction: " + args->hash);
        const auto receipt = node::rpc_call(args->rpc, "eth_getTransactionReceipt", params);
        boost::json::object out{{"transaction", txn}, {"receipt", receipt}};
        fmt::print("{}\n", boost::json::serialize(out));
    });
}

}  // namespace yunlian::cli
