// Montgomery arithmetic over the BLS12-381 base field and square roots in Fp and Fp2.

#include "crypto/bls12_381_field.hpp"

namespace yunlian::crypto::bls12_381 {
namespace {

using detail::add_limbs;
using detail::kRadixMod;
using detail::kRadixSquared;
using detail::montgomery_mul;
using detail::sub_limbs;

/// p - 2, the inversion exponent.
constexpr Limbs kModulusMinusTwo = {0xb9feffffffffaaa9ULL, 0x1eabfffeb153ffffULL,
                                    0x6730d2a0f6b0f624ULL, 0x64774b84f38512bfULL,
                                    0x4b1ba7b6434bacd7ULL, 0x1a0111ea397fe69aULL};
/// (p + 1) / 4, the square-root exponent for p = 3 mod 4.
constexpr Limbs kSqrtExponent = {0xee7fbfffffffeaabULL, 0x07aaffffac54ffffULL,
                                 0xd9cc34a83dac3d89ULL, 0xd91dd2e13ce144afULL,
                                 0x92c6e9ed90d2eb35ULL, 0x0680447a8e5ff9a6ULL};
/// (p - 1) / 2, the largest "non-negative" canonical value.
constexpr Limbs kHalfModulus = {0xdcff7fffffffd555ULL, 0x0f55ffff58a9ffffULL,
                                0xb39869507b587b12ULL, 0xb23ba5c279c2895fULL,
                                0x258dd3db21a5d66bULL, 0x0d0088f51cbff34dULL};

}  // namespace

Fp Fp::one() noexcept {
    Fp out;
    out.m_mont = kRadixMod;
    return out;
}

std::optional<Fp> Fp::from_canonical(const Limbs& x) noexcept {
    Limbs ignored;
    if (!sub_limbs(x, kModulus, ignored)) return std::nullopt;
    Fp out;
    out.m_mont = montgomery_mul(x, kRadixSquared);
    return out;
}

Fp Fp::from_u64(std::uint64_t x) noexcept {
    Fp out;
    out.m_mont = montgomery_mul({x, 0, 0, 0, 0, 0}, kRadixSquared);
    return out;
}

std::optional<Fp> Fp::from_bytes_be(BytesView bytes48) noexcept {
    if (bytes48.size() != 48) return std::nullopt;
    Limbs x{};
    for (std::size_t i = 0; i < 48; ++i) {
        const std::size_t limb = (47 - i) / 8;
        x[limb] = (x[limb] << 8) | bytes48[i];
    }
    return from_canonical(x);
}

Limbs Fp::to_canonical() const noexcept { return montgomery_mul(m_mont, {1, 0, 0, 0, 0, 0}); }

void Fp::to_bytes_be(std::span<std::uint8_t, 48> out) const noexcept {
    const Limbs x = to_canonical();
    for (std::size_t i = 0; i < 48; ++i) {
        out[47 - i] = static_cast<std::uint8_t>(x[i / 8] >> (8 * (i % 8)));
    }
}

bool Fp::is_zero() const noexcept {
    std::uint64_t acc = 0;
    for (const std::uint64_t limb : m_mont) acc |= limb;
    return acc == 0;
}

bool Fp::is_lexicographically_largest() const noexcept {
    Limbs ignored;
    // canonical > (p-1)/2  <=>  (p-1)/2 - canonical borrows.
    return sub_limbs(kHalfModulus, to_canonical(), ignored);
}

Fp Fp::pow(std::span<const std::uint64_t> exponent) const noexcept {
    Fp result = one();
    for (std::size_t limb = exponent.size(); limb-- > 0;) {
        for (unsigned bit = 64; bit-- > 0;) {
            result = result.square();
            if (((exponent[limb] >> bit) & 1) != 0) result = result * *this;
        }
    }
    return result;
}

Fp Fp::inverse() const noexcept { return pow(kModulusMinusTwo); }

std::optional<Fp> Fp::sqrt() const noexcept {
    const Fp root = pow(kSqrtExponent);
    if (root.square() != *this) return std::nullopt;
    return root;
}

std::optional<Fp2> Fp2::sqrt() const noexcept {
    // The "complex" method: for a = a0 + a1 u with norm n = a0^2 + a1^2 = s^2, a root is
    // x0 + x1 u with x0^2 = (a0 +- s) / 2 and x1 = a1 / (2 x0); when x0 = 0 (so a1 = 0) it is
    // sqrt(-a0) u. Each candidate is checked, so a wrong branch never yields a wrong root.
    if (is_zero()) return Fp2::zero();
    const auto norm_root = (c0.square() + c1.square()).sqrt();
    if (!norm_root) return std::nullopt;
    const Fp half = Fp::from_u64(2).inverse();
    const auto try_branch = [this, &half](const Fp& s) -> std::optional<Fp2> {
        const auto x0 = ((c0 + s) * half).sqrt();
        if (!x0) return std::nullopt;
        Fp2 candidate;
        if (x0->is_zero()) {
            const auto x1 = (-c0).sqrt();
            if (!x1) return std::nullopt;
            candidate = {Fp::zero(), *x1};
        } else {
            candidate = {*x0, c1 * ((*x0 + *x0).inverse())};
        }
        if (candidate.square() != *this) return std::nullopt;
        return candidate;
    };
    if (auto root = try_branch(*norm_root)) return root;
    return try_branch(-*norm_root);
}

bool Fp2::is_lexicographically_largest() const noexcept {
    if (!c1.is_zero()) return c1.is_lexicographically_largest();
    return c0.is_lexicographically_largest();
}

}  // namespace yunlian::crypto::bls12_381
