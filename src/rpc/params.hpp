#pragma once
// Positional arguments of an eth_* call, read the way geth reads them (rpc/json.go
// parsePositionalArguments): missing trailing arguments and nulls are "absent", extra arguments
// are an error, and every error is -32602 with geth's wording.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "common/bytes.hpp"
#include "rpc/values.hpp"

namespace yunlian::rpc {

/// A view of a call's positional arguments. Accessors throw RpcError (-32602) on bad input.
class Params {
  public:
    /// Checks that `params` is an array of at most `max_args` values.
    Params(const boost::json::value& params, std::size_t max_args);

    /// How many arguments were given.
    [[nodiscard]] std::size_t size() const noexcept { return m_args->size(); }
    /// Whether argument `index` was given and is not null.
    [[nodiscard]] bool has(std::size_t index) const noexcept;
    /// Argument `index`; "missing value for required argument N" when absent.
    [[nodiscard]] const boost::json::value& required(std::size_t index) const;

    [[nodiscard]] std::string_view string(std::size_t index) const;
    [[nodiscard]] bool boolean(std::size_t index) const;
    [[nodiscard]] std::uint64_t quantity_u64(std::size_t index) const;
    /// A quantity of up to 256 bits as 32 big-endian bytes.
    [[nodiscard]] FixedBytes<32> quantity_u256(std::size_t index) const;
    [[nodiscard]] Bytes data(std::size_t index) const;
    [[nodiscard]] Address address(std::size_t index) const;
    [[nodiscard]] Hash hash(std::size_t index) const;
    [[nodiscard]] BlockTag block_tag(std::size_t index) const;
    /// The block tag at `index`, or `fallback` when absent (geth defaults most to "latest").
    [[nodiscard]] BlockTag block_tag_or(std::size_t index, BlockTag fallback) const;

  private:
    [[noreturn]] void fail(std::size_t index, std::string_view reason) const;

    const boost::json::array* m_args;
};

}  // namespace yunlian::rpc
