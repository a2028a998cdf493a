// `yunlian block N|latest|HASH`: a block as the node returns it (eth_getBlockBy*).

#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "common/hex.hpp"
#include "node/rpc_client.hpp"

namespace yunlian::cli {

void add_block_command(CLI::App& app) {
    struct Args {
        std::string id;
        std::string rpc = "http://127.0.0.1:8545/";
        bool full = false;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("block", "Print a block (by number, tag or hash)");
    cmd->add_option("block", args->id, "Number, tag (latest, earliest) or hash")->required();
    cmd->add_option("--rpc", args->rpc, "Node JSON-RPC URL");
    cmd->add_flag("--full", args->full, "Include whole transactions");
    cmd->callback([args] {
        boost::json::value block;
        const std::string& id = args->id;
        if (id.size() == 66 && has_hex_prefix(id)) {
            block = node::rpc_call(args->rpc, "eth_getBlockByHash",
                                   {boost::json::string(id), args->full});
        } else {
            std::string tag = id;
            if (!tag.empty() && tag.find_first_not_of("0123456789") == std::string::npos) {
                tag = fmt::format("0x{:x}", std::stoull(tag));
            }
            block = node::rpc_call(args->rpc, "eth_getBlockByNumber",
                                   {boost::json::string(tag), args->full});
        }
        if (block.is_null()) throw std::runtime_error("no such block: " + id);
        fmt::print("{}\n", boost::json::serialize(block));
    });
}

}  // namespace yunlian::cli
