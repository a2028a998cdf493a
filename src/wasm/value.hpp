#pragma once
// Typed values crossing the embedding boundary (arguments, results, globals).

#include <bit>
#include <cstdint>

#include "wasm/module.hpp"

namespace yunlian::wasm {

/// A WebAssembly value: its type and its bits (floats as IEEE bit patterns, references as opaque
/// 64-bit handles where 0 is null).
struct Value {
    ValType type = ValType::kI32;
    std::uint64_t bits = 0;

    static constexpr Value i32(std::uint32_t v) noexcept { return {ValType::kI32, v}; }
    static constexpr Value i64(std::uint64_t v) noexcept { return {ValType::kI64, v}; }
    static constexpr Value f32(float v) noexcept {
        return {ValType::kF32, std::bit_cast<std::uint32_t>(v)};
    }
    static constexpr Value f64(double v) noexcept {
        return {ValType::kF64, std::bit_cast<std::uint64_t>(v)};
    }
    [[nodiscard]] constexpr std::uint32_t as_u32() const noexcept {
        return static_cast<std::uint32_t>(bits);
    }
    [[nodiscard]] constexpr std::int32_t as_i32() const noexcept {
        return static_cast<std::int32_t>(as_u32());
    }
    [[nodiscard]] constexpr std::int64_t as_i64() const noexcept {
        return static_cast<std::int64_t>(bits);
    }
    [[nodiscard]] constexpr float as_f32() const noexcept { return std::bit_cast<float>(as_u32()); }
    [[nodiscard]] constexpr double as_f64() const noexcept { return std::bit_cast<double>(bits); }
    friend constexpr bool operator==(const Value&, const Value&) = default;
};

/// The bits a slot holds for `v`: 32-bit values are zero-extended.
[[nodiscard]] constexpr std::uint64_t to_slot(const Value& v) noexcept {
    return (v.type == ValType::kI32 || v.type == ValType::kF32) ? (v.bits & 0xffffffffU) : v.bits;
}

/// The value of type `type` that a slot holds (the high half of a 32-bit slot is ignored).
[[nodiscard]] constexpr Value from_slot(ValType type, std::uint64_t slot) noexcept {
    return (type == ValType::kI32 || type == ValType::kF32) ? Value{type, slot & 0xffffffffU}
                                                            : Value{type, slot};
}

}  // namespace yunlian::wasm
