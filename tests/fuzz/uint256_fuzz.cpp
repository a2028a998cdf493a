// Fuzzes Uint256 against GMP: the input gives three 256-bit operands (zero-padded), and every
// arithmetic operation must agree with GMP's result modulo 2^256; the same bytes as text go
// through from_string, which must reject or round-trip.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <gmp.h>

#include "common/bytes.hpp"
#include "common/uint256.hpp"

namespace {

using yunlian::BytesView;
using yunlian::Uint256;

void require(bool condition) {
    if (!condition) std::abort();
}

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
    /// The value modulo 2^256.
    Uint256 wrapped() {
        mpz_fdiv_r_2exp(m_value, m_value, 256);
        Uint256 out;
        std::size_t count = 0;
        mpz_export(out.limbs.data(), &count, -1, sizeof(std::uint64_t), 0, 0, m_value);
        return out;
    }

  private:
    mpz_t m_value;
};

Uint256 operand(BytesView in, std::size_t index) {
    std::array<std::uint8_t, 32> word{};
    const std::size_t begin = index * 32;
    if (begin < in.size()) {
        const std::size_t n = std::min<std::size_t>(32, in.size() - begin);
        std::copy_n(in.begin() + static_cast<std::ptrdiff_t>(begin), n, word.begin());
    }
    return Uint256::load_be(word.data());
}

void check_arithmetic(const Uint256& a, const Uint256& b, const Uint256& m) {
    Mpz za(a);
    Mpz zb(b);
    Mpz zm(m);
    Mpz r;
    mpz_mul(r.get(), za.get(), zb.get());
    require(r.wrapped() == a * b);
    Mpz q;
    Mpz rem;
    if (!b.is_zero()) mpz_tdiv_qr(q.get(), rem.get(), za.get(), zb.get());
    const auto [uq, ur] = yunlian::udivrem(a, b);
    require(q.wrapped() == uq && rem.wrapped() == ur);
    Mpz mm;
    if (!m.is_zero()) {
        mpz_mul(mm.get(), za.get(), zb.get());
        mpz_mod(mm.get(), mm.get(), zm.get());
    }
    require(mm.wrapped() == yunlian::mulmod(a, b, m));
    Mpz am;
    if (!m.is_zero()) {
        mpz_add(am.get(), za.get(), zb.get());
        mpz_mod(am.get(), am.get(), zm.get());
    }
    require(am.wrapped() == yunlian::addmod(a, b, m));
    Mpz power;
    Mpz modulus;
    mpz_setbit(modulus.get(), 256);
    mpz_powm(power.get(), za.get(), zm.get(), modulus.get());
    require(power.wrapped() == yunlian::exp(a, m));
}

void check_text(BytesView in) {
    const std::string_view text(reinterpret_cast<const char*>(in.data()), in.size());
    const auto parsed = Uint256::from_string(text);
    if (!parsed) return;
    require(Uint256::from_string(parsed->to_string()).value() == *parsed);
    require(Uint256::from_string(parsed->to_hex()).value() == *parsed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const BytesView in(data, size);
    check_arithmetic(operand(in, 0), operand(in, 1), operand(in, 2));
    check_text(in);
    return 0;
}
