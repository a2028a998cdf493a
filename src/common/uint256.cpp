#include "common/uint256.hpp"

#include <algorithm>
#include <cstring>

#include "common/endian.hpp"
#include "common/hex.hpp"

namespace yunlian {
namespace {

using uint256_detail::Uint128;

// Division follows Knuth, TAOCP vol. 2, 4.3.1, algorithm D, with the quotient digit estimated by
// multiplying with a precomputed reciprocal of the normalized divisor instead of a hardware
// 128/64 divide (Moller and Granlund, "Improved division by invariant integers", 2011, alg. 4).

/// floor((2^128 - 1) / d) - 2^64 for a normalized d (top bit set); fits in 64 bits.
std::uint64_t reciprocal_2by1(std::uint64_t d) noexcept {
    const Uint128 numerator = (static_cast<Uint128>(~d) << 64) | ~std::uint64_t{0};
    return static_cast<std::uint64_t>(numerator / d);
}

struct QuotientRemainder {
    std::uint64_t quotient;
    std::uint64_t remainder;
};

/// (hi:lo) / d for a normalized d with hi < d, given v = reciprocal_2by1(d).
inline QuotientRemainder udivrem_2by1(std::uint64_t hi, std::uint64_t lo, std::uint64_t d,
                                      std::uint64_t v) noexcept {
    Uint128 q = static_cast<Uint128>(v) * hi;
    q += (static_cast<Uint128>(hi) << 64) | lo;
    auto q_hi = static_cast<std::uint64_t>(q >> 64) + 1;
    auto r = lo - q_hi * d;
    if (r > static_cast<std::uint64_t>(q)) {
        --q_hi;
        r += d;
    }
    if (r >= d) {
        ++q_hi;
        r -= d;
    }
    return {q_hi, r};
}

/// Significant limbs of a little-endian limb array (0 for zero).
std::size_t significant_limbs(const std::uint64_t* limbs, std::size_t count) noexcept {
    while (count > 0 && limbs[count - 1] == 0) --count;
    return count;
}

constexpr std::size_t kMaxDividendLimbs = 8;
constexpr std::size_t kMaxDivisorLimbs = 4;

/// Divides un (ulen + 1 normalized limbs, modified in place) by the single normalized limb d;
/// writes ulen quotient limbs and returns the (still normalized) remainder.
std::uint64_t divide_by_limb(std::uint64_t* un, std::size_t ulen, std::uint64_t d,
                             std::uint64_t* q) noexcept {
    const std::uint64_t v = reciprocal_2by1(d);
    std::uint64_t rem = un[ulen];
    for (std::size_t i = ulen; i-- > 0;) {
        const auto [quotient, remainder] = udivrem_2by1(rem, un[i], d, v);
        q[i] = quotient;
        rem = remainder;
    }
    return rem;
}

/// un[j .. j+n] -= qhat * vn[0 .. n-1]; returns true when the result went negative.
bool multiply_subtract(std::uint64_t* un, const std::uint64_t* vn, std::size_t n,
                       std::uint64_t qhat) noexcept {
    std::uint64_t carry = 0;
    bool borrow = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Uint128 product = static_cast<Uint128>(qhat) * vn[i] + carry;
        carry = static_cast<std::uint64_t>(product >> 64);
        un[i] = uint256_detail::sub_borrow(un[i], static_cast<std::uint64_t>(product), borrow);
    }
    // carry + borrow cannot wrap: carry is at most 2^64 - 2.
    const std::uint64_t top = carry + static_cast<std::uint64_t>(borrow);
    const bool negative = un[n] < top;
    un[n] -= top;
    return negative;
}

/// un[j .. j+n] += vn[0 .. n-1] (undoing one subtraction too many; the final carry is dropped).
void add_back(std::uint64_t* un, const std::uint64_t* vn, std::size_t n) noexcept {
    bool carry = false;
    for (std::size_t i = 0; i < n; ++i) un[i] = uint256_detail::add_carry(un[i], vn[i], carry);
    un[n] += static_cast<std::uint64_t>(carry);
}

/// Quotient digit estimate for position j (Knuth D3), corrected with the second divisor limb so
/// that it is at most one too large.
std::uint64_t estimate_quotient(const std::uint64_t* top3, const std::uint64_t* vn, std::size_t n,
                                std::uint64_t reciprocal) noexcept {
    const std::uint64_t d = vn[n - 1];
    const std::uint64_t d2 = vn[n - 2];
    std::uint64_t qhat = 0;
    std::uint64_t rhat = 0;
    if (top3[2] >= d) {
        // The dividend's top limb equals d: the quotient digit saturates at 2^64 - 1.
        qhat = ~std::uint64_t{0};
        if (__builtin_add_overflow(top3[1], d, &rhat)) return qhat;
    } else {
        const auto [quotient, remainder] = udivrem_2by1(top3[2], top3[1], d, reciprocal);
        qhat = quotient;
        rhat = remainder;
    }
    while (static_cast<Uint128>(qhat) * d2 > ((static_cast<Uint128>(rhat) << 64) | top3[0])) {
        --qhat;
        if (__builtin_add_overflow(rhat, d, &rhat)) break;
    }
    return qhat;
}

/// Long division of u (ulen limbs) by v (vlen limbs, top limb non-zero): q gets ulen limbs (zeroed
/// first), r gets vlen limbs.
void udivrem_limbs(const std::uint64_t* u, std::size_t ulen, const std::uint64_t* v,
                   std::size_t vlen, std::uint64_t* q, std::uint64_t* r) noexcept {
    std::fill_n(q, ulen, 0);
    std::fill_n(r, vlen, 0);
    ulen = significant_limbs(u, ulen);
    if (ulen < vlen) {
        std::copy_n(u, ulen, r);
        return;
    }
    // Normalize so that the divisor's top bit is set (Knuth D1).
    const auto shift = static_cast<unsigned>(std::countl_zero(v[vlen - 1]));
    std::array<std::uint64_t, kMaxDivisorLimbs> vn{};
    std::array<std::uint64_t, kMaxDividendLimbs + 1> un{};
    for (std::size_t i = vlen; i-- > 0;) {
        vn[i] = v[i] << shift;
        if (shift != 0 && i > 0) vn[i] |= v[i - 1] >> (64 - shift);
    }
    un[ulen] = shift != 0 ? u[ulen - 1] >> (64 - shift) : 0;
    for (std::size_t i = ulen; i-- > 0;) {
        un[i] = u[i] << shift;
        if (shift != 0 && i > 0) un[i] |= u[i - 1] >> (64 - shift);
    }

    if (vlen == 1) {
        r[0] = divide_by_limb(un.data(), ulen, vn[0], q) >> shift;
        return;
    }
    const std::uint64_t reciprocal = reciprocal_2by1(vn[vlen - 1]);
    for (std::size_t j = ulen - vlen + 1; j-- > 0;) {
        std::uint64_t qhat = estimate_quotient(&un[j + vlen - 2], vn.data(), vlen, reciprocal);
        if (multiply_subtract(&un[j], vn.data(), vlen, qhat)) {
            --qhat;
            add_back(&un[j], vn.data(), vlen);
        }
        q[j] = qhat;
    }
    // Denormalize the remainder (Knuth D8); un[vlen] is zero by now.
    for (std::size_t i = 0; i < vlen; ++i) {
        r[i] = un[i] >> shift;
        if (shift != 0) r[i] |= un[i + 1] << (64 - shift);
    }
}

/// Divides `value` in place by a non-zero 64-bit divisor and returns the remainder.
std::uint64_t divide_in_place(Uint256& value, std::uint64_t divisor) noexcept {
    std::array<std::uint64_t, 4> q{};
    std::uint64_t r = 0;
    udivrem_limbs(value.limbs.data(), 4, &divisor, 1, q.data(), &r);
    value.limbs = q;
    return r;
}

}  // namespace

