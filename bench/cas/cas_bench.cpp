// Import and read throughput of the cas part on in-memory data (deterministic bytes).
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "cas/block_store.hpp"
#include "cas/file_builder.hpp"
#include "cas/reader.hpp"

namespace yunlian::cas {
namespace {

constexpr std::size_t kSize = 64 << 20;

const Bytes& data() {
    static const Bytes bytes = [] {
        Bytes out(kSize);
        std::uint64_t x = 0x9e3779b97f4a7c15ULL;
        for (auto& b : out) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b = static_cast<std::uint8_t>(x >> 32);
        }
        return out;
    }();
    return bytes;
}

AddOptions profile(std::int64_t v1, std::int64_t threads) {
    AddOptions options = v1 != 0 ? cid_v1_profile() : AddOptions{};
    options.hash_threads = static_cast<unsigned>(threads);
    return options;
}

void BM_AddOnlyHash(benchmark::State& state) {
    const auto options = profile(state.range(0), state.range(1));
    for (auto _ : state) {
        MemorySource source(data());
        NullSink sink;
        benchmark::DoNotOptimize(add_file(source, options, sink));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_AddOnlyHash)
    ->ArgNames({"v1", "threads"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

std::filesystem::path bench_dir(const char* name) {
    return std::filesystem::temp_directory_path() /
           (std::string("bench_cas_") + name + "_" + std::to_string(::getpid()));
}

void BM_AddStored(benchmark::State& state) {
    const auto options = profile(state.range(0), 2);
    const auto dir = bench_dir("add");
    for (auto _ : state) {
        state.PauseTiming();
        std::filesystem::remove_all(dir);
        state.ResumeTiming();
        BlockStore store(dir);
        MemorySource source(data());
        benchmark::DoNotOptimize(add_file(source, options, store));
        store.flush();
    }
    std::filesystem::remove_all(dir);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_AddStored)
    ->ArgNames({"v1"})
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_ReadVerified(benchmark::State& state) {
    const auto dir = bench_dir("read");
    std::filesystem::remove_all(dir);
    BlockStore store(dir);
    MemorySource source(data());
    const auto root = add_file(source, cid_v1_profile(), store);
    store.flush();
    const DagReader reader(store);
    for (auto _ : state) {
        std::uint64_t total = 0;
        auto ok = reader.read(root.cid, 0, UINT64_MAX, [&](BytesView d) { total += d.size(); });
        if (!ok || total != kSize) state.SkipWithError("read failed");
    }
    std::filesystem::remove_all(dir);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSize));
}
BENCHMARK(BM_ReadVerified)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_CidTextRoundTrip(benchmark::State& state) {
    const std::string v0 = "QmPjKSeEXvuutdTogDMN6py6xj83fAiJq64vSVkAvLFJF4";
    for (auto _ : state) {
        auto cid = Cid::parse(v0);
        benchmark::DoNotOptimize(cid->to_string());
    }
}
BENCHMARK(BM_CidTextRoundTrip);

}  // namespace
}  // namespace yunlian::cas
