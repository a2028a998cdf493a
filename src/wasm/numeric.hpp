#pragma once
// WebAssembly numeric semantics that C++ does not give directly (spec 4.3.2, 4.3.3): NaN results
// canonicalized so every host produces the same bits, min/max with signed zeros, saturating
// truncation.

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace yunlian::wasm::detail {

[[nodiscard]] inline std::int32_t s32(std::uint32_t v) noexcept {
    return static_cast<std::int32_t>(v);
}
[[nodiscard]] inline std::int64_t s64(std::uint64_t v) noexcept {
    return static_cast<std::int64_t>(v);
}
[[nodiscard]] inline float f32_of(std::uint64_t slot) noexcept {
    return std::bit_cast<float>(static_cast<std::uint32_t>(slot));
}
[[nodiscard]] inline double f64_of(std::uint64_t slot) noexcept {
    return std::bit_cast<double>(slot);
}

/// The canonical NaN for any NaN result, so results are bit-identical on every machine.
[[nodiscard]] inline float canon32(float x) noexcept {
    return x != x ? std::bit_cast<float>(0x7fc00000U) : x;
}
[[nodiscard]] inline double canon64(double x) noexcept {
    return x != x ? std::bit_cast<double>(0x7ff8000000000000ULL) : x;
}

/// fmin (spec 4.3.3): NaN if either is NaN, and -0 below +0.
template <typename F>
[[nodiscard]] F fmin_wasm(F a, F b) noexcept {
    if (a != a || b != b) return a + b;
    if (a == b) return std::signbit(a) ? a : b;
    return a < b ? a : b;
}

/// fmax (spec 4.3.3): NaN if either is NaN, and +0 above -0.
template <typename F>
[[nodiscard]] F fmax_wasm(F a, F b) noexcept {
    if (a != a || b != b) return a + b;
    if (a == b) return std::signbit(a) ? b : a;
    return a > b ? a : b;
}

/// trunc_sat (spec 4.3.3): NaN gives 0, out-of-range values clamp to the integer's bounds.
template <typename T, typename F>
[[nodiscard]] T trunc_sat(F a) noexcept {
    if (a != a) return 0;
    constexpr F kLow = static_cast<F>(std::numeric_limits<T>::min());
    // max() converts to 2^N exactly or rounds up to it; adding one lands on 2^N either way.
    constexpr F kHighExclusive = static_cast<F>(std::numeric_limits<T>::max()) + F{1};
    if (a <= kLow) return std::numeric_limits<T>::min();
    if (a >= kHighExclusive) return std::numeric_limits<T>::max();
    return static_cast<T>(a);
}

}  // namespace yunlian::wasm::detail
