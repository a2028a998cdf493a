// Uint256 arithmetic on random operands of full width (the EVM's worst case), each benchmark
// cycling through a fixed table so that the compiler cannot fold the work away.

#include <array>
#include <cstddef>
#include <random>

#include <benchmark/benchmark.h>
#include <gmp.h>

#include "common/uint256.hpp"

namespace yunlian {
namespace {

constexpr std::size_t kCount = 256;

std::array<Uint256, kCount> random_values(std::uint64_t seed, unsigned bits) {
    std::mt19937_64 rng(seed);
    std::array<Uint256, kCount> out{};
    for (auto& v : out) {
        v = Uint256::from_limbs(rng(), rng(), rng(), rng()) >> (256 - bits);
        if (v.is_zero()) v = 1;
    }
    return out;
}

template <typename Op>
void run_binary(benchmark::State& state, unsigned bits_a, unsigned bits_b, Op op) {
    const auto a = random_values(1, bits_a);
    const auto b = random_values(2, bits_b);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(op(a[i], b[i]));
        i = (i + 1) % kCount;
    }
}

void add(benchmark::State& state) {
    run_binary(state, 256, 256, [](const Uint256& x, const Uint256& y) { return x + y; });
}
void mul(benchmark::State& state) {
    run_binary(state, 256, 256, [](const Uint256& x, const Uint256& y) { return x * y; });
}
void div_256_by_256(benchmark::State& state) {
    run_binary(state, 256, 160, [](const Uint256& x, const Uint256& y) { return udivrem(x, y); });
}
void div_256_by_128(benchmark::State& state) {
    run_binary(state, 256, 128, [](const Uint256& x, const Uint256& y) { return udivrem(x, y); });
}
void div_256_by_64(benchmark::State& state) {
    run_binary(state, 256, 64, [](const Uint256& x, const Uint256& y) { return udivrem(x, y); });
}
void addmod_full(benchmark::State& state) {
    const auto m = random_values(3, 256);
    std::size_t j = 0;
    run_binary(state, 256, 256, [&](const Uint256& x, const Uint256& y) {
        j = (j + 7) % kCount;
        return addmod(x, y, m[j]);
    });
}
void mulmod_full(benchmark::State& state) {
    const auto m = random_values(3, 256);
    std::size_t j = 0;
    run_binary(state, 256, 256, [&](const Uint256& x, const Uint256& y) {
        j = (j + 7) % kCount;
        return mulmod(x, y, m[j]);
    });
}
void exp_full(benchmark::State& state) {
    run_binary(state, 256, 256, [](const Uint256& x, const Uint256& y) { return exp(x, y); });
}
void to_decimal(benchmark::State& state) {
    const auto a = random_values(4, 256);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(a[i].to_string());
        i = (i + 1) % kCount;
    }
}

/// GMP's mulmod on the same operands, for scale.
void gmp_mulmod_full(benchmark::State& state) {
    const auto a = random_values(1, 256);
    const auto b = random_values(2, 256);
    const auto m = random_values(3, 256);
    mpz_t za;
    mpz_t zb;
    mpz_t zm;
    mpz_t r;
    mpz_inits(za, zb, zm, r, nullptr);
    std::size_t i = 0;
    for (auto _ : state) {
        mpz_import(za, 4, -1, 8, 0, 0, a[i].limbs.data());
        mpz_import(zb, 4, -1, 8, 0, 0, b[i].limbs.data());
        mpz_import(zm, 4, -1, 8, 0, 0, m[(i * 7) % kCount].limbs.data());
        mpz_mul(r, za, zb);
        mpz_mod(r, r, zm);
        benchmark::DoNotOptimize(mpz_getlimbn(r, 0));
        i = (i + 1) % kCount;
    }
    mpz_clears(za, zb, zm, r, nullptr);
}

BENCHMARK(add);
BENCHMARK(mul);
BENCHMARK(div_256_by_256);
BENCHMARK(div_256_by_128);
BENCHMARK(div_256_by_64);
BENCHMARK(addmod_full);
BENCHMARK(mulmod_full);
BENCHMARK(gmp_mulmod_full);
BENCHMARK(exp_full);
BENCHMARK(to_decimal);

}  // namespace
}  // namespace yunlian
