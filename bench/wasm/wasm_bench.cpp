// The WebAssembly speed kernels on our interpreter (fuel metering on and off) and natively, then a
// table of CPU times and ratios to native with their geometric mean (docs/BENCHMARKS.md, "wasm").

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasm/engine.hpp"

#if YUNLIAN_HAVE_KERNELS
extern "C" {
std::uint32_t native_fib(void);
std::uint32_t native_sha256(void);
std::uint32_t native_matmul_i32(void);
std::uint32_t native_matmul_f64(void);
std::uint32_t native_sort(void);
}
#endif

namespace {

using namespace yunlian::wasm;

struct Kernel {
    const char* name;
    std::uint32_t (*native)();
    std::uint32_t checksum;
};

#if YUNLIAN_HAVE_KERNELS
const Kernel kKernels[] = {
    {"fib", native_fib, 0x008cccc9},
    {"sha256", native_sha256, 0x9f8e44e8},
    {"matmul_i32", native_matmul_i32, 0x764d3628},
    {"matmul_f64", native_matmul_f64, 0x3b6043ac},
    {"sort", native_sort, 0x5eaf84bf},
};
#else
const std::vector<Kernel> kKernels;
#endif

yunlian::Bytes read_kernel(const std::string& name) {
    std::ifstream in(std::string(YUNLIAN_WASM_KERNELS) + "/" + name + ".wasm", std::ios::binary);
    if (!in) throw std::runtime_error("missing kernel " + name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run_native(benchmark::State& state, const Kernel& k) {
    for (auto _ : state) {
        const std::uint32_t sum = k.native();
        if (sum != k.checksum) state.SkipWithError("wrong checksum");
        benchmark::DoNotOptimize(sum);
    }
}

double child_cpu_seconds(const rusage& usage) {
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

// The README's method: the native program as a process, its CPU seconds (startup included).
void run_native_process(benchmark::State& state, const Kernel& k) {
    const std::string path = std::string(YUNLIAN_WASM_KERNELS) + "/" + k.name + "_native";
    for (auto _ : state) {
        const pid_t pid = fork();
        if (pid == 0) {
            const int null_fd = open("/dev/null", O_WRONLY);
            dup2(null_fd, 1);
            execl(path.c_str(), path.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) state.SkipWithError("native failed");
        state.SetIterationTime(child_cpu_seconds(usage));
    }
}

// Our runtime end to end, as a runtime would run the program: compile (no cache), instantiate,
// run. Timed in CPU seconds of this process.
void run_wasm(benchmark::State& state, const Kernel& k, bool metering) {
    const yunlian::Bytes bytes = read_kernel(k.name);
    CompileOptions options;
    options.metering = metering;
    RunOptions run;
    if (metering) run.fuel = std::uint64_t{1} << 62;
    for (auto _ : state) {
        Engine engine;
        auto compiled = engine.compile(bytes, options);
        if (!compiled) {
            state.SkipWithError("kernel does not compile");
            return;
        }
        auto inst = engine.instantiate(*compiled, {});
        RunResult r = (*inst)->invoke("bench", {}, run);
        if (!r.ok() || r.values.at(0).as_u32() != k.checksum) state.SkipWithError("wrong result");
        state.counters["Mfuel"] = static_cast<double>(r.fuel_used) / 1e6;
    }
}

// Collects each benchmark's time and prints the ratio table at the end: the median of the
// repetitions when --benchmark_repetitions gives aggregates, else the best run.
class TableReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& run : runs) {
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (run.error_occurred || (run.run_type != Run::RT_Iteration && !median)) continue;
            // "fib/native_process/iterations:5/manual_time" -> "fib/native_process"
            std::string name = run.benchmark_name();
            const bool manual = name.find("/manual_time") != std::string::npos;
            if (auto cut = name.find('/', name.find('/') + 1); cut != std::string::npos)
                name.resize(cut);
            const double seconds = (manual ? run.GetAdjustedRealTime() : run.GetAdjustedCPUTime()) /
                                   benchmark::GetTimeUnitMultiplier(run.time_unit);
            if (median) {
                m_median[name] = seconds;
                continue;
            }
            auto it = m_best.find(name);
            if (it == m_best.end() || seconds < it->second) m_best[name] = seconds;
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        double log_off = 0;
        double log_on = 0;
        double log_hot = 0;
        int n = 0;
        fmt::print(
            "\n| kernel | native gcc -O2 (process) | yunlian, fuel off | yunlian, fuel on | "
            "metering cost | native in-process loop |\n|---|---|---|---|---|---|\n");
        for (const auto& k : kKernels) {
            const double* native = find(fmt::format("{}/native_process", k.name));
            const double* hot = find(fmt::format("{}/native", k.name));
            const double* off = find(fmt::format("{}/wasm", k.name));
            const double* on = find(fmt::format("{}/wasm_metered", k.name));
            if (native == nullptr || hot == nullptr || off == nullptr || on == nullptr) continue;
            fmt::print(
                "| {} | {:.3f} s | {:.3f} s ({:.1f}x) | {:.3f} s ({:.1f}x) | {:+.0f}% | "
                "{:.4f} s ({:.1f}x) |\n",
                k.name, *native, *off, *off / *native, *on, *on / *native, (*on / *off - 1) * 100,
                *hot, *off / *hot);
            log_off += std::log(*off / *native);
            log_on += std::log(*on / *native);
            log_hot += std::log(*off / *hot);
            ++n;
        }
        if (n > 0) {
            fmt::print("| geometric mean of ratios | 1x | {:.1f}x | {:.1f}x | | {:.1f}x |\n",
                       std::exp(log_off / n), std::exp(log_on / n), std::exp(log_hot / n));
        }
    }

  private:
    const double* find(const std::string& name) const {
        if (auto it = m_median.find(name); it != m_median.end()) return &it->second;
        auto it = m_best.find(name);
        return it == m_best.end() ? nullptr : &it->second;
    }

    std::map<std::string, double> m_best;
    std::map<std::string, double> m_median;
};

}  // namespace

int main(int argc, char** argv) {
    for (const auto& k : kKernels) {
        benchmark::RegisterBenchmark(fmt::format("{}/native_process", k.name).c_str(),
                                     [&k](benchmark::State& s) { run_native_process(s, k); })
            ->Unit(benchmark::kMillisecond)
            ->UseManualTime()
            ->Iterations(5);
        benchmark::RegisterBenchmark(fmt::format("{}/native", k.name).c_str(),
                                     [&k](benchmark::State& s) { run_native(s, k); })
            ->Unit(benchmark::kMillisecond)
            ->MeasureProcessCPUTime();
        benchmark::RegisterBenchmark(fmt::format("{}/wasm", k.name).c_str(),
                                     [&k](benchmark::State& s) { run_wasm(s, k, false); })
            ->Unit(benchmark::kMillisecond)
            ->MeasureProcessCPUTime();
        benchmark::RegisterBenchmark(fmt::format("{}/wasm_metered", k.name).c_str(),
                                     [&k](benchmark::State& s) { run_wasm(s, k, true); })
            ->Unit(benchmark::kMillisecond)
            ->MeasureProcessCPUTime();
    }
    benchmark::Initialize(&argc, argv);
    TableReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
