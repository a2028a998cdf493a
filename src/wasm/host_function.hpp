#pragma once
// Typed host functions: a C++ callable whose parameter and result types give the import's
// signature, so a binding with the wrong signature fails at instantiation ("incompatible import
// type") instead of misreading slots.
//
//     auto add = make_host<std::int32_t(std::int32_t, std::int32_t)>(
//         engine, [](HostContext&, std::int32_t a, std::int32_t b) { return a + b; });

#include <bit>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

#include "wasm/engine.hpp"

namespace yunlian::wasm {
namespace detail {

template <typename T>
constexpr ValType host_type() noexcept {
    if constexpr (std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::uint32_t>) {
        return ValType::kI32;
    } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>) {
        return ValType::kI64;
    } else if constexpr (std::is_same_v<T, float>) {
        return ValType::kF32;
    } else {
        static_assert(std::is_same_v<T, double>, "host values are i32, i64, f32 or f64");
        return ValType::kF64;
    }
}

template <typename T>
T host_arg(std::uint64_t slot) noexcept {
    if constexpr (std::is_same_v<T, float>) {
        return std::bit_cast<float>(static_cast<std::uint32_t>(slot));
    } else if constexpr (std::is_same_v<T, double>) {
        return std::bit_cast<double>(slot);
    } else {
        return static_cast<T>(slot);
    }
}

template <typename T>
std::uint64_t host_slot(T value) noexcept {
    if constexpr (std::is_same_v<T, float>) {
        return std::bit_cast<std::uint32_t>(value);
    } else if constexpr (std::is_same_v<T, double>) {
        return std::bit_cast<std::uint64_t>(value);
    } else if constexpr (sizeof(T) == 4) {
        return static_cast<std::uint32_t>(value);
    } else {
        return static_cast<std::uint64_t>(value);
    }
}

template <typename T>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T, Trap>> : std::true_type {
    using Value = T;
};

template <typename Sig>
struct HostSignature;

template <typename R, typename... Args>
struct HostSignature<R(Args...)> {
    static FuncType type() {
        FuncType t{{host_type<Args>()...}, {}};
        if constexpr (!std::is_void_v<R>) t.results.push_back(host_type<R>());
        return t;
    }

    template <typename F>
    static HostFunction wrap(F fn) {
        return [fn = std::move(fn)](HostContext& ctx, const std::uint64_t* args,
                                    std::uint64_t* results) -> Result<void, Trap> {
            auto invoke = [&]<std::size_t... I>(std::index_sequence<I...>) {
                return fn(ctx, host_arg<Args>(args[I])...);
            };
            using Returned = decltype(invoke(std::index_sequence_for<Args...>{}));
            if constexpr (IsResult<Returned>::value) {
                auto r = invoke(std::index_sequence_for<Args...>{});
                if (!r) return Unexpected(r.error());
                if constexpr (!std::is_void_v<R>) results[0] = host_slot<R>(*r);
                return {};
            } else if constexpr (std::is_void_v<R>) {
                invoke(std::index_sequence_for<Args...>{});
                return {};
            } else {
                results[0] =
                    host_slot<R>(static_cast<R>(invoke(std::index_sequence_for<Args...>{})));
                return {};
            }
        };
    }
};

}  // namespace detail

/// A host function with the signature `Sig` (e.g. `std::int32_t(std::int32_t)`). `fn` is called
/// as fn(HostContext&, args...) and returns the result, or Result<result, Trap> to trap.
template <typename Sig, typename F>
std::shared_ptr<FunctionInstance> make_host(Engine& engine, F fn) {
    using S = detail::HostSignature<Sig>;
    return engine.make_host_function(S::type(), S::wrap(std::move(fn)));
}

/// An Extern for a function, ready to pass to Engine::instantiate.
inline Extern extern_func(std::shared_ptr<FunctionInstance> fn) {
    Extern e;
    e.kind = ExternKind::kFunc;
    e.func = std::move(fn);
    return e;
}

}  // namespace yunlian::wasm
