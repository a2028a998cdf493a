// A test build of a validator that misbehaves on purpose (issue 6's byzantine validator test):
// the ordinary node with one node::FaultConfig switch on. The switches exist only in code, so a
// release `yunlian` can never be configured to misbehave; this executable is built for the
// integration tests alone and never installed.
//
//   yunlian_byzantine --fault double-vote|invalid-proposal|flood-oversized --config node.toml

#include <exception>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "node/config.hpp"
#include "node/fault_config.hpp"
#include "node/node.hpp"

namespace {

yunlian::node::FaultConfig fault_of(const std::string& name) {
    yunlian::node::FaultConfig faults;
    faults.double_vote = name == "double-vote";
    faults.invalid_proposal = name == "invalid-proposal";
    faults.flood_oversized = name == "flood-oversized";
    return faults;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"A validator that misbehaves on purpose (integration tests only)",
                 "yunlian_byzantine"};
    std::string fault;
    std::string config;
    app.add_option("--fault", fault, "The misbehaviour")
        ->required()
        ->check(CLI::IsMember({"double-vote", "invalid-proposal", "flood-oversized"}));
    app.add_option("--config", config, "The validator's TOML config")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        yunlian::node::NodeConfig c = yunlian::node::load_config(config);
        c.print_accounts = false;
        fmt::print("byzantine validator: fault {}\n", fault);
        return yunlian::node::run_node(c, fault_of(fault));
    } catch (const std::exception& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        return 1;
    }
}
