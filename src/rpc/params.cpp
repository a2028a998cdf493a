#include "rpc/params.hpp"

#include <fmt/core.h>

#include "rpc/error.hpp"

namespace yunlian::rpc {

namespace json = boost::json;

namespace {

const json::array& as_args(const json::value& params) {
    if (!params.is_array()) throw invalid_params("non-array args");
    return params.get_array();
}

}  // namespace

Params::Params(const json::value& params, std::size_t max_args) : m_args(&as_args(params)) {
    if (m_args->size() > max_args) {
        throw invalid_params(fmt::format("too many arguments, want at most {}", max_args));
    }
}

bool Params::has(std::size_t index) const noexcept {
    return index < m_args->size() && !(*m_args)[index].is_null();
}

const json::value& Params::required(std::size_t index) const {
    if (!has(index)) {
        throw invalid_params(fmt::format("missing value for required argument {}", index));
    }
    return (*m_args)[index];
}

void Params::fail(std::size_t index, std::string_view reason) const {
    throw invalid_params(fmt::format("invalid argument {}: {}", index, reason));
}

std::string_view Params::string(std::size_t index) const {
    const auto& value = required(index);
    if (!value.is_string()) fail(index, "non-string");
    return {value.get_string().data(), value.get_string().size()};
}

bool Params::boolean(std::size_t index) const {
    const auto& value = required(index);
    if (!value.is_bool()) fail(index, "non-boolean");
    return value.get_bool();
}

std::uint64_t Params::quantity_u64(std::size_t index) const {
    auto value = parse_quantity_u64(string(index));
    if (!value) fail(index, to_message(value.error()));
    return *value;
}

FixedBytes<32> Params::quantity_u256(std::size_t index) const {
    auto value = parse_quantity_u256(string(index));
    if (!value) fail(index, to_message(value.error()));
    return *value;
}

Bytes Params::data(std::size_t index) const {
    auto value = parse_data(string(index));
    if (!value) fail(index, to_message(value.error()));
    return std::move(*value);
}

Address Params::address(std::size_t index) const {
    const auto text = string(index);
    auto value = parse_address(text);
    if (value) return *value;
    if (value.error() == ValueError::kWrongLength) {
        // geth: "hex string has length N, want 40 for common.Address".
        fail(index, fmt::format("hex string has length {}, want 40 for common.Address",
                                text.size() >= 2 ? text.size() - 2 : text.size()));
    }
    fail(index, to_message(value.error()));
}

Hash Params::hash(std::size_t index) const {
    const auto text = string(index);
    auto value = parse_hash(text);
    if (value) return *value;
    if (value.error() == ValueError::kWrongLength) {
        fail(index, fmt::format("hex string has length {}, want 64 for common.Hash",
                                text.size() >= 2 ? text.size() - 2 : text.size()));
    }
    fail(index, to_message(value.error()));
}

BlockTag Params::block_tag(std::size_t index) const {
    auto value = parse_block_tag(string(index));
    if (!value) fail(index, to_message(value.error()));
    return *value;
}

BlockTag Params::block_tag_or(std::size_t index, BlockTag fallback) const {
    return has(index) ? block_tag(index) : fallback;
}

}  // namespace yunlian::rpc
