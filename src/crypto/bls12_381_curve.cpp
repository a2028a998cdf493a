// Curve checks and the ZCash compressed encoding of BLS12-381 points
// (https://github.com/zkcrypto/pairing/tree/master/src/bls12_381#serialization): the top three
// bits of the first byte are the compression flag (must be set), the infinity flag, and the sign
// flag, which says whether y is the lexicographically larger of the two roots.

#include "crypto/bls12_381_curve.hpp"

#include <algorithm>
#include <optional>

namespace yunlian::crypto::bls12_381 {
namespace {

constexpr std::uint8_t kCompressionFlag = 0x80;
constexpr std::uint8_t kInfinityFlag = 0x40;
constexpr std::uint8_t kSignFlag = 0x20;
constexpr std::uint8_t kFlagMask = 0xe0;

Fp curve_b() noexcept { return Fp::from_u64(4); }
/// b' = 4 (1 + u), the M-type twist's constant.
Fp2 twist_b() noexcept { return {Fp::from_u64(4), Fp::from_u64(4)}; }

/// What the flag byte says, after checking the flags that are common to G1 and G2. `bytes` is the
/// whole encoding; on infinity every other bit must be zero.
struct Flags {
    bool infinity = false;
    bool sign = false;
};
Result<Flags, PointError> read_flags(BytesView bytes) noexcept {
    const std::uint8_t first = bytes[0];
    if ((first & kCompressionFlag) == 0) return Unexpected(PointError::kNotCompressed);
    Flags flags{(first & kInfinityFlag) != 0, (first & kSignFlag) != 0};
    if (flags.infinity) {
        const bool rest_zero =
            (first & ~kFlagMask) == 0 &&
            std::all_of(bytes.begin() + 1, bytes.end(), [](std::uint8_t b) { return b == 0; });
        if (flags.sign || !rest_zero) return Unexpected(PointError::kInvalidInfinity);
    }
    return flags;
}

/// The 48-byte field element at `offset`, with the flag bits cleared when `offset` is 0.
std::optional<Fp> read_coordinate(BytesView bytes, std::size_t offset) noexcept {
    std::array<std::uint8_t, 48> buffer{};
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), 48, buffer.begin());
    if (offset == 0) buffer[0] &= static_cast<std::uint8_t>(~kFlagMask);
    return Fp::from_bytes_be(buffer);
}

std::uint8_t flag_byte(bool infinity, bool sign) noexcept {
    std::uint8_t out = kCompressionFlag;
    if (infinity) out |= kInfinityFlag;
    if (sign) out |= kSignFlag;
    return out;
}

/// The compressed generator encodings (the same bytes as the consensus specs' G1_POINT_AT... and
/// the KZG trusted setup's first monomial points).
constexpr std::array<std::uint8_t, 48> kG1GeneratorCompressed = {
    0x97, 0xf1, 0xd3, 0xa7, 0x31, 0x97, 0xd7, 0x94, 0x26, 0x95, 0x63, 0x8c, 0x4f, 0xa9, 0xac, 0x0f,
    0xc3, 0x68, 0x8c, 0x4f, 0x97, 0x74, 0xb9, 0x05, 0xa1, 0x4e, 0x3a, 0x3f, 0x17, 0x1b, 0xac, 0x58,
    0x6c, 0x55, 0xe8, 0x3f, 0xf9, 0x7a, 0x1a, 0xef, 0xfb, 0x3a, 0xf0, 0x0a, 0xdb, 0x22, 0xc6, 0xbb};
constexpr std::array<std::uint8_t, 96> kG2GeneratorCompressed = {
    0x93, 0xe0, 0x2b, 0x60, 0x52, 0x71, 0x9f, 0x60, 0x7d, 0xac, 0xd3, 0xa0, 0x88, 0x27, 0x4f, 0x65,
    0x59, 0x6b, 0xd0, 0xd0, 0x99, 0x20, 0xb6, 0x1a, 0xb5, 0xda, 0x61, 0xbb, 0xdc, 0x7f, 0x50, 0x49,
    0x33, 0x4c, 0xf1, 0x12, 0x13, 0x94, 0x5d, 0x57, 0xe5, 0xac, 0x7d, 0x05, 0x5d, 0x04, 0x2b, 0x7e,
    0x02, 0x4a, 0xa2, 0xb2, 0xf0, 0x8f, 0x0a, 0x91, 0x26, 0x08, 0x05, 0x27, 0x2d, 0xc5, 0x10, 0x51,
    0xc6, 0xe4, 0x7a, 0xd4, 0xfa, 0x40, 0x3b, 0x02, 0xb4, 0x51, 0x0b, 0x64, 0x7a, 0xe3, 0xd1, 0x77,
    0x0b, 0xac, 0x03, 0x26, 0xa8, 0x05, 0xbb, 0xef, 0xd4, 0x80, 0x56, 0xc8, 0xc1, 0x21, 0xbd, 0xb8};

