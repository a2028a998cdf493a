#include "rpc/subscriptions.hpp"

#include <utility>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fmt/core.h>

#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"

namespace yunlian::rpc {

namespace json = boost::json;

namespace {

/// geth's default for a kind without arguments: positional-argument checking with none wanted.
json::value no_criteria(const json::array& args) {
    if (!args.empty()) throw invalid_params("too many arguments, want at most 0");
    return nullptr;
}

struct Delivery {
    std::shared_ptr<SubscriberSink> sink;
    std::shared_ptr<const std::string> message;
};

}  // namespace

std::string make_notification(std::string_view id, const json::value& result) {
    json::object params;
    params.emplace("subscription", id);
    params.emplace("result", result);
    json::object out;
    out.emplace("jsonrpc", "2.0");
    out.emplace("method", "eth_subscription");
    out.emplace("params", std::move(params));
    return json::serialize(out);
}

SubscriptionHub::SubscriptionHub() : m_random(std::random_device{}()) {}

void SubscriptionHub::add_kind(std::string kind, CriteriaParser parser) {
    const std::lock_guard lock(m_mutex);
    m_kinds.insert_or_assign(std::move(kind), parser ? std::move(parser) : no_criteria);
}

std::string SubscriptionHub::next_id() {
    // geth's randomIDGenerator: 128 random bits as hex without leading zeros.
    for (;;) {
        const std::uint64_t high = m_random();
        const std::uint64_t low = m_random();
        std::string id =
            high != 0 ? fmt::format("0x{:x}{:016x}", high, low) : fmt::format("0x{:x}", low);
        if (!m_subscriptions.contains(id)) return id;
    }
}

std::string SubscriptionHub::subscribe(const std::shared_ptr<SubscriberSink>& sink,
                                       std::string_view kind, const json::array& args) {
    CriteriaParser parser;
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_kinds.find(kind);
        if (it == m_kinds.end()) {
            throw RpcError(kMethodNotFound,
                           fmt::format("no \"{}\" subscription in eth namespace", kind));
        }
        parser = it->second;
    }
    // The parser runs unlocked: it may be slow or throw.
    json::value criteria = parser(args);
    const std::lock_guard lock(m_mutex);
    std::string id = next_id();
    m_subscriptions.emplace(id,
                            Subscription{std::string(kind), std::move(criteria), sink, sink.get()});
    return id;
}

bool SubscriptionHub::unsubscribe(const SubscriberSink* sink, std::string_view id) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_subscriptions.find(id);
    if (it == m_subscriptions.end() || it->second.owner != sink) return false;
    m_subscriptions.erase(it);
    return true;
}

void SubscriptionHub::remove_sink(const SubscriberSink* sink) {
    const std::lock_guard lock(m_mutex);
    std::erase_if(m_subscriptions,
                  [sink](const auto& entry) { return entry.second.owner == sink; });
}

std::size_t SubscriptionHub::size() const {
    const std::lock_guard lock(m_mutex);
    return m_subscriptions.size();
}

std::size_t SubscriptionHub::publish(std::string_view kind, const json::value& result) {
    return publish_matching(kind, [&result](const json::value&) { return result; });
}

std::size_t SubscriptionHub::publish_matching(std::string_view kind, const Matcher& matcher) {
    return publish_each(kind, [&matcher](const json::value& criteria) {
        std::vector<json::value> results;
        if (auto result = matcher(criteria)) results.push_back(std::move(*result));
        return results;
    });
}

std::size_t SubscriptionHub::publish_each(std::string_view kind, const MultiMatcher& matcher) {
    std::vector<Delivery> deliveries;
    {
        const std::lock_guard lock(m_mutex);
        for (auto it = m_subscriptions.begin(); it != m_subscriptions.end();) {
            auto sink = it->second.sink.lock();
            if (!sink) {
                it = m_subscriptions.erase(it);
                continue;
            }
            if (it->second.kind == kind) {
                for (const auto& result : matcher(it->second.criteria)) {
                    deliveries.push_back({sink, std::make_shared<const std::string>(
                                                    make_notification(it->first, result))});
                }
            }
            ++it;
        }
    }
    // Pushed outside the lock: a sink that overflows closes itself, which calls remove_sink.
    std::size_t sent = 0;
    for (auto& delivery : deliveries) {
        if (delivery.sink->push(std::move(delivery.message))) ++sent;
    }
    return sent;
}

void SubscriptionHub::register_methods(Dispatcher& dispatcher) {
    dispatcher.register_method(
        "eth_subscribe",
        ContextHandler([this](const json::value& params, const CallContext& ctx) -> json::value {
            if (!ctx.sink) throw notifications_unsupported();
            if (!params.is_array()) throw invalid_params("non-array args");
            const auto& args = params.get_array();
            if (args.empty() || !args[0].is_string()) {
                throw invalid_params("expected subscription name as first argument");
            }
            const json::array rest(args.begin() + 1, args.end());
            const auto& kind = args[0].get_string();
            return json::value(subscribe(ctx.sink, std::string_view(kind), rest));
        }));
    dispatcher.register_method(
        "eth_unsubscribe",
        ContextHandler([this](const json::value& params, const CallContext& ctx) -> json::value {
            if (!ctx.sink) throw notifications_unsupported();
            if (!params.is_array()) throw invalid_params("non-array args");
            const auto& args = params.get_array();
            if (args.empty()) throw invalid_params("missing value for required argument 0");
            if (args.size() > 1) throw invalid_params("too many arguments, want at most 1");
            if (!args[0].is_string()) {
                throw invalid_params("invalid argument 0: subscription id must be a string");
            }
            if (!unsubscribe(ctx.sink.get(), std::string_view(args[0].get_string()))) {
                throw server_error("subscription not found");
            }
            return true;
        }));
}

}  // namespace yunlian::rpc
