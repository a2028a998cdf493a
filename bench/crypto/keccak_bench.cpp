// Keccak-256: ours against Crypto++'s Keccak_256 (original padding) on the same inputs.

#include <cstdint>

#include <benchmark/benchmark.h>
#include <cryptopp/keccak.h>

#include "common/bytes.hpp"
#include "crypto/keccak.hpp"

namespace {

yunlian::Bytes input_of(std::int64_t size) {
    yunlian::Bytes data(static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
    return data;
}

void keccak256_yunlian(benchmark::State& state) {
    const yunlian::Bytes data = input_of(state.range(0));
    for (auto _ : state) {
        auto digest = yunlian::crypto::keccak256(data);
        benchmark::DoNotOptimize(digest);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

void keccak256_cryptopp(benchmark::State& state) {
    const yunlian::Bytes data = input_of(state.range(0));
    CryptoPP::Keccak_256 hasher;
    std::uint8_t digest[32];
    for (auto _ : state) {
        hasher.CalculateDigest(digest, data.data(), data.size());
        benchmark::DoNotOptimize(digest);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(keccak256_yunlian)->Arg(32)->Arg(1024);
BENCHMARK(keccak256_cryptopp)->Arg(32)->Arg(1024);
