#pragma once
// Each subcommand of `yunlian` registers itself on the root app through one of these.

#include <CLI/CLI.hpp>

namespace yunlian::cli {

void add_version_command(CLI::App& app);
void add_statetest_command(CLI::App& app);
void add_wasm_command(CLI::App& app);
void add_storage_command(CLI::App& app);
void add_node_command(CLI::App& app);
void add_account_command(CLI::App& app);
void add_balance_command(CLI::App& app);
void add_send_command(CLI::App& app);
void add_block_command(CLI::App& app);
void add_tx_command(CLI::App& app);
void add_devnet_command(CLI::App& app);

}  // namespace yunlian::cli
