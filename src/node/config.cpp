#include "node/config.hpp"

#include <limits>
#include <stdexcept>

#include <toml++/toml.h>

namespace yunlian::node {
namespace {

std::uint16_t port_of(const toml::node_view<const toml::node>& v, std::uint16_t fallback) {
    const auto value = v.value<std::int64_t>();
    if (!value) return fallback;
    if (*value < 0 || *value > std::numeric_limits<std::uint16_t>::max()) {
        throw std::runtime_error("config: port out of range");
    }
    return static_cast<std::uint16_t>(*value);
}

std::filesystem::path relative_to(const std::filesystem::path& base, const std::string& p) {
    const std::filesystem::path path(p);
    return path.is_absolute() ? path : base / path;
}

std::vector<std::string> strings_of(const toml::node_view<const toml::node>& v,
                                    std::string_view what) {
    std::vector<std::string> out;
    if (!v) return out;
    const auto* array = v.as_array();
    if (array == nullptr)
        throw std::runtime_error("config: " + std::string(what) + " is not a list");
    for (const auto& entry : *array) {
        const auto text = entry.value<std::string>();
        if (!text) throw std::runtime_error("config: " + std::string(what) + " holds a non-string");
        out.push_back(*text);
    }
    return out;
}

std::uint64_t millis_of(const toml::node_view<const toml::node>& v, std::uint64_t fallback) {
    const auto value = v.value<std::int64_t>();
    if (!value) return fallback;
    if (*value <= 0 || *value > 3'600'000) throw std::runtime_error("config: timeout out of range");
    return static_cast<std::uint64_t>(*value);
}

}  // namespace

NodeConfig load_config(const std::filesystem::path& path) {
    toml::table table;
    try {
        table = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error("config " + path.string() + ": " + std::string(e.description()));
    }
    const std::filesystem::path base = path.parent_path();
    NodeConfig c;
    const toml::node_view<const toml::node> root{static_cast<const toml::node&>(table)};
    if (auto v = root["datadir"].value<std::string>()) c.datadir = relative_to(base, *v);
    c.dev = root["dev"].value_or(false);
    if (auto v = root["genesis"].value<std::string>()) c.genesis = relative_to(base, *v);
    c.engine = root["engine"].value_or(std::string("solo"));
    if (auto v = root["block_time"].value<double>()) c.block_time_s = *v;
    c.rpc_address = root["rpc"]["address"].value_or(c.rpc_address);
    c.http_port = port_of(root["rpc"]["http_port"], c.http_port);
    c.ws_port = port_of(root["rpc"]["ws_port"], c.ws_port);
    if (auto v = root["rpc"]["gas_cap"].value<std::int64_t>(); v && *v >= 0) {
        c.gas_cap = static_cast<std::uint64_t>(*v);
    }
    if (auto v = root["txpool"]["size"].value<std::int64_t>(); v && *v > 0) {
        c.pool_size = static_cast<std::size_t>(*v);
    }
    if (auto v = root["node_key_file"].value<std::string>())
        c.node_key_file = relative_to(base, *v);
    c.test_hooks = root["test_hooks"].value_or(false);
    c.p2p_address = root["p2p"]["listen_address"].value_or(c.p2p_address);
    c.p2p_port = port_of(root["p2p"]["port"], c.p2p_port);
    c.static_peers = strings_of(root["p2p"]["static_peers"], "p2p.static_peers");
    c.allow_list = strings_of(root["p2p"]["allow_list"], "p2p.allow_list");
    if (auto v = root["p2p"]["max_peers"].value<std::int64_t>(); v && *v > 0) {
        c.max_peers = static_cast<std::size_t>(*v);
    }
    c.timeout_base_ms = millis_of(root["bft"]["timeout_base_ms"], c.timeout_base_ms);
    c.timeout_delta_ms = millis_of(root["bft"]["timeout_delta_ms"], c.timeout_delta_ms);
    if (c.engine == "bft" && !c.node_key_file) {
        throw std::runtime_error("config: engine \"bft\" needs node_key_file");
    }
    if (c.engine != "solo" && c.engine != "bft")
        throw std::runtime_error("config: unknown engine " + c.engine);
    if (c.block_time_s < 0) throw std::runtime_error("config: block_time is negative");
    if (!c.dev && !c.genesis) throw std::runtime_error("config: set genesis, or dev = true");
    return c;
}

}  // namespace yunlian::node
