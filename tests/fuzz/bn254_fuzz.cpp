// Fuzzes the alt_bn128 precompiles (EIP-196/197). The first byte picks the operation; the rest is
// its input. No input may crash or hang, and accepted inputs must satisfy the group laws:
// ECADD is commutative and its output is again a valid point, [k+1]P = [k]P + P, and
// e(P, Q) e(-P, Q) = 1 for any accepted pair.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "crypto/bn254.hpp"

namespace {

using yunlian::Bytes;
using yunlian::BytesView;
using yunlian::Uint256;

constexpr std::size_t kWord = 32;
// The field modulus p, for negating a point: -(x, y) = (x, p - y).
const Uint256 kP =
    Uint256::from_string("0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")
        .value();

void require(bool condition) {
    if (!condition) std::abort();
}

Bytes padded(BytesView in, std::size_t size) {
    Bytes out(size, 0);
    std::copy_n(in.begin(), std::min(in.size(), size), out.begin());
    return out;
}

void check_add(BytesView in) {
    const auto sum = yunlian::crypto::bn254_add(in);
    if (!sum) return;
    const Bytes full = padded(in, 4 * kWord);
    Bytes swapped(full.begin() + 2 * kWord, full.end());
    swapped.insert(swapped.end(), full.begin(), full.begin() + 2 * kWord);
    const auto other = yunlian::crypto::bn254_add(swapped);
    require(other && *other == *sum);
    require(yunlian::crypto::bn254_add(*sum).has_value());
}

void check_mul(BytesView in) {
    const auto product = yunlian::crypto::bn254_mul(in);
    if (!product) return;
    const Bytes full = padded(in, 3 * kWord);
    const Uint256 k = Uint256::from_be_bytes(BytesView(full).subspan(2 * kWord));
    if (k == Uint256::max()) return;
    Bytes next(full.begin(), full.begin() + 2 * kWord);
    const auto k1 = (k + 1).to_be_bytes();
    next.insert(next.end(), k1.begin(), k1.end());
    const auto product1 = yunlian::crypto::bn254_mul(next);
    require(product1.has_value());
    Bytes sum_input = *product;
    sum_input.insert(sum_input.end(), full.begin(), full.begin() + 2 * kWord);
    const auto sum = yunlian::crypto::bn254_add(sum_input);
    require(sum && *sum == *product1);
}

void check_pairing(BytesView in) {
    // At most two pairs keep each run short; the length rule is checked before any of them.
    if (in.size() > 2 * 192) in = in.first(2 * 192 + in.size() % 192);
    const auto result = yunlian::crypto::bn254_pairing_check(in);
    if (!result || in.size() != 192) return;
    // e(P, Q) e(-P, Q) = 1.
    Bytes both(in.begin(), in.end());
    both.insert(both.end(), in.begin(), in.end());
    const Uint256 y = Uint256::from_be_bytes(BytesView(in).subspan(kWord, kWord));
    const Uint256 neg_y = y.is_zero() ? y : kP - y;
    neg_y.store_be(both.data() + 192 + kWord);
    const auto product = yunlian::crypto::bn254_pairing_check(both);
    require(product && *product);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const BytesView in(data + 1, size - 1);
    switch (data[0] % 3) {
        case 0:
            check_add(in);
            break;
        case 1:
            check_mul(in);
            break;
        default:
            check_pairing(in);
            break;
    }
    return 0;
}
