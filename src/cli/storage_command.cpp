// `yunlian storage ...`: content-addressed storage from the command line (issue 7).

#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "cas/dir_builder.hpp"
#include "cli/commands.hpp"

namespace yunlian::cli {
namespace {

struct AddArgs {
    std::string path;
    bool recursive = false;
    int cid_version = 0;
    bool raw_leaves = false;
    bool only_hash = false;
    std::size_t chunk_size = cas::kDefaultChunkSize;
};

void run_add(const AddArgs& args, bool raw_leaves_given) {
    cas::AddOptions options;
    options.cid_version = static_cast<std::uint8_t>(args.cid_version);
    // As in kubo, --cid-version 1 implies --raw-leaves unless the flag is given.
    options.raw_leaves = raw_leaves_given ? args.raw_leaves : args.cid_version == 1;
    options.chunk_size = args.chunk_size;
    if (!args.only_hash) throw std::runtime_error("storing is not available yet");
    cas::NullSink sink;
    const auto root = cas::add_path(args.path, args.recursive, options, sink);
    fmt::print("{}\n", root.cid.to_string());
}

}  // namespace

void add_storage_command(CLI::App& app) {
    auto* storage = app.add_subcommand("storage", "Content-addressed storage (IPFS-compatible)");
    storage->require_subcommand(1);

    auto args = std::make_shared<AddArgs>();
    auto* add = storage->add_subcommand("add", "Add a file or directory and print its root CID");
    add->add_option("path", args->path, "File or directory")->required();
    add->add_flag("-r,--recursive", args->recursive, "Add a directory tree");
    add->add_option("--cid-version", args->cid_version, "CID version (0 or 1)")
        ->check(CLI::Range(0, 1));
    auto* raw = add->add_flag("--raw-leaves{true},!--no-raw-leaves", args->raw_leaves,
                              "Store leaves as raw blocks");
    add->add_flag("-n,--only-hash", args->only_hash, "Compute the CID without storing");
    add->add_option("--chunk-size", args->chunk_size, "Chunk size in bytes");
    add->callback([args, raw] { run_add(*args, raw->count() > 0); });
}

}  // namespace yunlian::cli
