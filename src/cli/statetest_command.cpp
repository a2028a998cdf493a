// `yunlian statetest PATH... [--fork Cancun] [--filter RE]`: runs Ethereum GeneralStateTests
// (ethereum/tests JSON) through execution and checks each case's post state root and logs hash,
// or that the transaction is rejected when the case expects an exception. This is a tool at the
// edge: the JSON is trusted to be a state test, and malformed files are reported, not fatal.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "codec/rlp.hpp"
#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "crypto/secp256k1.hpp"
#include "execution/transaction.hpp"
#include "state/flat_state.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"
#include "state/overlay.hpp"

namespace yunlian::cli {

namespace {

namespace json = boost::json;

struct Options {
    std::vector<std::string> paths;
    std::string fork = "Cancun";
    std::string filter;
    bool verbose = false;
    bool dump = false;
    std::vector<std::string> excludes;  ///< regexes over "file:test"
    std::string exclude_file;           ///< one such regex per line ('#' starts a comment)
};

struct Tally {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
};

/// The exclusion patterns from --exclude and --exclude-file.
std::vector<std::regex> load_excludes(const Options& opts) {
    std::vector<std::regex> out;
    for (const auto& e : opts.excludes) out.emplace_back(e);
    if (!opts.exclude_file.empty()) {
        std::ifstream in(opts.exclude_file);
        if (!in) throw std::runtime_error("cannot read " + opts.exclude_file);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            out.emplace_back(line);
        }
    }
    return out;
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

Bytes hex_bytes(const json::value& v) {
    auto out = from_hex(str(v));
    if (!out) throw std::runtime_error("bad hex: " + str(v));
    return std::move(*out);
}

Uint256 number(const json::value& v) {
    auto out = Uint256::from_string(str(v));
    if (!out) throw std::runtime_error("bad number: " + str(v));
    return *out;
}

std::uint64_t number64(const json::value& v) {
    const auto n = number(v);
    if (!n.fits_u64()) throw std::runtime_error("number too large: " + str(v));
    return n.low_u64();
}

Address address(const json::value& v) {
    auto out = fixed_from_hex<20>(str(v));
    if (!out) throw std::runtime_error("bad address: " + str(v));
    return *out;
}

Hash hash32(const json::value& v) {
    const auto n = number(v);
    Hash out;
    n.store_be(out.data());
    return out;
}

/// Loads `pre` into a fresh overlay and closes the set-up as its own transaction, so the
/// test's transaction sees these values as committed originals.
void load_pre(state::Overlay& overlay, const json::object& pre) {
    for (const auto& [key, value] : pre) {
        const auto addr = address(json::value(key));
        const auto& acc = value.as_object();
        overlay.set_nonce(addr, number64(acc.at("nonce")));
        overlay.set_balance(addr, number(acc.at("balance")));
        auto code = hex_bytes(acc.at("code"));
        if (!code.empty()) overlay.set_code(addr, std::move(code));
        for (const auto& [slot, slot_value] : acc.at("storage").as_object()) {
            const auto v = hash32(slot_value);
            if (!v.is_zero()) overlay.set_storage(addr, hash32(json::value(slot)), v);
        }
    }
    overlay.finish_transaction(false);
}

/// The hash of block `n` as the reference state-test tools define it: keccak256 of its decimal.
Hash test_block_hash(std::int64_t n) { return crypto::keccak256(as_bytes(std::to_string(n))); }

execution::BlockEnv make_block(const json::object& env) {
    execution::BlockEnv block;
    block.coinbase = address(env.at("currentCoinbase"));
    block.block_num = static_cast<std::int64_t>(number64(env.at("currentNumber")));
    block.timestamp = static_cast<std::int64_t>(number64(env.at("currentTimestamp")));
    block.gas_limit = static_cast<std::int64_t>(number64(env.at("currentGasLimit")));
    if (env.contains("currentRandom")) {
        block.prevrandao = hash32(env.at("currentRandom"));
    } else if (env.contains("currentDifficulty")) {
        block.prevrandao = hash32(env.at("currentDifficulty"));
    }
    if (env.contains("currentBaseFee")) block.base_fee = number(env.at("currentBaseFee"));
    if (env.contains("currentExcessBlobGas")) {
        block.excess_blob_gas = number64(env.at("currentExcessBlobGas"));
    }
    block.block_hash = test_block_hash;
    return block;
}

execution::TxRequest make_tx(const json::object& tx, const json::object& indexes) {
    const auto d = static_cast<std::size_t>(indexes.at("data").to_number<std::int64_t>());
    const auto g = static_cast<std::size_t>(indexes.at("gas").to_number<std::int64_t>());
    const auto v = static_cast<std::size_t>(indexes.at("value").to_number<std::int64_t>());
    execution::TxRequest req;
    if (tx.contains("blobVersionedHashes")) {
        req.type = 3;
    } else if (tx.contains("maxFeePerGas")) {
        req.type = 2;
    } else if (tx.contains("accessLists")) {
        req.type = 1;
    }
    if (tx.contains("sender")) {
        req.sender = address(tx.at("sender"));
    } else {
        const auto key = fixed_from_hex<32>(str(tx.at("secretKey")));
        const auto pub = crypto::public_key_of(*key);
        if (!pub) throw std::runtime_error("bad secret key");
        req.sender = crypto::address_of(*pub);
    }
    req.nonce = number64(tx.at("nonce"));
    req.gas_limit = number64(tx.at("gasLimit").as_array().at(g));
    if (tx.contains("gasPrice")) req.gas_price = number(tx.at("gasPrice"));
    if (tx.contains("maxFeePerGas")) req.max_fee_per_gas = number(tx.at("maxFeePerGas"));
    if (tx.contains("maxPriorityFeePerGas")) {
        req.max_priority_fee_per_gas = number(tx.at("maxPriorityFeePerGas"));
    }
    const auto to = str(tx.at("to"));
    if (!to.empty()) req.to = address(tx.at("to"));
    req.value = number(tx.at("value").as_array().at(v));
    req.data = hex_bytes(tx.at("data").as_array().at(d));
    if (tx.contains("accessLists")) {
        const auto& lists = tx.at("accessLists").as_array();
        if (d < lists.size() && lists.at(d).is_array()) {
            for (const auto& entry : lists.at(d).as_array()) {
                types::AccessListEntry e;
                e.address = address(entry.at("address"));
                for (const auto& key : entry.at("storageKeys").as_array()) {
                    e.storage_keys.push_back(hash32(key));
                }
                req.access_list.push_back(std::move(e));
            }
        }
    }
    if (tx.contains("maxFeePerBlobGas"))
        req.max_fee_per_blob_gas = number(tx.at("maxFeePerBlobGas"));
    if (tx.contains("blobVersionedHashes")) {
        for (const auto& h : tx.at("blobVersionedHashes").as_array()) {
            req.blob_hashes.push_back(hash32(h));
        }
    }
    return req;
}

/// keccak256 of the RLP list of logs.
Hash logs_hash(const std::vector<types::Log>& logs) {
    Bytes payload;
    for (const auto& log : logs) types::encode_log(payload, log);
    return crypto::keccak256(rlp::wrap_list(payload));
}

/// Runs one post entry; returns an empty string on success or the reason for failure.
/// Prints every account the case changed (for --dump), to compare with other clients' traces.
void print_state(const state::Overlay& overlay) {
    const auto diff = overlay.diff();
    if (!diff) return;
    for (const auto& [addr, acc] : diff->accounts) {
        if (!acc.account) {
            fmt::print("  {} deleted\n", to_hex(addr.view()));
            continue;
        }
        fmt::print("  {} nonce {} balance {} code {}{}\n", to_hex(addr.view()), acc.account->nonce,
                   acc.account->balance.to_string(), to_hex(acc.account->code_hash.view()),
                   acc.storage_wiped ? " (storage wiped)" : "");
        for (const auto& [slot, value] : acc.storage) {
            fmt::print("    [{}] = {}\n", to_hex(slot.view()), to_hex(value.view()));
        }
    }
}

std::string run_case(evm::Vm& vm, const json::object& test, const json::object& post, bool dump) {
    state::MemoryKv kv(state::state_families());
    state::FlatState base(kv);
    state::Overlay overlay(base);
    load_pre(overlay, test.at("pre").as_object());
    const auto block = make_block(test.at("env").as_object());
    const bool expect_exception = post.contains("expectException");
    // A field no transaction can carry (such as a value of 2^256 written as "0x:bigint ...")
    // makes the transaction invalid before execution.
    std::optional<execution::TxRequest> txn;
    try {
        txn = make_tx(test.at("transaction").as_object(), post.at("indexes").as_object());
    } catch (const std::runtime_error&) {
        if (!expect_exception) throw;
    }
    std::vector<types::Log> logs;
    if (!txn) {
        // Rejected while decoding: the state stays as it was.
    } else if (const auto outcome = execution::apply_transaction(overlay, vm, block, *txn);
               !outcome) {
        if (!expect_exception) {
            return fmt::format("rejected: {}", execution::to_string(outcome.error()));
        }
    } else {
        if (expect_exception) {
            return fmt::format("accepted, expected {}", str(post.at("expectException")));
        }
        logs = outcome->logs;
    }
    if (dump) print_state(overlay);
    const auto root = overlay.state_root();
    if (!root) return "state root failed";
    const auto expected_root = hash32(post.at("hash"));
    if (*root != expected_root) {
        return fmt::format("state root {} != {}", to_hex(root->view()),
                           to_hex(expected_root.view()));
    }
    const auto expected_logs = hash32(post.at("logs"));
    if (logs_hash(logs) != expected_logs) return "logs hash mismatch";
    return {};
}

/// Runs every post entry of one test for the chosen fork.
void run_test(const std::filesystem::path& path, const std::string& name,
              const json::value& test_value, const Options& opts,
              const std::vector<std::regex>& excludes, evm::Vm& vm, Tally& tally) {
    const auto& test = test_value.as_object();
    const auto& posts = test.at("post").as_object();
    if (!posts.contains(opts.fork)) return;
    const auto& entries = posts.at(opts.fork).as_array();
    const auto id = path.string() + ":" + std::string(name);
    if (std::any_of(excludes.begin(), excludes.end(),
                    [&](const std::regex& re) { return std::regex_search(id, re); })) {
        tally.skipped += entries.size();
        return;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string failure;
        try {
            failure = run_case(vm, test, entries[i].as_object(), opts.dump);
        } catch (const std::exception& e) {
            failure = fmt::format("error: {}", e.what());
        }
        if (failure.empty()) {
            ++tally.passed;
            if (opts.verbose) fmt::print("pass {}:{}[{}]\n", path.string(), std::string(name), i);
        } else {
            ++tally.failed;
            fmt::print("FAIL {}:{}[{}:{}] {}\n", path.string(), std::string(name), opts.fork, i,
                       failure);
        }
    }
}

void run_file(const std::filesystem::path& path, const Options& opts,
              const std::vector<std::regex>& excludes, evm::Vm& vm, Tally& tally) {
    json::value doc;
    try {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        doc = json::parse(text.str());
    } catch (const std::exception& e) {
        fmt::print("FAIL {}: cannot parse: {}\n", path.string(), e.what());
        ++tally.failed;
        return;
    }
    if (!doc.is_object()) {
        fmt::print("FAIL {}: not a JSON object of tests\n", path.string());
        ++tally.failed;
        return;
    }
    const std::regex filter(opts.filter.empty() ? std::string(".*") : opts.filter);
    for (const auto& [name, test_value] : doc.as_object()) {
        if (!opts.filter.empty() && !std::regex_search(std::string(name), filter)) continue;
        try {
            run_test(path, std::string(name), test_value, opts, excludes, vm, tally);
        } catch (const std::exception& e) {
            // A test whose shape is wrong is one failure, not the end of the run.
            fmt::print("FAIL {}:{} malformed test: {}\n", path.string(), std::string(name),
                       e.what());
            ++tally.failed;
        }
    }
}

int run(const Options& opts) {
    std::vector<std::filesystem::path> files;
    for (const auto& p : opts.paths) {
        if (std::filesystem::is_directory(p)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(p)) {
                if (entry.is_regular_file() && entry.path().extension() == ".json") {
                    files.push_back(entry.path());
                }
            }
        } else {
            files.emplace_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    evm::Vm vm;
    Tally tally;
    const auto excludes = load_excludes(opts);
    for (const auto& f : files) run_file(f, opts, excludes, vm, tally);
    if (tally.skipped > 0) fmt::print("{} skipped (excluded)\n", tally.skipped);
    fmt::print("{} passed, {} failed\n", tally.passed, tally.failed);
    return tally.failed == 0 ? 0 : 1;
}

}  // namespace

void add_statetest_command(CLI::App& app) {
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("statetest", "Run Ethereum GeneralStateTests JSON files or folders");
    cmd->add_option("paths", opts->paths, "state test .json files or folders")->required();
    cmd->add_option("--fork", opts->fork, "fork whose post states to check")->default_val("Cancun");
    cmd->add_option("--filter", opts->filter, "only tests whose name matches this regex");
    cmd->add_flag("--verbose", opts->verbose, "print passing cases too");
    cmd->add_option("--exclude", opts->excludes, "skip tests whose file:name matches this regex");
    cmd->add_option("--exclude-file", opts->exclude_file, "file of --exclude regexes, one a line");
    cmd->add_flag("--dump", opts->dump, "print the accounts each case changed");
    cmd->callback([opts] {
        const int code = run(*opts);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace yunlian::cli
