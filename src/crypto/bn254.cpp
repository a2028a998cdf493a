#include "crypto/bn254.hpp"

#include <array>
#include <cstring>
#include <vector>

#include "crypto/bn254_curve.hpp"
#include "crypto/bn254_pairing.hpp"

namespace yunlian::crypto {
namespace {

using bn254::Fp;
using bn254::Fp2;
using bn254::G1Affine;
using bn254::G1Point;
using bn254::G2Affine;

constexpr std::size_t kWord = 32;
constexpr std::size_t kPairSize = 192;

/// The first N bytes of `input`, zero-padded (EIP-196: missing input bytes count as zero).
template <std::size_t N>
std::array<std::uint8_t, N> padded(BytesView input) noexcept {
    std::array<std::uint8_t, N> out{};
    // An empty view may have a null data pointer, which memcpy must not see.
    if (!input.empty()) std::memcpy(out.data(), input.data(), std::min(input.size(), N));
    return out;
}

Result<Fp, Bn254Error> read_fp(const std::uint8_t* p) noexcept {
    const Uint256 value = Uint256::load_be(p);
    if (value >= bn254::kFieldModulus) return Unexpected(Bn254Error::kInvalidFieldElement);
    return Fp::from_canonical(value);
}

/// A G1 point from 64 bytes: both coordinates below p, and (0, 0) or on the curve.
Result<G1Affine, Bn254Error> read_g1(const std::uint8_t* p) noexcept {
    const auto x = read_fp(p);
    if (!x) return Unexpected(x.error());
    const auto y = read_fp(p + kWord);
    if (!y) return Unexpected(y.error());
    if (x->is_zero() && y->is_zero()) return G1Affine{};
    const G1Affine point{*x, *y, false};
    if (!bn254::is_on_curve(point)) return Unexpected(Bn254Error::kNotOnCurve);
    return point;
}

/// A G2 point from 128 bytes (EIP-197 puts the imaginary part of each coordinate first).
Result<G2Affine, Bn254Error> read_g2(const std::uint8_t* p) noexcept {
    std::array<Fp, 4> words{};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto word = read_fp(p + i * kWord);
        if (!word) return Unexpected(word.error());
        words[i] = *word;
    }
    const Fp2 x{words[1], words[0]};
    const Fp2 y{words[3], words[2]};
    if (x.is_zero() && y.is_zero()) return G2Affine{};
    const G2Affine point{x, y, false};
    if (!bn254::is_on_twist(point)) return Unexpected(Bn254Error::kNotOnCurve);
    if (!bn254::is_in_g2(point)) return Unexpected(Bn254Error::kNotInSubgroup);
    return point;
}

Bytes encode_g1(const G1Point& point) {
    Bytes out(2 * kWord, 0);
    const G1Affine affine = point.to_affine();
    if (!affine.infinity) {
        affine.x.to_canonical().store_be(out.data());
        affine.y.to_canonical().store_be(out.data() + kWord);
    }
    return out;
}

}  // namespace

std::string_view to_string(Bn254Error error) noexcept {
    switch (error) {
        case Bn254Error::kInvalidFieldElement:
            return "alt_bn128 coordinate is not below the field modulus";
        case Bn254Error::kNotOnCurve:
            return "alt_bn128 point is not on the curve";
        case Bn254Error::kNotInSubgroup:
            return "alt_bn128 G2 point is not in the order-r subgroup";
        case Bn254Error::kInvalidLength:
            return "alt_bn128 pairing input length is not a multiple of 192";
    }
    return "unknown alt_bn128 error";
}

Result<Bytes, Bn254Error> bn254_add(BytesView input) {
    const auto bytes = padded<4 * kWord>(input);
    const auto a = read_g1(bytes.data());
    if (!a) return Unexpected(a.error());
    const auto b = read_g1(bytes.data() + 2 * kWord);
    if (!b) return Unexpected(b.error());
    return encode_g1(G1Point::from_affine(*a) + G1Point::from_affine(*b));
}

Result<Bytes, Bn254Error> bn254_mul(BytesView input) {
    const auto bytes = padded<3 * kWord>(input);
    const auto point = read_g1(bytes.data());
    if (!point) return Unexpected(point.error());
    const Uint256 scalar = Uint256::load_be(bytes.data() + 2 * kWord);
    return encode_g1(G1Point::from_affine(*point).multiplied(scalar));
}

Result<bool, Bn254Error> bn254_pairing_check(BytesView input) {
    if (input.size() % kPairSize != 0) return Unexpected(Bn254Error::kInvalidLength);
    std::vector<bn254::PairingInput> pairs;
    pairs.reserve(input.size() / kPairSize);
    for (std::size_t offset = 0; offset < input.size(); offset += kPairSize) {
        const auto p = read_g1(input.data() + offset);
        if (!p) return Unexpected(p.error());
        const auto q = read_g2(input.data() + offset + 2 * kWord);
        if (!q) return Unexpected(q.error());
        pairs.push_back({*p, *q});
    }
    return bn254::pairing_product_is_one(pairs);
}

}  // namespace yunlian::crypto
