// The interpreter on the evm-benchmarks "main" and "micro" contracts: each case's call runs against
// a MockHost holding the pre-state, restored before every repetition (outside the timing), so the
// figure is execution only, comparable with evmone's baseline numbers in the testdata README.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "evm/precompiles.hpp"
#include "evm/vm.hpp"
#include "host/mock_host.hpp"

namespace {

using namespace yunlian;

struct Case {
    host::MockHost pre;
    Address sender;
    Address to;
    Bytes input;
    std::int64_t gas = 0;
};

Bytes hex(const boost::json::value& v) { return from_hex(v.as_string().c_str()).value(); }

Uint256 number(const boost::json::value& v) {
    return Uint256::from_string(v.as_string().c_str()).value();
}

host::MockHost load_pre(const boost::json::object& pre) {
    host::MockHost h;
    for (const auto& [key, acc_value] : pre) {
        const auto addr = fixed_from_hex<20>(std::string(key)).value();
        const auto& acc = acc_value.as_object();
        auto& out = h.accounts[addr];
        out.balance = number(acc.at("balance"));
        out.nonce = number(acc.at("nonce")).low_u64();
        out.code = hex(acc.at("code"));
        out.code_hash = crypto::keccak256(out.code);
        for (const auto& [k, v] : acc.at("storage").as_object()) {
            const auto slot_value = number(v);
            out.storage[Uint256::from_string(std::string(k)).value()] = {slot_value, slot_value};
        }
    }
    return h;
}

/// Nested calls recurse into the same Vm (the benchmark contracts call precompiles at most).
void install_call_handler(host::MockHost& h, evm::Vm& vm) {
    h.call_handler = [&h, &vm](const host::Message& m) {
        if (evm::is_precompile(m.code_address)) {
            return evm::run_precompile(m.code_address, m.input, m.gas);
        }
        const auto& acc = h.accounts[m.code_address];
        const auto code = acc.code;
        const auto code_hash = acc.code_hash;
        return vm.execute(h, m, code, &code_hash);
    };
}

void run_case(benchmark::State& state, const Case* c) {
    evm::Vm vm;
    host::MockHost h;
    std::int64_t gas_used = 0;
    const auto& code = c->pre.accounts.at(c->to).code;
    const auto code_hash = c->pre.accounts.at(c->to).code_hash;
    for (auto _ : state) {
        state.PauseTiming();
        h = c->pre;
        install_call_handler(h, vm);
        h.access_account(c->sender);
        h.access_account(c->to);
        host::Message msg;
        msg.gas = c->gas;
        msg.sender = c->sender;
        msg.recipient = c->to;
        msg.code_address = c->to;
        msg.input = c->input;
        state.ResumeTiming();
        const auto r = vm.execute(h, msg, code, &code_hash);
        benchmark::DoNotOptimize(r.gas_left);
        gas_used = c->gas - r.gas_left;
        if (r.status != host::StatusCode::kSuccess) state.SkipWithError("execution failed");
    }
    state.counters["gas_used"] = static_cast<double>(gas_used);
    state.counters["gas_rate"] =
        benchmark::Counter(static_cast<double>(gas_used) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

std::vector<std::unique_ptr<Case>>& cases() {
    static std::vector<std::unique_ptr<Case>> all;
    return all;
}

void register_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = boost::json::parse(text.str()).as_object();
    for (const auto& [name, test_value] : doc) {
        const auto& test = test_value.as_object();
        const auto& tx = test.at("transaction").as_object();
        const auto& labels = test.at("_info").as_object().at("labels").as_object();
        const auto& data = tx.at("data").as_array();
        for (std::size_t i = 0; i < data.size(); ++i) {
            auto c = std::make_unique<Case>();
            c->pre = load_pre(test.at("pre").as_object());
            c->sender = fixed_from_hex<20>(tx.at("sender").as_string().c_str()).value();
            c->to = fixed_from_hex<20>(tx.at("to").as_string().c_str()).value();
            c->input = hex(data[i]);
            // Execution gets the transaction's gas; the intrinsic cost does not matter here.
            c->gas = static_cast<std::int64_t>(number(tx.at("gasLimit").as_array()[0]).low_u64());
            const auto label_key = std::to_string(i);
            const std::string label = labels.contains(label_key)
                                          ? std::string(labels.at(label_key).as_string())
                                          : label_key;
            benchmark::RegisterBenchmark((std::string(name) + "/" + label).c_str(), run_case,
                                         c.get())
                ->Unit(benchmark::kMicrosecond);
            cases().push_back(std::move(c));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    // "main" holds real contracts, "micro" single-feature loops; both in state-test format.
    std::vector<std::filesystem::path> files;
    for (const char* group : {"main", "micro"}) {
        const auto dir = std::filesystem::path(YUNLIAN_TESTDATA_DIR) / "evm-benchmarks" / group;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) register_file(f);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