std::pair<Uint256, Uint256> udivrem(const Uint256& a, const Uint256& b) noexcept {
    if (b.fits_u64()) {
        if (b.limbs[0] == 0) return {};
        if (a.fits_u64()) return {a.limbs[0] / b.limbs[0], a.limbs[0] % b.limbs[0]};
    }
    if (a < b) return {Uint256{}, a};
    std::pair<Uint256, Uint256> out;
    const std::size_t vlen = significant_limbs(b.limbs.data(), 4);
    udivrem_limbs(a.limbs.data(), 4, b.limbs.data(), vlen, out.first.limbs.data(),
                  out.second.limbs.data());
    return out;
}

Uint256 operator/(const Uint256& a, const Uint256& b) noexcept { return udivrem(a, b).first; }
Uint256 operator%(const Uint256& a, const Uint256& b) noexcept { return udivrem(a, b).second; }

Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept {
    const bool neg_a = is_negative(a);
    const bool neg_b = is_negative(b);
    const Uint256 q = udivrem(neg_a ? -a : a, neg_b ? -b : b).first;
    return neg_a != neg_b ? -q : q;
}

Uint256 smod(const Uint256& a, const Uint256& b) noexcept {
    const bool neg_a = is_negative(a);
    const Uint256 r = udivrem(neg_a ? -a : a, is_negative(b) ? -b : b).second;
    return neg_a ? -r : r;
}

Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    // Common case (field arithmetic): both operands already reduced, one subtraction suffices.
    if (a < m && b < m) {
        Uint256 sum;
        const bool carry = add_overflow(a, b, sum);
        return carry || sum >= m ? sum - m : sum;
    }
    std::array<std::uint64_t, 5> sum{};
    bool carry = false;
    for (std::size_t i = 0; i < 4; ++i) {
        sum[i] = uint256_detail::add_carry(a.limbs[i], b.limbs[i], carry);
    }
    sum[4] = static_cast<std::uint64_t>(carry);
    std::array<std::uint64_t, 5> q{};
    Uint256 r;
    udivrem_limbs(sum.data(), 5, m.limbs.data(), significant_limbs(m.limbs.data(), 4), q.data(),
                  r.limbs.data());
    return r;
}

Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    std::array<std::uint64_t, 8> product{};
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const Uint128 t =
                static_cast<Uint128>(a.limbs[i]) * b.limbs[j] + product[i + j] + carry;
            product[i + j] = static_cast<std::uint64_t>(t);
            carry = static_cast<std::uint64_t>(t >> 64);
        }
        product[i + 4] = carry;
    }
    std::array<std::uint64_t, 8> q{};
    Uint256 r;
    udivrem_limbs(product.data(), 8, m.limbs.data(), significant_limbs(m.limbs.data(), 4), q.data(),
                  r.limbs.data());
    return r;
}

