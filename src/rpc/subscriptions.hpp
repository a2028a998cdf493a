#pragma once
// Subscriptions (geth's eth_subscribe / eth_unsubscribe): connections that can push register a
// SubscriberSink; the node publishes events through the Publisher interface, and the hub turns
// each event into an "eth_subscription" notification for every matching subscriber.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace yunlian::rpc {

class Dispatcher;

/// A connection's push channel, implemented by the WebSocket session.
class SubscriberSink {
  public:
    virtual ~SubscriberSink() = default;
    /// Queues `message` without blocking. Returns false when the connection is closed or its send
    /// queue is full; in the latter case the connection drops itself (a slow client never stalls
    /// the node).
    virtual bool push(std::shared_ptr<const std::string> message) = 0;
};

/// The node's side of subscriptions: it calls these when a block is imported or logs are emitted.
class Publisher {
  public:
    virtual ~Publisher() = default;

    /// Computes the notification's result for one subscription from that subscription's criteria
    /// (what its validator returned), or nullopt when the event does not match it.
    using Matcher =
        std::function<std::optional<boost::json::value>(const boost::json::value& criteria)>;

    /// Sends `result` to every subscriber of `kind` ("newHeads"). Returns how many were sent.
    virtual std::size_t publish(std::string_view kind, const boost::json::value& result) = 0;
    /// Sends to every subscriber of `kind` the result `matcher` makes for it ("logs", whose
    /// criteria are a filter). Returns how many were sent.
    virtual std::size_t publish_matching(std::string_view kind, const Matcher& matcher) = 0;

    /// Computes the notifications' results for one subscription from its criteria; empty when the
    /// event does not match it.
    using MultiMatcher =
        std::function<std::vector<boost::json::value>(const boost::json::value& criteria)>;

    /// Sends to every subscriber of `kind` each result `matcher` makes for it, one notification
    /// per result, in order (geth notifies a "logs" subscriber once per log). Returns how many
    /// notifications were sent.
    virtual std::size_t publish_each(std::string_view kind, const MultiMatcher& matcher) = 0;
};

/// Keeps the subscriptions of all connections and delivers published events. Thread-safe.
class SubscriptionHub final : public Publisher {
  public:
    /// Checks the arguments after the kind in eth_subscribe and returns the criteria to keep for
    /// the subscription (null when the kind has none). Throws RpcError (-32602) when invalid.
    using CriteriaParser = std::function<boost::json::value(const boost::json::array& args)>;

    SubscriptionHub();

    /// Makes `kind` subscribable. Without a parser, the kind takes no arguments.
    void add_kind(std::string kind, CriteriaParser parser = {});

    /// Subscribes `sink` to `kind`; returns the new subscription id ("0x" and hex digits).
    /// Throws RpcError for an unknown kind or invalid arguments.
    std::string subscribe(const std::shared_ptr<SubscriberSink>& sink, std::string_view kind,
                          const boost::json::array& args);
    /// Ends subscription `id` if `sink` owns it. Returns whether it did.
    bool unsubscribe(const SubscriberSink* sink, std::string_view id);
    /// Ends every subscription of `sink` (the connection closed).
    void remove_sink(const SubscriberSink* sink);
    /// How many subscriptions are live.
    [[nodiscard]] std::size_t size() const;

    /// Registers eth_subscribe and eth_unsubscribe on `dispatcher`.
    void register_methods(Dispatcher& dispatcher);

    std::size_t publish(std::string_view kind, const boost::json::value& result) override;
    std::size_t publish_matching(std::string_view kind, const Matcher& matcher) override;
    std::size_t publish_each(std::string_view kind, const MultiMatcher& matcher) override;

  private:
    struct Subscription {
        std::string kind;
        boost::json::value criteria;
        std::weak_ptr<SubscriberSink> sink;
        const SubscriberSink* owner = nullptr;
    };

    std::string next_id();

    mutable std::mutex m_mutex;
    std::map<std::string, CriteriaParser, std::less<>> m_kinds;
    std::map<std::string, Subscription, std::less<>> m_subscriptions;
    std::mt19937_64 m_random;
};

/// The text of an "eth_subscription" notification for subscription `id`.
[[nodiscard]] std::string make_notification(std::string_view id, const boost::json::value& result);

}  // namespace yunlian::rpc
