// Prices of the precompiles whose cost depends on their input: MODEXP (EIP-2565) and BLAKE2 F
// (EIP-152). Lengths in the input are untrusted 256-bit numbers, so the arithmetic saturates.

#include <algorithm>
#include <array>
#include <limits>

#include "common/uint256.hpp"
#include "evm/precompiles.hpp"
#include "evm/precompiles_math.hpp"

namespace yunlian::evm {

namespace {

constexpr std::int64_t kSaturated = std::numeric_limits<std::int64_t>::max();

/// The 32-byte word at `offset` of `input`, zero-padded past its end.
Uint256 word_at(BytesView input, std::size_t offset) noexcept {
    std::array<std::uint8_t, 32> bytes{};
    if (offset < input.size()) {
        std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(offset),
                    std::min<std::size_t>(32, input.size() - offset), bytes.begin());
    }
    return Uint256::load_be(bytes.data());
}

/// The first min(exp_len, 32) bytes of the exponent as a number.
Uint256 exponent_head(BytesView input, std::uint64_t base_len, std::uint64_t exp_len) noexcept {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(exp_len, 32));
    std::array<std::uint8_t, 32> bytes{};
    const auto start = std::uint64_t{96} + base_len;
    for (std::size_t i = 0; i < n; ++i) {
        const auto pos = start + i;
        if (pos < input.size()) bytes[32 - n + i] = input[static_cast<std::size_t>(pos)];
    }
    return Uint256::load_be(bytes.data());
}

}  // namespace

std::int64_t modexp_gas(BytesView input) noexcept {
    constexpr std::int64_t kMinGas = 200;
    const auto base_len = word_at(input, 0);
    const auto exp_len = word_at(input, 32);
    const auto mod_len = word_at(input, 64);
    const auto max_len = std::max(base_len, mod_len);
    if (max_len.is_zero()) return kMinGas;
    if (!max_len.fits_u64() || !exp_len.fits_u64()) return kSaturated;
    // Multiplication complexity: ceil(max(base, mod) / 8)^2.
    const auto words = Uint256{(max_len.low_u64() + 7) / 8};
    const auto complexity = words * words;
    // Iteration count from the exponent's length and the bit length of its first 32 bytes.
    const auto e_len = exp_len.low_u64();
    const auto head_bits =
        base_len.fits_u64() ? bit_width(exponent_head(input, base_len.low_u64(), e_len)) : 0U;
    Uint256 iterations;
    if (e_len <= 32) {
        iterations = Uint256{head_bits > 0 ? head_bits - 1 : 0U};
    } else {
        iterations = Uint256{e_len - 32} * Uint256{8} + Uint256{head_bits > 0 ? head_bits - 1 : 0U};
    }
    if (iterations.is_zero()) iterations = Uint256{1};
    const auto gas = complexity * iterations / Uint256{3};
    if (!gas.fits_u64() || gas.low_u64() > static_cast<std::uint64_t>(kSaturated)) {
        return kSaturated;
    }
    return std::max(kMinGas, static_cast<std::int64_t>(gas.low_u64()));
}

std::int64_t blake2f_gas(BytesView input) noexcept {
    constexpr std::size_t kInputSize = 213;
    if (input.size() != kInputSize) return 0;
    // The round count is a big-endian 32-bit number at the front (EIP-152).
    return static_cast<std::int64_t>((std::uint32_t{input[0]} << 24) |
                                     (std::uint32_t{input[1]} << 16) |
                                     (std::uint32_t{input[2]} << 8) | std::uint32_t{input[3]});
}

}  // namespace yunlian::evm
