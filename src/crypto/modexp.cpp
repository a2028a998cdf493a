#include "crypto/modexp.hpp"

#include <gmp.h>

namespace yunlian::crypto {
namespace {

/// An owning mpz_t read from big-endian bytes.
class BigInt {
  public:
    explicit BigInt(BytesView bytes) {
        mpz_init(m_value);
        if (!bytes.empty()) mpz_import(m_value, bytes.size(), 1, 1, 1, 0, bytes.data());
    }
    ~BigInt() { mpz_clear(m_value); }
    BigInt(const BigInt&) = delete;
    BigInt& operator=(const BigInt&) = delete;
    BigInt(BigInt&&) = delete;
    BigInt& operator=(BigInt&&) = delete;

    [[nodiscard]] mpz_ptr get() noexcept { return m_value; }

  private:
    mpz_t m_value;
};

}  // namespace

Bytes modexp(BytesView base, BytesView exponent, BytesView modulus) {
    Bytes out(modulus.size(), 0);
    BigInt m(modulus);
    if (mpz_sgn(m.get()) == 0) return out;
    BigInt b(base);
    BigInt e(exponent);
    BigInt result(BytesView{});
    // mpz_powm gives 0^0 = 1 and reduces the result modulo m (so 1 mod 1 = 0), as EIP-198 wants.
    mpz_powm(result.get(), b.get(), e.get(), m.get());
    const std::size_t length = (mpz_sizeinbase(result.get(), 2) + 7) / 8;
    if (mpz_sgn(result.get()) != 0) {
        // The result is below the modulus, so it fits in modulus.size() bytes.
        std::size_t written = 0;
        mpz_export(out.data() + (out.size() - length), &written, 1, 1, 1, 0, result.get());
    }
    return out;
}

}  // namespace yunlian::crypto
