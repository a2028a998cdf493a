#include <fmt/core.h>

#include "cli/commands.hpp"

namespace yunlian::cli {

void add_version_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("version", "Print the version of this build");
    cmd->callback([] { fmt::print("yunlian {}\n", YUNLIAN_VERSION); });
}

}  // namespace yunlian::cli
