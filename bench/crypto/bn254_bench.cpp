// The EVM's math precompiles: alt_bn128 ECADD, ECMUL and the pairing check (EIP-196/197), BLAKE2F
// (EIP-152) and MODEXP (EIP-198), on fixed valid inputs.

#include <string>

#include <benchmark/benchmark.h>

#include "common/hex.hpp"
#include "crypto/blake2f.hpp"
#include "crypto/bn254.hpp"
#include "crypto/modexp.hpp"

namespace {

using yunlian::Bytes;

Bytes hex(std::string_view text) { return yunlian::from_hex(text).value(); }

// G1 generator (1, 2), a G1 point 2G, and the G2 generator of EIP-197.
const std::string kG1 = std::string(63, '0') + "1" + std::string(63, '0') + "2";
const std::string kG1Double =
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
    "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
const std::string kG2 =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
// -G1 = (1, p - 2).
const std::string kG1Negated =
    std::string(63, '0') + "1" + "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45";

void bn254_add(benchmark::State& state) {
    const Bytes input = hex(kG1 + kG1Double);
    for (auto _ : state) benchmark::DoNotOptimize(yunlian::crypto::bn254_add(input));
}

void bn254_mul(benchmark::State& state) {
    const Bytes input =
        hex(kG1Double + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593effffff0");
    for (auto _ : state) benchmark::DoNotOptimize(yunlian::crypto::bn254_mul(input));
}

void bn254_pairing_2(benchmark::State& state) {
    // e(G1, G2) e(-G1, G2) = 1: the shape of a Groth16-style check with two pairs.
    const Bytes input = hex(kG1 + kG2 + kG1Negated + kG2);
    if (!yunlian::crypto::bn254_pairing_check(input).value()) state.SkipWithError("not one");
    for (auto _ : state) benchmark::DoNotOptimize(yunlian::crypto::bn254_pairing_check(input));
}

void blake2f_12_rounds(benchmark::State& state) {
    Bytes input(213, 0);
    input[3] = 12;
    input[212] = 1;
    for (auto _ : state) benchmark::DoNotOptimize(yunlian::crypto::blake2f(input));
}

void modexp_256(benchmark::State& state) {
    const Bytes base(32, 0x7b);
    const Bytes exponent(32, 0xff);
    Bytes modulus(32, 0xfd);
    modulus[0] = 0x3f;
    for (auto _ : state) {
        benchmark::DoNotOptimize(yunlian::crypto::modexp(base, exponent, modulus));
    }
}

BENCHMARK(bn254_add);
BENCHMARK(bn254_mul);
BENCHMARK(bn254_pairing_2)->Unit(benchmark::kMicrosecond);
BENCHMARK(blake2f_12_rounds);
BENCHMARK(modexp_256);

}  // namespace