/// beta, the cube root of unity in Fp for which phi(x, y) = (beta x, y) acts on G1 as
/// multiplication by -x^2 (x the curve parameter); found by checking both roots on the generator.
constexpr Limbs kBeta = {0x2e01fffffffefffeULL, 0xde17d813620a0002ULL, 0xddb3a93be6f89688ULL,
                         0xba69c6076a0f77eaULL, 0x5f19672fdf76ce51ULL, 0x0000000000000000ULL};
/// x^2 = 0xd201000000010000^2 as little-endian limbs.
constexpr std::array<std::uint64_t, 2> kParameterSquared = {0x0000000100000000ULL,
                                                            0xac45a4010001a402ULL};

}  // namespace

std::string_view to_string(PointError error) noexcept {
    switch (error) {
        case PointError::kInvalidLength:
            return "wrong length for a compressed point";
        case PointError::kNotCompressed:
            return "compression flag not set";
        case PointError::kInvalidInfinity:
            return "malformed point at infinity";
        case PointError::kInvalidFieldElement:
            return "coordinate not below the field modulus";
        case PointError::kNotOnCurve:
            return "point not on the curve";
        case PointError::kNotInSubgroup:
            return "point not in the prime-order subgroup";
    }
    return "unknown point error";
}

const G1& g1_generator() noexcept {
    static const G1 generator = *decompress_g1(kG1GeneratorCompressed);
    return generator;
}

const G2& g2_generator() noexcept {
    static const G2 generator = *decompress_g2(kG2GeneratorCompressed);
    return generator;
}

bool is_on_curve(const G1Affine& p) noexcept {
    return p.infinity || p.y.square() == p.x.square() * p.x + curve_b();
}

bool is_on_curve(const G2Affine& p) noexcept {
    return p.infinity || p.y.square() == p.x.square() * p.x + twist_b();
}

bool is_in_subgroup(const G1& p) noexcept {
    // Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
    // curves" (ePrint 2021/1130), section 6: P is in G1 iff phi(P) = [-x^2]P. A 128-bit
    // multiplication instead of the 255-bit [r]P.
    static const Fp beta = *Fp::from_canonical(kBeta);
    const G1 phi{p.x * beta, p.y, p.z};
    return phi.same_point(-p.mul_binary(kParameterSquared));
}

bool is_in_subgroup_by_order(const G1& p) noexcept { return p.mul(kGroupOrder).is_infinity(); }
bool is_in_subgroup(const G2& p) noexcept { return p.mul(kGroupOrder).is_infinity(); }

Result<G1, PointError> decompress_g1(BytesView bytes) {
    if (bytes.size() != 48) return Unexpected(PointError::kInvalidLength);
    const auto flags = read_flags(bytes);
    if (!flags) return Unexpected(flags.error());
    if (flags->infinity) return G1::infinity();
    const auto x = read_coordinate(bytes, 0);
    if (!x) return Unexpected(PointError::kInvalidFieldElement);
    const auto y = (x->square() * *x + curve_b()).sqrt();
    if (!y) return Unexpected(PointError::kNotOnCurve);
    const Fp chosen = y->is_lexicographically_largest() == flags->sign ? *y : -*y;
    const G1 point = G1::from_affine({*x, chosen, false});
    if (!is_in_subgroup(point)) return Unexpected(PointError::kNotInSubgroup);
    return point;
}

Result<G2, PointError> decompress_g2(BytesView bytes) {
    if (bytes.size() != 96) return Unexpected(PointError::kInvalidLength);
    const auto flags = read_flags(bytes);
    if (!flags) return Unexpected(flags.error());
    if (flags->infinity) return G2::infinity();
    const auto x1 = read_coordinate(bytes, 0);
    const auto x0 = read_coordinate(bytes, 48);
    if (!x0 || !x1) return Unexpected(PointError::kInvalidFieldElement);
    const Fp2 x{*x0, *x1};
    const auto y = (x.square() * x + twist_b()).sqrt();
    if (!y) return Unexpected(PointError::kNotOnCurve);
    const Fp2 chosen = y->is_lexicographically_largest() == flags->sign ? *y : -*y;
    const G2 point = G2::from_affine({x, chosen, false});
    if (!is_in_subgroup(point)) return Unexpected(PointError::kNotInSubgroup);
    return point;
}

std::array<std::uint8_t, 48> compress(const G1& p) noexcept {
    std::array<std::uint8_t, 48> out{};
    const G1Affine a = p.to_affine();
    if (a.infinity) {
        out[0] = flag_byte(true, false);
        return out;
    }
    a.x.to_bytes_be(out);
    out[0] |= flag_byte(false, a.y.is_lexicographically_largest());
    return out;
}

std::array<std::uint8_t, 96> compress(const G2& p) noexcept {
    std::array<std::uint8_t, 96> out{};
    const G2Affine a = p.to_affine();
    if (a.infinity) {
        out[0] = flag_byte(true, false);
        return out;
    }
    a.x.c1.to_bytes_be(std::span<std::uint8_t, 48>(out.data(), 48));
    a.x.c0.to_bytes_be(std::span<std::uint8_t, 48>(out.data() + 48, 48));
    out[0] |= flag_byte(false, a.y.is_lexicographically_largest());
    return out;
}

}  // namespace yunlian::crypto::bls12_381
