#include "rpc/eth/log_filter.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "common/hex.hpp"
#include "rpc/error.hpp"
#include "rpc/eth/eth_json.hpp"

namespace yunlian::rpc::eth {
namespace json = boost::json;
namespace {

std::string_view text_of(const json::value& v, std::string_view what) {
    if (!v.is_string()) throw invalid_params(fmt::format("invalid {}", what));
    return std::string_view{v.as_string()};
}

Address address_from(const json::value& v, std::string_view where) {
    auto a = parse_address(text_of(v, "address"));
    if (!a)
        throw invalid_params(fmt::format("invalid address{}: {}", where, to_message(a.error())));
    return *a;
}

std::vector<Address> parse_addresses(const json::value& v) {
    std::vector<Address> out;
    if (v.is_null()) return out;
    if (v.is_string()) {
        out.push_back(address_from(v, ""));
        return out;
    }
    if (!v.is_array()) throw invalid_params("invalid addresses in query");
    const auto& list = v.as_array();
    if (list.size() > kMaxFilterAddresses) throw invalid_params("exceed max addresses");
    for (std::size_t i = 0; i < list.size(); ++i) {
        out.push_back(address_from(list[i], fmt::format(" at index {}", i)));
    }
    return out;
}

Hash topic_from(const json::value& v) {
    if (!v.is_string()) throw invalid_params("invalid topic(s)");
    auto h = parse_hash(std::string_view{v.as_string()});
    if (!h) throw invalid_params(std::string(to_message(h.error())));
    return *h;
}

/// geth: null is a wildcard, a string one value, an array an OR of values in which a null makes
/// the whole position a wildcard.
std::vector<std::vector<Hash>> parse_topics(const json::value& v) {
    std::vector<std::vector<Hash>> out;
    if (v.is_null()) return out;
    if (!v.is_array()) throw invalid_params("invalid topic(s)");
    const auto& positions = v.as_array();
    if (positions.size() > kMaxFilterTopics) throw invalid_params("exceed max topics");
    for (const auto& position : positions) {
        std::vector<Hash> any_of;
        if (position.is_string()) {
            any_of.push_back(topic_from(position));
        } else if (position.is_array()) {
            for (const auto& option : position.as_array()) {
                if (option.is_null()) {
                    any_of.clear();
                    break;
                }
                any_of.push_back(topic_from(option));
            }
        } else if (!position.is_null()) {
            throw invalid_params("invalid topic(s)");
        }
        out.push_back(std::move(any_of));
    }
    return out;
}

std::optional<BlockTag> tag_from(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    auto tag = parse_block_tag(text_of(*v, key));
    if (!tag) throw invalid_params(std::string(to_message(tag.error())));
    return *tag;
}

}  // namespace

bool LogFilter::matches(const types::Log& log) const {
    if (!addresses.empty() &&
        std::find(addresses.begin(), addresses.end(), log.address) == addresses.end()) {
        return false;
    }
    if (topics.size() > log.topics.size()) return false;
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const auto& any_of = topics[i];
        if (!any_of.empty() &&
            std::find(any_of.begin(), any_of.end(), log.topics[i]) == any_of.end()) {
            return false;
        }
    }
    return true;
}

bool LogFilter::may_match(const types::Bloom& bloom) const {
    // geth's bloomFilter: some address, and at each position some topic, must be in the bloom.
    if (!addresses.empty() &&
        std::none_of(addresses.begin(), addresses.end(),
                     [&](const Address& a) { return types::bloom_may_contain(bloom, a.view()); })) {
        return false;
    }
    return std::all_of(topics.begin(), topics.end(), [&](const std::vector<Hash>& any_of) {
        return any_of.empty() || std::any_of(any_of.begin(), any_of.end(), [&](const Hash& t) {
                   return types::bloom_may_contain(bloom, t.view());
               });
    });
}

LogCriteria parse_log_criteria(const json::value& value) {
    LogCriteria out;
    if (value.is_null()) return out;
    if (!value.is_object()) throw invalid_params("expected a filter object");
    const auto& o = value.as_object();
    if (const auto* h = o.if_contains("blockHash"); h && !h->is_null()) {
        auto hash = parse_hash(text_of(*h, "blockHash"));
        if (!hash) throw invalid_params(std::string(to_message(hash.error())));
        out.block_hash = *hash;
    }
    out.from_block = tag_from(o, "fromBlock");
    out.to_block = tag_from(o, "toBlock");
    if (out.block_hash && (out.from_block || out.to_block)) {
        throw invalid_params(
            "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    }
    if (const auto* a = o.if_contains("address")) out.filter.addresses = parse_addresses(*a);
    if (const auto* t = o.if_contains("topics")) out.filter.topics = parse_topics(*t);
    return out;
}

json::value criteria_json(const LogCriteria& c) {
    json::object o;
    if (c.block_hash) o["blockHash"] = hash_json(*c.block_hash);
    if (c.from_block) o["fromBlock"] = to_string(*c.from_block);
    if (c.to_block) o["toBlock"] = to_string(*c.to_block);
    json::array addresses;
    for (const auto& a : c.filter.addresses) addresses.emplace_back(address_json(a));
    o["address"] = std::move(addresses);
    json::array topics;
    for (const auto& any_of : c.filter.topics) {
        json::array options;
        for (const auto& t : any_of) options.emplace_back(hash_json(t));
        topics.emplace_back(any_of.empty() ? json::value(nullptr)
                                           : json::value(std::move(options)));
    }
    o["topics"] = std::move(topics);
    return o;
}

json::object log_json(const types::Log& log, const LogPosition& at, bool removed) {
    json::array topics;
    topics.reserve(log.topics.size());
    for (const auto& t : log.topics) topics.emplace_back(hash_json(t));
    json::object o;
    o.reserve(9);
    o.emplace("address", address_json(log.address));
    o.emplace("topics", std::move(topics));
    o.emplace("data", to_hex(log.data));
    o.emplace("blockNumber", encode_quantity(at.block_num));
    o.emplace("transactionHash", hash_json(at.txn_hash));
    o.emplace("transactionIndex", encode_quantity(at.txn_index));
    o.emplace("blockHash", hash_json(at.block_hash));
    o.emplace("logIndex", encode_quantity(at.log_index));
    o.emplace("removed", removed);
    return o;
}

}  // namespace yunlian::rpc::eth
