// `yunlian storage ...`: content-addressed storage from the command line (issue 7). Every
// subcommand opens the block store in --repo; failures from the library become one-line errors.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "cas/block_store.hpp"
#include "cas/car.hpp"
#include "cas/dir_builder.hpp"
#include "cas/gateway.hpp"
#include "cas/reader.hpp"
#include "cli/commands.hpp"

namespace yunlian::cli {
namespace {

std::string default_repo() {
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : ".") + "/.yunlian/storage";
}

template <typename T>
T value_or_throw(Result<T, cas::Failure> result) {
    if (!result) throw std::runtime_error(cas::describe(result.error()));
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

cas::ContentPath parse_path(const std::string& text) {
    auto parsed = cas::parse_content_path(text);
    if (!parsed) {
        throw std::runtime_error(
            fmt::format("invalid CID '{}': {}", text, cas::to_string(parsed.error())));
    }
    return *parsed;
}

cas::Cid resolve(const cas::BlockStore& store, const std::string& text) {
    const auto path = parse_path(text);
    return value_or_throw(cas::DagReader(store).resolve(path.root, path.path));
}

struct AddArgs {
    std::string path;
    bool recursive = false;
    int cid_version = 0;
    bool raw_leaves = false;
    bool only_hash = false;
    std::size_t chunk_size = cas::kDefaultChunkSize;
};

void run_add(const std::string& repo, const AddArgs& args, bool raw_leaves_given) {
    cas::AddOptions options;
    options.cid_version = static_cast<std::uint8_t>(args.cid_version);
    // As in kubo, --cid-version 1 implies --raw-leaves unless the flag is given.
    options.raw_leaves = raw_leaves_given ? args.raw_leaves : args.cid_version == 1;
    options.chunk_size = args.chunk_size;
    // "-" reads the file from stdin, so a stream of any size can be added.
    const auto add = [&](cas::BlockSink& sink) {
        if (args.path != "-") return cas::add_path(args.path, args.recursive, options, sink);
        cas::FdSource in(0);
        return cas::add_file(in, options, sink);
    };
    if (args.only_hash) {
        cas::NullSink sink;
        fmt::print("{}\n", add(sink).cid.to_string());
        return;
    }
    cas::BlockStore store(repo);
    const auto root = add(store);
    store.flush();
    // kubo pins what it adds; so do we, so that gc keeps it. The DAG was just built here.
    value_or_throw(store.pin(root.cid, cas::PinKind::kRecursive, false));
    fmt::print("{}\n", root.cid.to_string());
}

void write_stdout(BytesView data) {
    if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size()) {
        throw std::runtime_error("cannot write to stdout");
    }
}

void get_to(const cas::BlockStore& store, const cas::Cid& cid, const std::filesystem::path& out) {
    const cas::DagReader reader(store);
    const auto info = value_or_throw(reader.stat(cid));
    if (info.kind == cas::NodeKind::kDirectory) {
        std::filesystem::create_directories(out);
        for (const auto& entry : value_or_throw(reader.list(cid))) {
            // Names came from a block: never let one climb out of the output directory.
            if (entry.name.empty() || entry.name == "." || entry.name == ".." ||
                entry.name.find('/') != std::string::npos) {
                throw std::runtime_error("unsafe entry name in " + cid.to_string());
            }
            get_to(store, entry.cid, out / entry.name);
        }
        return;
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot create " + out.string());
    value_or_throw(reader.read(cid, 0, UINT64_MAX, [&](BytesView data) {
        file.write(reinterpret_cast<const char*>(data.data()),
                   static_cast<std::streamsize>(data.size()));
    }));
    if (!file.flush()) throw std::runtime_error("cannot write " + out.string());
}

void add_add(CLI::App& storage, const std::shared_ptr<std::string>& repo) {
    auto args = std::make_shared<AddArgs>();
    auto* cmd = storage.add_subcommand("add", "Add a file or directory and print its root CID");
    cmd->add_option("path", args->path, "File or directory ('-' for stdin)")->required();
    cmd->add_flag("-r,--recursive", args->recursive, "Add a directory tree");
    cmd->add_option("--cid-version", args->cid_version, "CID version (0 or 1)")
        ->check(CLI::Range(0, 1));
    auto* raw = cmd->add_flag("--raw-leaves{true},!--no-raw-leaves", args->raw_leaves,
                              "Store leaves as raw blocks");
    cmd->add_flag("-n,--only-hash", args->only_hash, "Compute the CID without storing");
    cmd->add_option("--chunk-size", args->chunk_size, "Chunk size in bytes");
    cmd->callback([repo, args, raw] { run_add(*repo, *args, raw->count() > 0); });
}

void add_read_commands(CLI::App& storage, const std::shared_ptr<std::string>& repo) {
    struct CatArgs {
        std::string path;
        std::uint64_t offset = 0;
        std::uint64_t length = UINT64_MAX;
    };
    auto cat = std::make_shared<CatArgs>();
    auto* cat_cmd = storage.add_subcommand("cat", "Write a file to stdout");
    cat_cmd->add_option("cid", cat->path, "CID[/path]")->required();
    cat_cmd->add_option("--offset", cat->offset, "First byte");
    cat_cmd->add_option("--length", cat->length, "Number of bytes");
    cat_cmd->callback([repo, cat] {
        const cas::BlockStore store(*repo);
        const auto cid = resolve(store, cat->path);
        value_or_throw(cas::DagReader(store).read(cid, cat->offset, cat->length, write_stdout));
        std::fflush(stdout);
    });

    auto get = std::make_shared<std::pair<std::string, std::string>>();
    auto* get_cmd = storage.add_subcommand("get", "Write a file or directory to a path");
    get_cmd->add_option("cid", get->first, "CID[/path]")->required();
    get_cmd->add_option("-o,--output", get->second, "Output path")->required();
    get_cmd->callback([repo, get] {
        const cas::BlockStore store(*repo);
        get_to(store, resolve(store, get->first), get->second);
    });

    auto ls = std::make_shared<std::string>();
    auto* ls_cmd = storage.add_subcommand("ls", "List a directory: CID, size and name per line");
    ls_cmd->add_option("cid", *ls, "CID[/path]")->required();
    ls_cmd->callback([repo, ls] {
        const cas::BlockStore store(*repo);
        for (const auto& entry : value_or_throw(cas::DagReader(store).list(resolve(store, *ls)))) {
            fmt::print("{} {} {}\n", entry.cid.to_string(), entry.tsize, entry.name);
        }
    });
}

void add_pin_commands(CLI::App& storage, const std::shared_ptr<std::string>& repo) {
    auto* pin = storage.add_subcommand("pin", "Pins keep blocks from garbage collection");
    pin->require_subcommand(1);
    auto target = std::make_shared<std::string>();
    auto direct = std::make_shared<bool>(false);
    auto* add = pin->add_subcommand("add", "Pin a DAG (recursive) or one block (--direct)");
    add->add_option("cid", *target, "CID[/path]")->required();
    add->add_flag("--direct", *direct, "Pin only this block");
    add->callback([repo, target, direct] {
        cas::BlockStore store(*repo);
        const auto cid = resolve(store, *target);
        value_or_throw(store.pin(cid, *direct ? cas::PinKind::kDirect : cas::PinKind::kRecursive));
        fmt::print("pinned {} {}\n", cid.to_string(), *direct ? "direct" : "recursive");
    });
    auto* rm = pin->add_subcommand("rm", "Remove a pin");
    rm->add_option("cid", *target, "CID")->required();
    rm->callback([repo, target] {
        cas::BlockStore store(*repo);
        const auto cid = parse_path(*target).root;
        if (!store.unpin(cid)) throw std::runtime_error("not pinned: " + cid.to_string());
        fmt::print("unpinned {}\n", cid.to_string());
    });
    auto* ls = pin->add_subcommand("ls", "List pins: CID and kind per line");
    ls->callback([repo] {
        const cas::BlockStore store(*repo);
        for (const auto& [cid, kind] : store.pins()) {
            fmt::print("{} {}\n", cid.to_string(),
                       kind == cas::PinKind::kDirect ? "direct" : "recursive");
        }
    });

    auto* gc = storage.add_subcommand("gc", "Remove every block no pin reaches");
    gc->callback([repo] {
        cas::BlockStore store(*repo);
        const auto report = value_or_throw(store.gc());
        fmt::print("removed {} blocks, kept {}\n", report.removed_blocks, report.kept_blocks);
    });
}

void add_car_commands(CLI::App& storage, const std::shared_ptr<std::string>& repo) {
    auto exp = std::make_shared<std::pair<std::string, std::string>>();
    auto* export_cmd = storage.add_subcommand("export", "Write a DAG to a CAR v1 file");
    export_cmd->add_option("cid", exp->first, "CID[/path]")->required();
    export_cmd->add_option("-o,--output", exp->second, "CAR file")->required();
    export_cmd->callback([repo, exp] {
        const cas::BlockStore store(*repo);
        const auto cid = resolve(store, exp->first);
        std::ofstream out(exp->second, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot create " + exp->second);
        const auto blocks = value_or_throw(cas::export_car(store, cid, out));
        if (!out.flush()) throw std::runtime_error("cannot write " + exp->second);
        fmt::print("exported {} blocks of {}\n", blocks, cid.to_string());
    });

    auto file = std::make_shared<std::string>();
    auto* import_cmd =
        storage.add_subcommand("import", "Read a CAR file, verify its blocks, pin its roots");
    import_cmd->add_option("file", *file, "CAR file")->required();
    import_cmd->callback([repo, file] {
        std::ifstream in(*file, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + *file);
        cas::BlockStore store(*repo);
        const auto imported = value_or_throw(cas::import_car(in, store));
        store.flush();
        for (const auto& root : imported.roots) {
            value_or_throw(store.pin(root, cas::PinKind::kRecursive));
            fmt::print("{}\n", root.to_string());
        }
    });
}

void add_serve_command(CLI::App& storage, const std::shared_ptr<std::string>& repo) {
    auto options = std::make_shared<cas::GatewayOptions>();
    auto* serve = storage.add_subcommand("serve", "Serve /ipfs/<cid>[/path] over HTTP");
    serve->add_option("--port", options->port, "TCP port (0: any free port)");
    serve->add_option("--address", options->address, "Address to bind");
    serve->callback([repo, options] {
        cas::BlockStore store(*repo);
        cas::Gateway gateway(store, *options);
        // The first line names the bound port, so scripts can use --port 0.
        fmt::print("listening on http://{}:{}\n", options->address, gateway.port());
        std::fflush(stdout);
        gateway.run();
    });
}

}  // namespace

void add_storage_command(CLI::App& app) {
    auto* storage = app.add_subcommand("storage", "Content-addressed storage (IPFS-compatible)");
    storage->require_subcommand(1);
    // --repo may follow the subcommand ("storage add --repo DIR ..."), as the issue spells it.
    storage->fallthrough();
    auto repo = std::make_shared<std::string>(default_repo());
    storage->add_option("--repo", *repo, "Block store directory")->capture_default_str();
    add_add(*storage, repo);
    add_read_commands(*storage, repo);
    add_pin_commands(*storage, repo);
    add_car_commands(*storage, repo);
    add_serve_command(*storage, repo);
}

}  // namespace yunlian::cli
