// Montgomery arithmetic over the BLS12-381 base field and square roots in Fp and Fp2.

#include "crypto/bls12_381_field.hpp"

namespace yunlian::crypto::bls12_381 {
namespace {

__extension__ using Uint128 = unsigned __int128;

/// -p^-1 mod 2^64, the per-limb Montgomery reduction factor.
constexpr std::uint64_t kMontgomeryFactor = 0x89f3fffcfffcfffdULL;
/// 2^384 mod p, the Montgomery form of 1.
constexpr Limbs kRadixMod = {0x760900000002fffdULL, 0xebf4000bc40c0002ULL, 0x5f48985753c758baULL,
                             0x77ce585370525745ULL, 0x5c071a97a256ec6dULL, 0x15f65ec3fa80e493ULL};
/// 2^768 mod p, which converts into Montgomery form.
constexpr Limbs kRadixSquared = {0xf4df1f341c341746ULL, 0x0a76e6a609d104f1ULL,
                                 0x8de5476c4c95b6d5ULL, 0x67eb88a9939d83c0ULL,
                                 0x9a793e85b519952dULL, 0x11988fe592cae3aaULL};

/// a - b over six limbs; returns the borrow.
bool sub_limbs(const Limbs& a, const Limbs& b, Limbs& out) noexcept {
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const Uint128 d = static_cast<Uint128>(a[i]) - b[i] - borrow;
        out[i] = static_cast<std::uint64_t>(d);
        borrow = static_cast<std::uint64_t>(d >> 127);
    }
    return borrow != 0;
}

/// a + b over six limbs; returns the carry.
bool add_limbs(const Limbs& a, const Limbs& b, Limbs& out) noexcept {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const Uint128 s = static_cast<Uint128>(a[i]) + b[i] + carry;
        out[i] = static_cast<std::uint64_t>(s);
        carry = static_cast<std::uint64_t>(s >> 64);
    }
    return carry != 0;
}

/// x mod p for x < 2p.
Limbs reduce_once(const Limbs& x) noexcept {
    Limbs reduced;
    const bool below_p = sub_limbs(x, kModulus, reduced);
    return below_p ? x : reduced;
}

/// a * b * 2^-384 mod p for a, b < p (CIOS). As p < 2^382, the running sum fits in 7 limbs
/// and ends below 2p.
Limbs montgomery_mul(const Limbs& a, const Limbs& b) noexcept {
    std::uint64_t t[8] = {};
    for (std::size_t i = 0; i < 6; ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < 6; ++j) {
            const Uint128 s = static_cast<Uint128>(a[i]) * b[j] + t[j] + carry;
            t[j] = static_cast<std::uint64_t>(s);
            carry = static_cast<std::uint64_t>(s >> 64);
        }
        Uint128 s = static_cast<Uint128>(t[6]) + carry;
        t[6] = static_cast<std::uint64_t>(s);
        t[7] = static_cast<std::uint64_t>(s >> 64);

        // Add m * p so that the lowest limb becomes zero, then drop that limb.
        const std::uint64_t m = t[0] * kMontgomeryFactor;
        s = static_cast<Uint128>(m) * kModulus[0] + t[0];
        carry = static_cast<std::uint64_t>(s >> 64);
        for (std::size_t j = 1; j < 6; ++j) {
            s = static_cast<Uint128>(m) * kModulus[j] + t[j] + carry;
            t[j - 1] = static_cast<std::uint64_t>(s);
            carry = static_cast<std::uint64_t>(s >> 64);
        }
        s = static_cast<Uint128>(t[6]) + carry;
        t[5] = static_cast<std::uint64_t>(s);
        t[6] = t[7] + static_cast<std::uint64_t>(s >> 64);
    }
    return reduce_once({t[0], t[1], t[2], t[3], t[4], t[5]});
}

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

Fp operator+(const Fp& a, const Fp& b) noexcept {
    // Both are below p < 2^382, so the sum cannot carry out of six limbs.
    Fp out;
    add_limbs(a.m_mont, b.m_mont, out.m_mont);
    out.m_mont = reduce_once(out.m_mont);
    return out;
}

Fp operator-(const Fp& a, const Fp& b) noexcept {
    Fp out;
    if (sub_limbs(a.m_mont, b.m_mont, out.m_mont)) add_limbs(out.m_mont, kModulus, out.m_mont);
    return out;
}

Fp operator*(const Fp& a, const Fp& b) noexcept {
    Fp out;
    out.m_mont = montgomery_mul(a.m_mont, b.m_mont);
    return out;
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
