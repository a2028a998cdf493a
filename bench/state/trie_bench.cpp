// Trie roots: the sorted bottom-up build of a whole set, and a block's worth of updates to a
// large committed trie with the incremental Trie (what a node does per block).

#include <algorithm>
#include <random>

#include <benchmark/benchmark.h>

#include "crypto/keccak.hpp"
#include "trie/node_store.hpp"
#include "trie/sorted_root.hpp"
#include "trie/trie.hpp"

namespace {

using yunlian::Bytes;
using yunlian::Hash;

struct Pairs {
    std::vector<Hash> keys;
    std::vector<Bytes> values;
};

/// `n` keccak keys (sorted) with 70-byte values, about the size of an account leaf.
Pairs make_pairs(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Pairs out;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t x = rng();
        out.keys.push_back(yunlian::crypto::keccak256(
            yunlian::BytesView(reinterpret_cast<const std::uint8_t*>(&x), sizeof(x))));
        out.values.emplace_back(70, static_cast<std::uint8_t>(i));
    }
    std::ranges::sort(out.keys);
    return out;
}

void BM_SortedRoot(benchmark::State& state) {
    const Pairs pairs = make_pairs(static_cast<std::size_t>(state.range(0)), 1);
    std::vector<yunlian::trie::KeyValue> views;
    for (std::size_t i = 0; i < pairs.keys.size(); ++i) {
        views.push_back({pairs.keys[i].view(), pairs.values[i]});
    }
    for (auto _ : state) benchmark::DoNotOptimize(yunlian::trie::sorted_root(views));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SortedRoot)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

/// A committed trie of 100k keys; each iteration opens it, updates range(0) keys, and commits.
void BM_IncrementalBlock(benchmark::State& state) {
    const Pairs pairs = make_pairs(100000, 2);
    yunlian::trie::MemoryNodeStore store;
    Hash root;
    {
        yunlian::trie::Trie trie(store);
        for (std::size_t i = 0; i < pairs.keys.size(); ++i) {
            (void)trie.put(pairs.keys[i].view(), pairs.values[i]);
        }
        root = trie.commit(store);
    }
    std::mt19937_64 rng(3);
    const Bytes value(70, 0xab);
    for (auto _ : state) {
        yunlian::trie::Trie trie(store, root);
        for (std::int64_t i = 0; i < state.range(0); ++i) {
            (void)trie.put(pairs.keys[rng() % pairs.keys.size()].view(), value);
        }
        yunlian::trie::MemoryNodeStore sink;
        benchmark::DoNotOptimize(trie.commit(sink));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_IncrementalBlock)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
