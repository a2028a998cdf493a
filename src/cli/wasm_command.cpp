// `yunlian wasm`: run, validate and spec-test WebAssembly modules.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "wasm/engine.hpp"
#include "wasm/spectest_runner.hpp"
#include "wasm/wasi.hpp"

namespace yunlian::cli {
namespace {

namespace fs = std::filesystem;
using namespace yunlian::wasm;

Bytes read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> spec_files(const std::vector<std::string>& paths) {
    std::vector<fs::path> out;
    for (const auto& p : paths) {
        if (fs::is_directory(p)) {
            std::vector<fs::path> found;
            for (const auto& entry : fs::recursive_directory_iterator(p)) {
                if (entry.is_regular_file() && entry.path().extension() == ".json")
                    found.push_back(entry.path());
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.emplace_back(p);
        }
    }
    return out;
}

int run_spectest(const std::vector<std::string>& paths, bool verbose) {
    SpecTally total;
    for (const auto& file : spec_files(paths)) {
        SpecTally tally = run_spec_file(file);
        fmt::print("{}: {} passed, {} failed, {} skipped\n", file.string(), tally.passed,
                   tally.failed, tally.skipped);
        if (verbose) {
            for (const auto& f : tally.failures) fmt::print("  FAIL {}\n", f);
        }
        total.add(tally);
    }
    fmt::print("{} passed, {} failed, {} skipped\n", total.passed, total.failed, total.skipped);
    return total.failed == 0 ? 0 : 1;
}

Value parse_arg(ValType type, const std::string& text) {
    switch (type) {
        case ValType::kI32:
            return Value::i32(static_cast<std::uint32_t>(std::stoll(text, nullptr, 0)));
        case ValType::kI64:
            return Value::i64(static_cast<std::uint64_t>(std::stoll(text, nullptr, 0)));
        case ValType::kF32:
            return Value::f32(std::stof(text));
        case ValType::kF64:
            return Value::f64(std::stod(text));
        default:
            throw std::runtime_error("reference arguments are not supported on the command line");
    }
}

std::string format_value(const Value& v) {
    switch (v.type) {
        case ValType::kI32:
            return fmt::format("{}:i32", v.as_i32());
        case ValType::kI64:
            return fmt::format("{}:i64", v.as_i64());
        case ValType::kF32:
            return fmt::format("{}:f32", v.as_f32());
        case ValType::kF64:
            return fmt::format("{}:f64", v.as_f64());
        default:
            return fmt::format("{:#x}:ref", v.bits);
    }
}

struct RunArgs {
    std::string module;
    std::string invoke;
    std::vector<std::string> args;
    std::uint64_t fuel = 0;
    bool wasi = false;
    std::string dir;
    std::string stdin_file;
    std::vector<std::string> wasi_args;
};

// The preopened directory, read once into memory (the runtime never touches the filesystem).
std::map<std::string, Bytes> load_preopen(const std::string& dir) {
    constexpr std::uintmax_t kMaxTotal = 256U << 20;
    std::map<std::string, Bytes> files;
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        total += entry.file_size();
        if (total > kMaxTotal) throw std::runtime_error("preopened directory exceeds 256 MiB");
        files[fs::relative(entry.path(), dir).generic_string()] = read_file(entry.path().string());
    }
    return files;
}

int run_module(const RunArgs& a) {
    const Bytes bytes = read_file(a.module);
    Engine engine;
    CompileOptions options;
    options.metering = a.fuel != 0;
    auto compiled = engine.compile(bytes, options);
    if (!compiled)
        throw std::runtime_error(
            fmt::format("invalid module: {}", error_message(compiled.error())));
    RunOptions run;
    if (a.fuel != 0) run.fuel = a.fuel;
    std::unique_ptr<Wasi> wasi;
    if (a.wasi) {
        WasiConfig config;
        config.args.push_back(fs::path(a.module).filename().string());
        config.args.insert(config.args.end(), a.wasi_args.begin(), a.wasi_args.end());
        if (!a.dir.empty()) config.files = load_preopen(a.dir);
        if (!a.stdin_file.empty()) config.stdin_data = read_file(a.stdin_file);
        wasi = std::make_unique<Wasi>(engine, std::move(config));
    }
    std::vector<Extern> imports;
    for (const auto& imp : (*compiled)->module->imports) {
        std::optional<Extern> ext;
        if (wasi) ext = wasi->resolve(imp.module, imp.name);
        if (!ext)
            throw std::runtime_error(fmt::format("unknown import {}.{}", imp.module, imp.name));
        imports.push_back(*ext);
    }
    auto instance = engine.instantiate(*compiled, imports);
    if (!instance) throw std::runtime_error("instantiation failed");
    const std::string name = a.invoke.empty() ? std::string(a.wasi ? "_start" : "main") : a.invoke;
    auto ext = (*instance)->get_export(name);
    if (!ext || ext->kind != ExternKind::kFunc)
        throw std::runtime_error("no exported function " + name);
    if (a.args.size() != ext->func->type.params.size())
        throw std::runtime_error(
            fmt::format("{} takes {} arguments", name, ext->func->type.params.size()));
    std::vector<Value> values;
    for (std::size_t i = 0; i < a.args.size(); ++i)
        values.push_back(parse_arg(ext->func->type.params[i], a.args[i]));
    RunResult result = (*instance)->call(*ext->func, values, run);
    int code = 0;
    if (wasi) {
        fmt::print("{}", wasi->stdout_text());
        fmt::print(stderr, "{}", wasi->stderr_text());
        if (result.trap == Trap::kExit) {
            code = static_cast<int>(wasi->exit_code());
            result.trap.reset();
        }
    }
    if (result.trap) {
        fmt::print(stderr, "trap: {}\n", trap_message(*result.trap));
        code = 2;
    }
    for (const auto& v : result.values) fmt::print("{}\n", format_value(v));
    if (a.fuel != 0) fmt::print(stderr, "fuel used: {}\n", result.fuel_used);
    return code;
}

}  // namespace

void add_wasm_command(CLI::App& app) {
    auto* wasm = app.add_subcommand("wasm", "Run, validate and spec-test WebAssembly modules");
    wasm->require_subcommand(1);

    auto* spectest =
        wasm->add_subcommand("spectest", "Run wast2json spec tests (files or folders)");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto verbose = std::make_shared<bool>(false);
    spectest->add_option("paths", *paths, "wast2json .json files or folders")->required();
    spectest->add_flag("-v,--verbose", *verbose, "List every failed assertion");
    spectest->callback([paths, verbose] {
        const int code = run_spectest(*paths, *verbose);
        if (code != 0) throw CLI::RuntimeError(code);
    });

    auto* validate = wasm->add_subcommand("validate", "Decode and validate a module");
    auto module = std::make_shared<std::string>();
    auto contract = std::make_shared<bool>(false);
    validate->add_option("module", *module, "MODULE.wasm")->required();
    validate->add_flag("--contract", *contract, "Apply the contract profile (no floats)");
    validate->callback([module, contract] {
        const Bytes bytes = read_file(*module);
        Engine engine;
        CompileOptions options;
        options.contract_profile = *contract;
        auto compiled = engine.compile(bytes, options);
        if (!compiled) {
            const auto cls =
                error_class(compiled.error()) == ErrorClass::kMalformed ? "malformed" : "invalid";
            fmt::print("{}: {}\n", cls, error_message(compiled.error()));
            throw CLI::RuntimeError(1);
        }
        fmt::print("valid: {} functions, {} code words\n", (*compiled)->functions.size(),
                   (*compiled)->code.size());
    });

    auto* run = wasm->add_subcommand("run", "Run a module's export (or a WASI program)");
    auto args = std::make_shared<RunArgs>();
    run->add_option("module", args->module, "MODULE.wasm")->required();
    run->add_option("--invoke", args->invoke, "Exported function to call");
    run->add_option("args", args->args, "Arguments of --invoke (or of the WASI program)");
    run->add_option("--fuel", args->fuel, "Fuel budget (enables metering)");
    run->add_flag("--wasi", args->wasi, "Provide the WASI preview-1 subset");
    run->add_option("--dir", args->dir, "Read-only preopened directory (WASI)");
    run->add_option("--stdin", args->stdin_file, "File read as stdin (WASI)");
    run->callback([args] {
        RunArgs a = *args;
        if (a.wasi && a.invoke.empty()) std::swap(a.args, a.wasi_args);
        const int code = run_module(a);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace yunlian::cli
