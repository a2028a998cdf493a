// The `yunlian` command: a node, its tools and its conformance runners in one binary.

#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Yunlian (云链): a blockchain base platform for a decentralized cloud", "yunlian"};
    app.require_subcommand(1);
    yunlian::cli::add_version_command(app);
    yunlian::cli::add_statetest_command(app);
    yunlian::cli::add_wasm_command(app);
    yunlian::cli::add_storage_command(app);
    yunlian::cli::add_node_command(app);
    yunlian::cli::add_account_command(app);
    yunlian::cli::add_balance_command(app);
    yunlian::cli::add_send_command(app);
    yunlian::cli::add_block_command(app);
    yunlian::cli::add_tx_command(app);
    yunlian::cli::add_devnet_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        // The edge of the program: anything a subcommand throws becomes a message for a person.
        fmt::print(stderr, "error: {}\n", e.what());
        return 1;
    }
    return 0;
}
