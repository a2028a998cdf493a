#include "rpc/ws_server.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/subscriptions.hpp"
#include "rpc/web3_methods.hpp"
#include "test_client.hpp"
#include "test_methods.hpp"

namespace yunlian::rpc {
namespace {

using test::error_code;
using test::parse;
using test::WsClient;

constexpr const char* kEcho = R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":[1]})";
constexpr const char* kSubscribeHeads =
    R"({"jsonrpc":"2.0","id":5,"method":"eth_subscribe","params":["newHeads"]})";

/// Polls `condition` for up to 10 s.
bool eventually(const std::function<bool()>& condition) {
    for (int i = 0; i < 1000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

class WsServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::register_test_methods(dispatcher);
        register_web3_methods(dispatcher);
        hub.add_kind("newHeads");
        hub.register_methods(dispatcher);
        start({});
    }

    void start(WsServerConfig config) {
        if (server) server->stop();
        config.port = 0;
        server = std::make_unique<WsServer>(dispatcher, &hub, std::move(config));
        server->start();
    }

    void expect_alive() {
        WsClient client(server->port());
        client.send(kEcho);
        const auto reply = client.receive();
        ASSERT_TRUE(reply);
        EXPECT_EQ(parse(*reply).at("result"), parse("[1]"));
    }

    std::string subscribe(WsClient& client) {
        client.send(kSubscribeHeads);
        const auto reply = client.receive();
        EXPECT_TRUE(reply);
        return reply ? std::string(parse(*reply).at("result").as_string()) : std::string();
    }

    Dispatcher dispatcher;
    SubscriptionHub hub;
    std::unique_ptr<WsServer> server;
};

TEST_F(WsServerTest, CallsOverTextAndBinaryFrames) {
    WsClient client(server->port());
    client.send(kEcho);
    EXPECT_EQ(parse(client.receive().value()).at("result"), parse("[1]"));
    client.send(kEcho, true);
    EXPECT_EQ(parse(client.receive().value()).at("result"), parse("[1]"));
    client.send(
        R"([{"jsonrpc":"2.0","id":1,"method":"test_echo"},{"jsonrpc":"2.0","id":2,"method":"nope"}])");
    const auto batch = parse(client.receive().value());
    ASSERT_EQ(batch.as_array().size(), 2U);
    EXPECT_EQ(error_code(batch.as_array()[1]), kMethodNotFound);
}

TEST_F(WsServerTest, MalformedMessagesGetErrorsAndTheConnectionStays) {
    WsClient client(server->port());
    client.send("{oops");
    EXPECT_EQ(error_code(parse(client.receive().value())), kParseError);
    client.send("[]");
    EXPECT_EQ(error_code(parse(client.receive().value())), kInvalidRequest);
    client.send(std::string("\xff\xfe\x00", 3), true);  // invalid UTF-8 inside a binary frame
    EXPECT_EQ(error_code(parse(client.receive().value())), kParseError);
    client.send(R"({"jsonrpc":"2.0","id":1,"method":"test_crash"})");
    EXPECT_EQ(error_code(parse(client.receive().value())), kInternalError);
    // A notification gets nothing back; the next answer is the echo's.
    client.send(R"({"jsonrpc":"2.0","method":"test_echo"})");
    client.send(kEcho);
    EXPECT_EQ(parse(client.receive().value()).at("id"), 1);
}

TEST_F(WsServerTest, SubscribePublishUnsubscribe) {
    WsClient client(server->port());
    const std::string id = subscribe(client);
    ASSERT_EQ(id.rfind("0x", 0), 0U);
    EXPECT_EQ(hub.size(), 1U);

    EXPECT_EQ(hub.publish("newHeads", parse(R"({"number":"0x2a"})")), 1U);
    const auto note = parse(client.receive().value());
    EXPECT_EQ(note.at("method"), "eth_subscription");
    EXPECT_EQ(note.at("params").at("subscription"), id.c_str());
    EXPECT_EQ(note.at("params").at("result").at("number"), "0x2a");

    client.send(R"({"jsonrpc":"2.0","id":6,"method":"eth_unsubscribe","params":[")" + id + "\"]}");
    EXPECT_EQ(parse(client.receive().value()).at("result"), true);
    EXPECT_EQ(hub.publish("newHeads", parse("{}")), 0U);
    client.send(kEcho);
    EXPECT_EQ(parse(client.receive().value()).at("id"), 1) << "no notification after unsubscribe";
}

TEST_F(WsServerTest, ManySubscribersEachGetEveryNotificationInOrder) {
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<WsClient>(server->port()));
        subscribe(*clients.back());
    }
    for (int n = 0; n < 20; ++n) EXPECT_EQ(hub.publish("newHeads", boost::json::value(n)), 5U);
    for (auto& client : clients) {
        for (int n = 0; n < 20; ++n) {
            EXPECT_EQ(parse(client->receive().value()).at("params").at("result"), n);
        }
    }
}

