// Differential test of Uint256 against GMP: every operation on edge values (0, 1, limb borders,
// powers of two and their neighbours, 2^255, max) and on thousands of random values of every
// width, from fixed seeds so that a failure reproduces.

#include <random>
#include <string>
#include <vector>

#include <gmp.h>
#include <gtest/gtest.h>

#include "common/uint256.hpp"

namespace yunlian {
namespace {

/// An owning mpz_t.
class Mpz {
  public:
    Mpz() { mpz_init(m_value); }
    explicit Mpz(const Uint256& x) {
        mpz_init(m_value);
        mpz_import(m_value, 4, -1, sizeof(std::uint64_t), 0, 0, x.limbs.data());
    }
    ~Mpz() { mpz_clear(m_value); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    mpz_ptr get() { return m_value; }

    /// The value modulo 2^256 (negative values wrap as two's complement).
    Uint256 wrapped() {
        Mpz reduced;
        mpz_fdiv_r_2exp(reduced.get(), m_value, 256);
        Uint256 out;
        std::size_t count = 0;
        mpz_export(out.limbs.data(), &count, -1, sizeof(std::uint64_t), 0, 0, reduced.get());
        return out;
    }

  private:
    mpz_t m_value;
};

/// The two's complement reading of x as an mpz: x - 2^256 when the top bit is set.
void to_signed(Mpz& out, const Uint256& x) {
    Mpz v(x);
    if (is_negative(x)) {
        Mpz two_256;
        mpz_setbit(two_256.get(), 256);
        mpz_sub(v.get(), v.get(), two_256.get());
    }
    mpz_set(out.get(), v.get());
}

std::vector<Uint256> edge_values() {
    std::vector<Uint256> values{0, 1, 2, 3, 10, 0xff, ~0ULL, Uint256::max()};
    for (unsigned bit :
         {1U, 8U, 31U, 32U, 63U, 64U, 65U, 127U, 128U, 129U, 191U, 192U, 193U, 254U, 255U}) {
        const Uint256 p = Uint256{1} << bit;
        values.push_back(p);
        values.push_back(p - 1);
        values.push_back(p + 1);
    }
    values.push_back(Uint256::max() - 1);
    values.push_back(Uint256::from_limbs(0, 0, 0, 0x8000000000000000ULL) - 2);
    values.push_back(Uint256::from_limbs(~0ULL, 0, ~0ULL, 0));
    values.push_back(Uint256::from_limbs(0, ~0ULL, 0, ~0ULL));
    values.push_back(Uint256::from_limbs(1, 0, 0, 1));
    values.push_back(Uint256::from_limbs(0x8000000000000000ULL, 0, 0, 0x8000000000000000ULL));
    return values;
}

/// Random values of random width and shape: dense, sparse, all-ones runs and near-limb borders.
class Generator {
  public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    Uint256 next() {
        Uint256 x = Uint256::from_limbs(m_rng(), m_rng(), m_rng(), m_rng());
        switch (m_rng() % 6) {
            case 0:
                return x;
            case 1:
                return x >> static_cast<unsigned>(m_rng() % 256);
            case 2:
                return x >> static_cast<unsigned>(64 * (m_rng() % 4));
            case 3:
                return ~(x >> static_cast<unsigned>(m_rng() % 256));
            case 4:
                return (Uint256{1} << static_cast<unsigned>(m_rng() % 256)) - (m_rng() % 3) + 1;
            default:
                return x & (x >> static_cast<unsigned>(m_rng() % 64)) &
                       Uint256::from_limbs(m_rng(), m_rng(), m_rng(), m_rng());
        }
    }
    std::uint64_t raw() { return m_rng(); }