Uint256 exp(Uint256 base, const Uint256& exponent) noexcept {
    // 2^k is a shift: the common case in contracts (powers of two for masks and scaling).
    if (base == 2) return Uint256{1} << exponent;
    Uint256 result{1};
    const unsigned bits = bit_width(exponent);
    for (unsigned i = 0; i < bits; ++i) {
        if (((exponent.limbs[i / 64] >> (i % 64)) & 1) != 0) result *= base;
        base *= base;
    }
    return result;
}

Uint256 Uint256::from_be_bytes(BytesView bytes) noexcept {
    if (bytes.size() > 32) bytes = bytes.last(32);
    std::array<std::uint8_t, 32> padded{};
    // An empty view may have a null data pointer, which memcpy must not see.
    if (!bytes.empty())
        std::memcpy(padded.data() + (32 - bytes.size()), bytes.data(), bytes.size());
    return load_be(padded.data());
}

Uint256 Uint256::load_be(const std::uint8_t* p32) noexcept {
    return from_limbs(load_be64(p32 + 24), load_be64(p32 + 16), load_be64(p32 + 8), load_be64(p32));
}

void Uint256::store_be(std::uint8_t* out32) const noexcept {
    for (std::size_t i = 0; i < 4; ++i) store_be64(out32 + 8 * (3 - i), limbs[i]);
}

