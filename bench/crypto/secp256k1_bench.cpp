// ecrecover and signing: ours against libsecp256k1 called directly, on the same inputs.

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "crypto/keccak.hpp"
#include "crypto/secp256k1.hpp"

namespace {

using yunlian::Hash;
using yunlian::crypto::Signature;

struct Sample {
    Hash digest;
    Signature signature;
};

/// 64 signed digests from different keys, so the branch predictor cannot learn one input.
const std::vector<Sample>& samples() {
    static const std::vector<Sample> kSamples = [] {
        std::vector<Sample> out;
        for (int i = 0; i < 64; ++i) {
            const std::string seed = "bench key " + std::to_string(i);
            const auto key = yunlian::crypto::keccak256(yunlian::as_bytes(seed));
            const Hash digest = yunlian::crypto::keccak256(key.view());
            out.push_back({digest, yunlian::crypto::sign(digest, key).value()});
        }
        return out;
    }();
    return kSamples;
}

void ecrecover_yunlian(benchmark::State& state) {
    const auto& inputs = samples();
    std::size_t i = 0;
    for (auto _ : state) {
        const Sample& s = inputs[i++ % inputs.size()];
        auto key = yunlian::crypto::recover_public_key(s.digest, s.signature);
        benchmark::DoNotOptimize(key);
    }
}

/// The same work through libsecp256k1's API directly: parse the compact form, recover,
/// serialize the uncompressed key.
void ecrecover_libsecp256k1(benchmark::State& state) {
    const auto& inputs = samples();
    std::size_t i = 0;
    for (auto _ : state) {
        const Sample& s = inputs[i++ % inputs.size()];
        std::array<unsigned char, 64> compact{};
        std::memcpy(compact.data(), s.signature.r.data(), 32);
        std::memcpy(compact.data() + 32, s.signature.s.data(), 32);
        secp256k1_ecdsa_recoverable_signature raw;
        secp256k1_pubkey point;
        std::array<unsigned char, 65> out{};
        std::size_t size = out.size();
        const int ok =
            secp256k1_ecdsa_recoverable_signature_parse_compact(
                secp256k1_context_static, &raw, compact.data(), s.signature.recovery_id) &&
            secp256k1_ecdsa_recover(secp256k1_context_static, &point, &raw, s.digest.data()) &&
            secp256k1_ec_pubkey_serialize(secp256k1_context_static, out.data(), &size, &point,
                                          SECP256K1_EC_UNCOMPRESSED);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(out);
    }
}

void recover_address_yunlian(benchmark::State& state) {
    const auto& inputs = samples();
    std::size_t i = 0;
    for (auto _ : state) {
        const Sample& s = inputs[i++ % inputs.size()];
        auto address = yunlian::crypto::recover_address(s.digest, s.signature);
        benchmark::DoNotOptimize(address);
    }
}

void sign_yunlian(benchmark::State& state) {
    const auto key = yunlian::crypto::keccak256(yunlian::as_bytes("bench signer"));
    Hash digest = yunlian::crypto::keccak256(key.view());
    for (auto _ : state) {
        auto signature = yunlian::crypto::sign(digest, key);
        benchmark::DoNotOptimize(signature);
        digest[0] = static_cast<std::uint8_t>(digest[0] + 1);
    }
}

void sign_libsecp256k1(benchmark::State& state) {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    const auto key = yunlian::crypto::keccak256(yunlian::as_bytes("bench signer"));
    Hash digest = yunlian::crypto::keccak256(key.view());
    for (auto _ : state) {
        secp256k1_ecdsa_recoverable_signature raw;
        std::array<unsigned char, 64> compact{};
        int recovery_id = 0;
        const int ok = secp256k1_ecdsa_sign_recoverable(ctx, &raw, digest.data(), key.data(),
                                                        nullptr, nullptr) &&
                       secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact.data(),
                                                                               &recovery_id, &raw);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(compact);
        digest[0] = static_cast<std::uint8_t>(digest[0] + 1);
    }
    secp256k1_context_destroy(ctx);
}

}  // namespace

BENCHMARK(ecrecover_yunlian);
BENCHMARK(ecrecover_libsecp256k1);
BENCHMARK(recover_address_yunlian);
BENCHMARK(sign_yunlian);
BENCHMARK(sign_libsecp256k1);