TEST_F(WsServerTest, AbruptDisconnectEndsSubscriptions) {
    {
        WsClient client(server->port());
        subscribe(client);
        EXPECT_EQ(hub.size(), 1U);
        client.drop();
    }
    EXPECT_TRUE(eventually([&] { return hub.size() == 0; }));
    EXPECT_TRUE(eventually([&] { return server->connection_count() == 0; }));
    for (int i = 0; i < 10; ++i) test::connect_and_reset(server->port(), "GET / HTTP/1.1\r\n");
    expect_alive();
}

TEST_F(WsServerTest, OversizedMessageClosesOnlyThatConnection) {
    WsServerConfig config;
    config.message_limit = 1024;
    start(config);
    WsClient big(server->port());
    big.send(std::string(2048, ' '));
    EXPECT_FALSE(big.receive());
    expect_alive();
}

TEST_F(WsServerTest, InvalidUtf8TextFrameClosesOnlyThatConnection) {
    WsClient bad(server->port());
    bad.send(std::string("\"\xc3\x28\""));
    EXPECT_FALSE(bad.receive());
    expect_alive();
}

TEST_F(WsServerTest, SlowClientIsDroppedWithoutBlockingThePublisher) {
    WsServerConfig config;
    config.send_queue_messages = 64;
    config.send_queue_bytes = 256 * 1024;
    start(config);
    WsClient slow(server->port());
    subscribe(slow);
    WsClient fast(server->port());
    subscribe(fast);
    ASSERT_EQ(hub.size(), 2U);
    // The slow client never reads; once its socket buffers and queue fill it is dropped. The
    // fast client keeps reading and stays subscribed.
    const boost::json::value payload(std::string(8 * 1024, 'x'));
    std::thread reader([&] {
        for (;;) {
            const auto message = fast.receive();
            if (!message || parse(*message).at("params").at("result") == "done") break;
        }
    });
    const auto start_time = std::chrono::steady_clock::now();
    for (int i = 0; i < 5000 && hub.size() == 2; ++i) {
        hub.publish("newHeads", payload);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start_time, std::chrono::seconds(20));
    EXPECT_TRUE(eventually([&] { return hub.size() == 1; }));
    hub.publish("newHeads", boost::json::value("done"));
    reader.join();
    expect_alive();
}

TEST_F(WsServerTest, PlainHttpAndForbiddenOriginsAreRejected) {
    const auto reply = test::raw_exchange(
        server->port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0U) << reply;
    EXPECT_EQ(test::raw_exchange(server->port(), "\x01\x02garbage\r\n\r\n").find("HTTP/1.1 2"),
              std::string::npos);

    WsServerConfig config;
    config.origins = {"http://localhost:3000"};
    start(config);
    EXPECT_NO_THROW(WsClient(server->port(), "http://localhost:3000"));
    EXPECT_ANY_THROW(WsClient(server->port(), "https://evil.example"));
    EXPECT_NO_THROW(WsClient(server->port()));
    expect_alive();
}

TEST_F(WsServerTest, StopClosesClients) {
    WsClient client(server->port());
    subscribe(client);
    server->stop();
    EXPECT_FALSE(client.receive());
    EXPECT_TRUE(eventually([&] { return hub.size() == 0; }));
}

}  // namespace
}  // namespace yunlian::rpc