FixedBytes<32> Uint256::to_be_bytes() const noexcept {
    FixedBytes<32> out;
    store_be(out.data());
    return out;
}

Bytes Uint256::to_be_bytes_trimmed() const {
    const auto full = to_be_bytes();
    const std::size_t length = byte_length(*this);
    return {full.begin() + static_cast<std::ptrdiff_t>(32 - length), full.end()};
}

std::string Uint256::to_string() const {
    // Peel off 19 decimal digits at a time: 10^19 is the largest power of ten below 2^64.
    constexpr std::uint64_t kChunk = 10'000'000'000'000'000'000ULL;
    std::array<char, 80> buffer{};  // 2^256 has 78 decimal digits
    std::size_t begin = buffer.size();
    Uint256 rest = *this;
    do {
        std::uint64_t chunk = divide_in_place(rest, kChunk);
        for (int digit = 0; digit < 19 && (chunk != 0 || !rest.is_zero()); ++digit) {
            buffer[--begin] = static_cast<char>('0' + chunk % 10);
            chunk /= 10;
        }
    } while (!rest.is_zero());
    if (begin == buffer.size()) return "0";
    return {buffer.data() + begin, buffer.size() - begin};
}

std::string Uint256::to_hex() const {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    const unsigned nibbles = std::max((bit_width(*this) + 3) / 4, 1U);
    std::string out(2 + nibbles, '0');
    out[1] = 'x';
    for (unsigned i = 0; i < nibbles; ++i) {
        out[out.size() - 1 - i] = kDigits[(limbs[i / 16] >> (i % 16 * 4)) & 0xf];
    }
    return out;
}

Result<Uint256, Uint256Error> Uint256::from_string(std::string_view text) noexcept {
    const bool hex = has_hex_prefix(text);
    if (hex) text.remove_prefix(2);
    if (text.empty()) return Unexpected(Uint256Error::kEmpty);
    const bool all_digits = std::all_of(text.begin(), text.end(), [hex](char c) {
        return hex ? hex_digit_value(c).has_value() : (c >= '0' && c <= '9');
    });
    if (!all_digits) return Unexpected(Uint256Error::kInvalidDigit);
    text.remove_prefix(std::min(text.find_first_not_of('0'), text.size()));

    Uint256 value;
    if (hex) {
        if (text.size() > 64) return Unexpected(Uint256Error::kOverflow);
        for (const char c : text) value = (value << 4U) | Uint256{*hex_digit_value(c)};
        return value;
    }
    // (2^256 - 1) / 10: above it, multiplying by ten overflows.
    constexpr Uint256 kMaxBeforeTimesTen = Uint256::from_limbs(
        0x9999999999999999ULL, 0x9999999999999999ULL, 0x9999999999999999ULL, 0x1999999999999999ULL);
    for (const char c : text) {
        if (value > kMaxBeforeTimesTen) return Unexpected(Uint256Error::kOverflow);
        if (add_overflow(value * 10, Uint256{static_cast<std::uint64_t>(c - '0')}, value)) {
            return Unexpected(Uint256Error::kOverflow);
        }
    }
    return value;
}

std::string_view to_string(Uint256Error error) noexcept {
    switch (error) {
        case Uint256Error::kEmpty:
            return "no digits";
        case Uint256Error::kInvalidDigit:
            return "invalid digit";
        case Uint256Error::kOverflow:
            return "value does not fit in 256 bits";
    }
    return "unknown uint256 error";
}

}  // namespace yunlian
