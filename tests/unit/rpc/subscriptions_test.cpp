#include "rpc/subscriptions.hpp"

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "test_methods.hpp"

namespace yunlian::rpc {
namespace {

using test::error_code;
using test::error_message;
using test::parse;

/// Records what it is sent; refuses after `capacity` messages, like a full send queue.
class RecordingSink final : public SubscriberSink {
  public:
    explicit RecordingSink(std::size_t capacity = 1000) : m_capacity(capacity) {}
    bool push(std::shared_ptr<const std::string> message) override {
        const std::lock_guard lock(m_mutex);
        if (messages.size() >= m_capacity) return false;
        messages.push_back(*message);
        return true;
    }
    std::vector<std::string> messages;

  private:
    std::size_t m_capacity;
    std::mutex m_mutex;
};

class HubTest : public ::testing::Test {
  protected:
    HubTest() {
        hub.add_kind("newHeads");
        // A logs filter: {"address": "..."}; the criteria kept is the address string.
        hub.add_kind("logs", [](const boost::json::array& args) -> boost::json::value {
            if (args.size() > 1) throw invalid_params("too many arguments, want at most 1");
            if (args.empty() || !args[0].is_object()) return nullptr;
            const auto* address = args[0].as_object().if_contains("address");
            if (address == nullptr) return nullptr;
            if (!address->is_string()) throw invalid_params("invalid argument 1: address");
            return *address;
        });
        hub.register_methods(dispatcher);
    }

    boost::json::value call(const std::string& request,
                            const std::shared_ptr<SubscriberSink>& sink) {
        const CallContext ctx{Transport::kWebSocket, sink};
        return parse(dispatcher.handle(request, ctx).value());
    }

    std::string subscribe(const std::shared_ptr<SubscriberSink>& sink, const std::string& params) {
        const auto response = call(
            R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":)" + params + "}", sink);
        EXPECT_TRUE(response.as_object().contains("result")) << boost::json::serialize(response);
        return std::string(response.at("result").as_string());
    }

    SubscriptionHub hub;
    Dispatcher dispatcher;
};

TEST_F(HubTest, SubscribePublishUnsubscribe) {
    auto sink = std::make_shared<RecordingSink>();
    const std::string id = subscribe(sink, R"(["newHeads"])");
    EXPECT_EQ(id.rfind("0x", 0), 0U);
    EXPECT_EQ(hub.size(), 1U);

    EXPECT_EQ(hub.publish("newHeads", parse(R"({"number":"0x1"})")), 1U);
    EXPECT_EQ(hub.publish("logs", parse("{}")), 0U);
    ASSERT_EQ(sink->messages.size(), 1U);
    const auto note = parse(sink->messages[0]);
    EXPECT_EQ(note.at("jsonrpc"), "2.0");
    EXPECT_EQ(note.at("method"), "eth_subscription");
    EXPECT_EQ(note.at("params").at("subscription"), id.c_str());
    EXPECT_EQ(note.at("params").at("result").at("number"), "0x1");

    const auto done = call(
        R"({"jsonrpc":"2.0","id":2,"method":"eth_unsubscribe","params":[")" + id + "\"]}", sink);
    EXPECT_EQ(done.at("result"), true);
    EXPECT_EQ(hub.size(), 0U);
    EXPECT_EQ(hub.publish("newHeads", parse("{}")), 0U);

    const auto again = call(
        R"({"jsonrpc":"2.0","id":3,"method":"eth_unsubscribe","params":[")" + id + "\"]}", sink);
    EXPECT_EQ(error_code(again), kServerError);
    EXPECT_EQ(error_message(again), "subscription not found");
}

TEST_F(HubTest, OnlyTheOwnerMayUnsubscribe) {
    auto owner = std::make_shared<RecordingSink>();
    auto other = std::make_shared<RecordingSink>();
    const std::string id = subscribe(owner, R"(["newHeads"])");
    const auto response = call(
        R"({"jsonrpc":"2.0","id":2,"method":"eth_unsubscribe","params":[")" + id + "\"]}", other);
    EXPECT_EQ(error_code(response), kServerError);
    EXPECT_EQ(hub.size(), 1U);
}

TEST_F(HubTest, MatchingPublishUsesEachSubscriptionsCriteria) {
    auto a = std::make_shared<RecordingSink>();
    auto b = std::make_shared<RecordingSink>();
    subscribe(a, R"(["logs",{"address":"0xaa"}])");
    subscribe(b, R"(["logs",{"address":"0xbb"}])");
    const auto sent = hub.publish_matching(
        "logs", [](const boost::json::value& criteria) -> std::optional<boost::json::value> {
            if (criteria == "0xbb") return boost::json::value("log-for-bb");
            return std::nullopt;
        });
    EXPECT_EQ(sent, 1U);
    EXPECT_TRUE(a->messages.empty());
    ASSERT_EQ(b->messages.size(), 1U);
    EXPECT_EQ(parse(b->messages[0]).at("params").at("result"), "log-for-bb");
}

TEST_F(HubTest, SubscribeErrors) {
    auto sink = std::make_shared<RecordingSink>();
    const auto unknown =
        call(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["nope"]})", sink);
    EXPECT_EQ(error_code(unknown), kMethodNotFound);
    EXPECT_EQ(error_message(unknown), "no \"nope\" subscription in eth namespace");
    const auto no_name =
        call(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":[]})", sink);
    EXPECT_EQ(error_code(no_name), kInvalidParams);
    const auto extra =
        call(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads",1]})", sink);
    EXPECT_EQ(error_message(extra), "too many arguments, want at most 0");
    const auto bad_filter =
        call(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["logs",{"address":1}]})",
             sink);
    EXPECT_EQ(error_code(bad_filter), kInvalidParams);
    EXPECT_EQ(hub.size(), 0U);
}

TEST_F(HubTest, HttpCannotSubscribe) {
    const auto response = parse(
        dispatcher
            .handle(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]})",
                    CallContext{Transport::kHttp, nullptr})
            .value());
    EXPECT_EQ(error_code(response), kMethodNotFound);
    EXPECT_EQ(error_message(response), "notifications not supported");
}

TEST_F(HubTest, GoneAndFullSinksAreHandled) {
    auto full = std::make_shared<RecordingSink>(0);
    subscribe(full, R"(["newHeads"])");
    EXPECT_EQ(hub.publish("newHeads", parse("{}")), 0U);
    {
        auto gone = std::make_shared<RecordingSink>();
        subscribe(gone, R"(["newHeads"])");
    }
    EXPECT_EQ(hub.size(), 2U);
    EXPECT_EQ(hub.publish("newHeads", parse("{}")), 0U);
    EXPECT_EQ(hub.size(), 1U) << "the expired sink's subscription is dropped";
    hub.remove_sink(full.get());
    EXPECT_EQ(hub.size(), 0U);
}

TEST_F(HubTest, IdsAreUnique) {
    auto sink = std::make_shared<RecordingSink>();
    std::set<std::string> ids;
    for (int i = 0; i < 200; ++i) ids.insert(subscribe(sink, R"(["newHeads"])"));
    EXPECT_EQ(ids.size(), 200U);
}

}  // namespace
}  // namespace yunlian::rpc
