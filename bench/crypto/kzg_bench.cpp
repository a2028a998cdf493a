// EIP-4844 point evaluation (precompile 0x0a) and the BLS12-381 pieces it is made of: field
// product, point decompression with its subgroup check, scalar multiplication, Miller loop and
// final exponentiation. The input is a valid proof from the state tests (see kzg_test.cpp).

#include <array>
#include <utility>

#include <benchmark/benchmark.h>

#include "common/hex.hpp"
#include "crypto/bls12_381_curve.hpp"
#include "crypto/bls12_381_pairing.hpp"
#include "crypto/kzg.hpp"

namespace {

namespace bls = yunlian::crypto::bls12_381;

yunlian::Bytes hex(std::string_view text) { return yunlian::from_hex(text).value(); }

// verify_kzg_proof_case_correct_proof_1ce8e4f69d5df899.
const yunlian::Bytes kValidInput = hex(
    "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef73eda753299d7d483339d80809a1d8"
    "0553bda402fffe5bfeffffffff00000000000000000000000000000000000000000000000000000000000000000000"
    "0"
    "00093efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f1"
    "4"
    "655692c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f63249877db23297212991fd63e07b7"
    "eb"
    "c348");

constexpr std::array<std::uint64_t, 4> kScalar = {0x0123456789abcdefULL, 0xfedcba9876543210ULL,
                                                  0x0f1e2d3c4b5a6978ULL, 0x1122334455667788ULL};

void BM_Bls12381FpMul(benchmark::State& state) {
    bls::Fp a = bls::Fp::from_u64(0x1234567);
    const bls::Fp b = bls::Fp::from_u64(0x89abcdef);
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(BM_Bls12381FpMul);

void BM_Bls12381DecompressG1(benchmark::State& state) {
    const yunlian::BytesView proof = yunlian::BytesView(kValidInput).subspan(144, 48);
    for (auto _ : state) benchmark::DoNotOptimize(bls::decompress_g1(proof));
}
BENCHMARK(BM_Bls12381DecompressG1)->Unit(benchmark::kMicrosecond);

void BM_Bls12381G2Mul(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(bls::g2_generator().mul(kScalar));
}
BENCHMARK(BM_Bls12381G2Mul)->Unit(benchmark::kMicrosecond);

void BM_Bls12381MillerLoop2(benchmark::State& state) {
    const std::array<std::pair<bls::G1, bls::G2>, 2> pairs = {
        std::pair{bls::g1_generator(), bls::g2_generator()},
        std::pair{bls::g1_generator().mul(kScalar), bls::g2_generator().mul(kScalar)}};
    for (auto _ : state) benchmark::DoNotOptimize(bls::multi_miller_loop(pairs));
}
BENCHMARK(BM_Bls12381MillerLoop2)->Unit(benchmark::kMicrosecond);

void BM_Bls12381FinalExponentiation(benchmark::State& state) {
    const std::array<std::pair<bls::G1, bls::G2>, 1> pairs = {
        std::pair{bls::g1_generator(), bls::g2_generator()}};
    const bls::Fp12 f = bls::multi_miller_loop(pairs);
    for (auto _ : state) benchmark::DoNotOptimize(bls::final_exponentiation(f));
}
BENCHMARK(BM_Bls12381FinalExponentiation)->Unit(benchmark::kMicrosecond);

void BM_KzgPointEvaluation(benchmark::State& state) {
    for (auto _ : state) {
        auto out = yunlian::crypto::kzg_point_evaluation(kValidInput);
        if (!out) state.SkipWithError("valid proof rejected");
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_KzgPointEvaluation)->Unit(benchmark::kMicrosecond);

}  // namespace
