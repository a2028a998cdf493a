// The overlay on the EVM's hot path (SLOAD/SSTORE of cached slots, snapshot/revert), and a whole
// block commit (diff, apply, RocksDB write) over a state of 20k accounts.

#include <filesystem>
#include <random>

#include <benchmark/benchmark.h>

#include "state/flat_state.hpp"
#include "state/memory_kv.hpp"
#include "state/overlay.hpp"
#include "state/rocks_kv.hpp"

namespace {

using yunlian::Address;
using yunlian::Hash;
using yunlian::Uint256;
namespace st = yunlian::state;

Hash word(std::uint64_t n) { return Uint256{n}.to_be_bytes(); }

Address address(std::uint64_t n) {
    Address a;
    a[0] = 0x11;
    for (std::size_t i = 0; i < 8; ++i) a[19 - i] = static_cast<std::uint8_t>(n >> (8 * i));
    return a;
}

void BM_OverlaySloadWarm(benchmark::State& state) {
    st::MemoryKv kv(st::state_families());
    st::FlatState flat(kv);
    st::Overlay overlay(flat);
    const Address contract = address(1);
    overlay.set_nonce(contract, 1);
    for (std::uint64_t i = 0; i < 1024; ++i) overlay.set_storage(contract, word(i), word(i + 1));
    std::uint64_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(overlay.storage(contract, word(i++ & 1023)));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OverlaySloadWarm);

void BM_OverlaySstore(benchmark::State& state) {
    st::MemoryKv kv(st::state_families());
    st::FlatState flat(kv);
    st::Overlay overlay(flat);
    const Address contract = address(1);
    overlay.set_nonce(contract, 1);
    std::uint64_t i = 0;
    for (auto _ : state) {
        overlay.set_storage(contract, word(i & 1023), word(i));
        ++i;
        if ((i & 0xffff) == 0) overlay.finish_transaction(true);  // bound the journal
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OverlaySstore);

void BM_OverlaySnapshotRevert(benchmark::State& state) {
    st::MemoryKv kv(st::state_families());
    st::FlatState flat(kv);
    st::Overlay overlay(flat);
    const Address contract = address(1);
    overlay.set_nonce(contract, 1);
    for (auto _ : state) {
        const auto snap = overlay.snapshot();
        overlay.add_balance(contract, 1);
        for (std::uint64_t i = 0; i < 8; ++i) overlay.set_storage(contract, word(i), word(7));
        overlay.revert(snap);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OverlaySnapshotRevert);

/// A block touching range(0) accounts (balance and one slot each) on 20k committed accounts.
void BM_BlockCommitRocks(benchmark::State& state) {
    const auto dir = std::filesystem::temp_directory_path() / "yunlian_bench_state";
    std::filesystem::remove_all(dir);
    {
        auto kv = st::RocksKv::open(dir, st::state_families());
        st::FlatState flat(*kv);
        {
            st::Overlay genesis(flat);
            for (std::uint64_t i = 0; i < 20000; ++i) {
                genesis.set_balance(address(i), Uint256{1000});
                genesis.set_storage(address(i), word(1), word(i + 1));
            }
            genesis.finish_transaction(false);
            st::WriteBatch batch;
            flat.apply(genesis.diff().value(), batch);
            kv->write(batch);
        }
        std::mt19937_64 rng(1);
        for (auto _ : state) {
            st::Overlay overlay(flat);
            for (std::int64_t i = 0; i < state.range(0); ++i) {
                const Address a = address(rng() % 20000);
                overlay.add_balance(a, Uint256{1});
                overlay.set_storage(a, word(1), word(rng()));
            }
            overlay.finish_transaction(true);
            st::WriteBatch batch;
            flat.apply(overlay.diff().value(), batch);
            kv->write(batch);
        }
        state.SetItemsProcessed(state.iterations() * state.range(0));
    }
    std::filesystem::remove_all(dir);
}
BENCHMARK(BM_BlockCommitRocks)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