  private:
    std::mt19937_64 m_rng;
};

std::vector<Uint256> test_values(std::uint64_t seed, std::size_t random_count) {
    auto values = edge_values();
    Generator gen(seed);
    for (std::size_t i = 0; i < random_count; ++i) values.push_back(gen.next());
    return values;
}

::testing::AssertionResult check(const char* op, const Uint256& a, const Uint256& b,
                                 const Uint256& got, const Uint256& want) {
    if (got == want) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << op << "(" << a.to_hex() << ", " << b.to_hex() << ") = " << got.to_hex()
           << ", GMP says " << want.to_hex();
}

void check_binary(const Uint256& a, const Uint256& b) {
    Mpz za(a);
    Mpz zb(b);
    Mpz r;
    mpz_add(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("add", a, b, a + b, r.wrapped()));
    Uint256 sum;
    ASSERT_EQ(add_overflow(a, b, sum), mpz_sizeinbase(r.get(), 2) > 256 && mpz_sgn(r.get()) > 0);
    ASSERT_EQ(sum, r.wrapped());
    mpz_sub(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("sub", a, b, a - b, r.wrapped()));
    mpz_mul(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("mul", a, b, a * b, r.wrapped()));
    mpz_and(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("and", a, b, a & b, r.wrapped()));
    mpz_ior(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("or", a, b, a | b, r.wrapped()));
    mpz_xor(r.get(), za.get(), zb.get());
    ASSERT_TRUE(check("xor", a, b, a ^ b, r.wrapped()));
    const int cmp = mpz_cmp(za.get(), zb.get());
    ASSERT_EQ(a < b, cmp < 0);
    ASSERT_EQ(a == b, cmp == 0);
    ASSERT_EQ(a > b, cmp > 0);

    const auto [q, rem] = udivrem(a, b);
    Mpz zq;
    Mpz zr;
    if (!b.is_zero()) {
        mpz_tdiv_qr(zq.get(), zr.get(), za.get(), zb.get());
    }
    ASSERT_TRUE(check("div", a, b, q, zq.wrapped()));
    ASSERT_TRUE(check("mod", a, b, rem, zr.wrapped()));
    ASSERT_EQ(a / b, q);
    ASSERT_EQ(a % b, rem);

    Mpz sa;
    Mpz sb;
    to_signed(sa, a);
    to_signed(sb, b);
    Mpz sq;
    Mpz sr;
    if (!b.is_zero()) mpz_tdiv_qr(sq.get(), sr.get(), sa.get(), sb.get());
    ASSERT_TRUE(check("sdiv", a, b, sdiv(a, b), sq.wrapped()));
    ASSERT_TRUE(check("smod", a, b, smod(a, b), sr.wrapped()));
    const int scmp = mpz_cmp(sa.get(), sb.get());
    ASSERT_EQ(slt(a, b), scmp < 0);
    ASSERT_EQ(sgt(a, b), scmp > 0);

    // EXP modulo 2^256 (GMP's powm with a power-of-two modulus).
    Mpz modulus;
    mpz_setbit(modulus.get(), 256);
    mpz_powm(r.get(), za.get(), zb.get(), modulus.get());
    ASSERT_TRUE(check("exp", a, b, exp(a, b), r.wrapped()));
}

void check_ternary(const Uint256& a, const Uint256& b, const Uint256& m) {
    Mpz za(a);
    Mpz zb(b);
    Mpz zm(m);
    Mpz r;
    if (!m.is_zero()) {
        mpz_add(r.get(), za.get(), zb.get());
        mpz_mod(r.get(), r.get(), zm.get());
    }
    ASSERT_TRUE(check("addmod", a, b, addmod(a, b, m), r.wrapped())) << " m=" << m.to_hex();
    if (!m.is_zero()) {
        mpz_mul(r.get(), za.get(), zb.get());
        mpz_mod(r.get(), r.get(), zm.get());
    }
    ASSERT_TRUE(check("mulmod", a, b, mulmod(a, b, m), r.wrapped())) << " m=" << m.to_hex();
}

void check_unary(const Uint256& a) {
    Mpz za(a);
    Mpz r;
    mpz_neg(r.get(), za.get());
    ASSERT_EQ(-a, r.wrapped()) << a.to_hex();
    mpz_com(r.get(), za.get());
    ASSERT_EQ(~a, r.wrapped()) << a.to_hex();
    const unsigned width = a.is_zero() ? 0U : static_cast<unsigned>(mpz_sizeinbase(za.get(), 2));
    ASSERT_EQ(bit_width(a), width);
    ASSERT_EQ(clz(a), 256 - width);
    ASSERT_EQ(byte_length(a), (width + 7) / 8);
    ASSERT_EQ(a.fits_u64(), width <= 64);

    char decimal[100];
    mpz_get_str(decimal, 10, za.get());
    ASSERT_EQ(a.to_string(), decimal);
    char hex[100];
    mpz_get_str(hex, 16, za.get());
    ASSERT_EQ(a.to_hex(), std::string("0x") + hex);
    ASSERT_EQ(Uint256::from_string(decimal).value(), a);
    ASSERT_EQ(Uint256::from_string(std::string("0x") + hex).value(), a);

    const auto bytes = a.to_be_bytes();
    ASSERT_EQ(Uint256::load_be(bytes.data()), a);
    ASSERT_EQ(Uint256::from_be_bytes(a.to_be_bytes_trimmed()), a);
    ASSERT_EQ(a.to_be_bytes_trimmed().size(), byte_length(a));
}

void check_shifts(const Uint256& a, unsigned shift) {
    Mpz za(a);
    Mpz r;
    mpz_mul_2exp(r.get(), za.get(), shift);
    ASSERT_EQ(a << shift, r.wrapped()) << a.to_hex() << " << " << shift;
    ASSERT_EQ(a << Uint256{shift}, r.wrapped());
    mpz_fdiv_q_2exp(r.get(), za.get(), shift);
    ASSERT_EQ(a >> shift, r.wrapped()) << a.to_hex() << " >> " << shift;
    ASSERT_EQ(a >> Uint256{shift}, r.wrapped());
    Mpz sa;
    to_signed(sa, a);
    mpz_fdiv_q_2exp(r.get(), sa.get(), shift);  // floor division is arithmetic shift
    ASSERT_EQ(sar(a, shift), r.wrapped()) << a.to_hex() << " sar " << shift;

    if (shift < 32) {
        mpz_fdiv_q_2exp(r.get(), za.get(), 8 * (31 - shift));
        mpz_fdiv_r_2exp(r.get(), r.get(), 8);
        ASSERT_EQ(byte_at(a, shift), r.wrapped());
        // SIGNEXTEND through GMP: take the low bytes as a signed number of that width.
        const unsigned bits = 8 * (shift + 1);
        mpz_fdiv_r_2exp(r.get(), za.get(), bits);
        if (bits < 256 && mpz_tstbit(r.get(), bits - 1) != 0) {
            Mpz top;
            mpz_setbit(top.get(), bits);
            mpz_sub(r.get(), r.get(), top.get());
        }
        ASSERT_EQ(signextend(shift, a), r.wrapped()) << a.to_hex() << " byte " << shift;
    }
}

TEST(Uint256Gmp, BinaryOperationsOnEdgeAndRandomValues) {
    const auto values = test_values(0x5eed0001, 120);
    for (const auto& a : values) {
        for (const auto& b : values) {
            check_binary(a, b);
            if (HasFatalFailure()) return;
        }
    }
}

TEST(Uint256Gmp, BinaryOperationsOnRandomPairs) {
    Generator gen(0x5eed0002);
    for (int i = 0; i < 20000; ++i) {
        check_binary(gen.next(), gen.next());
        if (HasFatalFailure()) return;
    }
}

TEST(Uint256Gmp, DivisionWithCloseOperands) {
    // Quotient digits near 2^64 - 1 and the add-back step of Knuth D need a dividend whose top
    // limbs match the divisor's.
    Generator gen(0x5eed0003);
    for (int i = 0; i < 20000; ++i) {
        const Uint256 b = gen.next() | (Uint256{1} << static_cast<unsigned>(64 + gen.raw() % 192));
        const Uint256 a =
            b * Uint256{gen.raw() % 5 + 1} + (gen.raw() % 2 == 0 ? gen.next() : -gen.next());
        check_binary(a, b);
        const Uint256 top = Uint256::from_limbs(gen.raw(), gen.raw(), b.limbs[2], b.limbs[3]);
        check_binary(top, b);
        if (HasFatalFailure()) return;
    }
}

TEST(Uint256Gmp, AddmodAndMulmod) {
    const auto values = test_values(0x5eed0004, 10);
    for (const auto& a : values) {
        for (const auto& b : values) {
            for (const auto& m : values) {
                check_ternary(a, b, m);
                if (HasFatalFailure()) return;
            }
        }
    }
    Generator gen(0x5eed0005);
    for (int i = 0; i < 20000; ++i) {
        check_ternary(gen.next(), gen.next(), gen.next());
        if (HasFatalFailure()) return;
    }
}

TEST(Uint256Gmp, UnaryOperationsAndConversions) {
    for (const auto& a : test_values(0x5eed0006, 5000)) {
        check_unary(a);
        if (HasFatalFailure()) return;
    }
}

TEST(Uint256Gmp, Shifts) {
    const auto values = test_values(0x5eed0007, 200);
    for (const auto& a : values) {
        for (unsigned shift = 0; shift <= 260; ++shift) {
            check_shifts(a, shift);
            if (HasFatalFailure()) return;
        }
    }
}

}  // namespace
}  // namespace yunlian
