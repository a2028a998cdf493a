#pragma once
// A value-or-error result with the interface of std::expected. The project has its own because the
// fuzz build uses clang 14, whose concepts support is too old for libstdc++'s <expected>.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace yunlian {

/// Wraps an error value on its way into a Result (the counterpart of std::unexpected).
template <typename E>
class Unexpected {
  public:
    constexpr explicit Unexpected(E error) : m_error(std::move(error)) {}
    [[nodiscard]] constexpr const E& error() const& noexcept { return m_error; }
    [[nodiscard]] constexpr E&& error() && noexcept { return std::move(m_error); }

  private:
    E m_error;
};

template <typename E>
Unexpected(E) -> Unexpected<E>;

/// Either a T or an E. Accessing the wrong alternative is a programmer error (asserted).
template <typename T, typename E>
class [[nodiscard]] Result {
  public:
    using value_type = T;
    using error_type = E;

    constexpr Result() requires std::is_default_constructible_v<T>
        : m_data(std::in_place_index<0>) {}
    template <typename U = T>
    requires std::is_constructible_v<T, U&&> &&(!std::is_same_v<std::remove_cvref_t<U>, Result>)&&(
        !std::is_same_v<
            std::remove_cvref_t<U>,
            Unexpected<E>>)constexpr Result(U&& value)  // NOLINT(google-explicit-constructor):
                                                        // mirrors std::expected
        : m_data(std::in_place_index<0>, std::forward<U>(value)) {}
    template <typename G>
    constexpr Result(Unexpected<G> error)  // NOLINT(google-explicit-constructor)
        : m_data(std::in_place_index<1>, std::move(error).error()) {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return m_data.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] constexpr T& value() & { return checked_value(); }
    [[nodiscard]] constexpr const T& value() const& {
        return const_cast<Result*>(this)->checked_value();
    }
    [[nodiscard]] constexpr T&& value() && { return std::move(checked_value()); }
    constexpr T& operator*() & { return checked_value(); }
    constexpr const T& operator*() const& { return const_cast<Result*>(this)->checked_value(); }
    constexpr T&& operator*() && { return std::move(checked_value()); }
    constexpr T* operator->() { return &checked_value(); }
    constexpr const T* operator->() const { return &const_cast<Result*>(this)->checked_value(); }

    [[nodiscard]] constexpr const E& error() const& {
        assert(!has_value());
        return *std::get_if<1>(&m_data);
    }
    [[nodiscard]] constexpr E&& error() && {
        assert(!has_value());
        return std::move(*std::get_if<1>(&m_data));
    }

    template <typename U>
    [[nodiscard]] constexpr T value_or(U&& fallback) const& {
        return has_value() ? *std::get_if<0>(&m_data) : static_cast<T>(std::forward<U>(fallback));
    }

  private:
    constexpr T& checked_value() {
        assert(has_value());
        return *std::get_if<0>(&m_data);
    }

    std::variant<T, E> m_data;
};

/// Result<void, E>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
  public:
    using value_type = void;
    using error_type = E;

    constexpr Result() = default;
    template <typename G>
    constexpr Result(Unexpected<G> error)  // NOLINT(google-explicit-constructor)
        : m_has_error(true), m_error(std::move(error).error()) {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return !m_has_error; }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    constexpr void value() const { assert(has_value()); }
    [[nodiscard]] constexpr const E& error() const& {
        assert(!has_value());
        return m_error;
    }

  private:
    bool m_has_error = false;
    E m_error{};
};

}  // namespace yunlian
