// MODEXP (EIP-198 with EIP-2565 pricing elsewhere), BN254 (EIP-196, EIP-197, EIP-1108), BLAKE2 F
// (EIP-152) and the KZG point evaluation (EIP-4844): input parsing here, the arithmetic in crypto/.

#include "evm/precompiles_math.hpp"

#include <algorithm>

#include "common/uint256.hpp"
#include "crypto/blake2f.hpp"
#include "crypto/bn254.hpp"
#include "crypto/kzg.hpp"
#include "crypto/modexp.hpp"

namespace yunlian::evm {

namespace {

/// `len` bytes of `input` from `offset`, zero-padded past its end (EIP-198 reads past the input
/// as zeros).
Bytes padded_slice(BytesView input, std::uint64_t offset, std::uint64_t len) {
    Bytes out(static_cast<std::size_t>(len), 0);
    if (offset < input.size()) {
        const auto n = std::min<std::uint64_t>(len, input.size() - offset);
        std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
    }
    return out;
}

std::optional<Bytes> modexp(BytesView input) {
    const auto header = padded_slice(input, 0, 96);
    const auto base_len = Uint256::load_be(header.data());
    const auto exp_len = Uint256::load_be(header.data() + 32);
    const auto mod_len = Uint256::load_be(header.data() + 64);
    // The price already paid makes every length with a nonzero modulus small; a zero modulus
    // length returns nothing whatever the others are.
    if (mod_len.is_zero()) return Bytes{};
    if (!base_len.fits_u64() || !exp_len.fits_u64() || !mod_len.fits_u64() ||
        base_len.low_u64() > (std::uint64_t{1} << 32) ||
        exp_len.low_u64() > (std::uint64_t{1} << 32) ||
        mod_len.low_u64() > (std::uint64_t{1} << 32)) {
        return std::nullopt;
    }
    const auto b = base_len.low_u64();
    const auto e = exp_len.low_u64();
    const auto m = mod_len.low_u64();
    const auto base = padded_slice(input, 96, b);
    const auto exponent = padded_slice(input, 96 + b, e);
    const auto modulus = padded_slice(input, 96 + b + e, m);
    return crypto::modexp(base, exponent, modulus);
}

std::optional<Bytes> bn254_add(BytesView input) {
    auto out = crypto::bn254_add(input);
    if (!out) return std::nullopt;
    return std::move(*out);
}

std::optional<Bytes> bn254_mul(BytesView input) {
    auto out = crypto::bn254_mul(input);
    if (!out) return std::nullopt;
    return std::move(*out);
}

/// EIP-197: a 32-byte word, 1 when the pairing product is the identity.
std::optional<Bytes> bn254_pairing(BytesView input) {
    const auto ok = crypto::bn254_pairing_check(input);
    if (!ok) return std::nullopt;
    Bytes out(32, 0);
    out[31] = *ok ? 1 : 0;
    return out;
}

std::optional<Bytes> blake2f(BytesView input) {
    auto out = crypto::blake2f(input);
    if (!out) return std::nullopt;
    return std::move(*out);
}

/// EIP-4844: any rejected input (length, versioned hash, field element, point, pairing) fails
/// the call and consumes all its gas.
std::optional<Bytes> point_evaluation(BytesView input) {
    auto out = crypto::kzg_point_evaluation(input);
    if (!out) return std::nullopt;
    return std::move(*out);
}

}  // namespace

std::optional<Bytes> run_math_precompile(std::uint8_t id, BytesView input) noexcept {
    switch (id) {
        case 5:
            return modexp(input);
        case 6:
            return bn254_add(input);
        case 7:
            return bn254_mul(input);
        case 8:
            return bn254_pairing(input);
        case 9:
            return blake2f(input);
        case 10:
            return point_evaluation(input);
        default:
            return std::nullopt;
    }
}

}  // namespace yunlian::evm
