#include "rpc/http_server.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/web3_methods.hpp"
#include "test_client.hpp"
#include "test_methods.hpp"

namespace yunlian::rpc {
namespace {

using test::error_code;
using test::HttpClient;
using test::parse;

constexpr const char* kEcho = R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":[1]})";

class HttpServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::register_test_methods(dispatcher);
        register_web3_methods(dispatcher);
        start({});
    }

    void start(HttpServerConfig config) {
        if (server) server->stop();
        config.port = 0;
        server = std::make_unique<HttpServer>(dispatcher, std::move(config));
        server->start();
    }

    /// The server still answers a fresh client: the check after every abuse.
    void expect_alive() {
        HttpClient client(server->port());
        const auto reply = client.post(kEcho);
        ASSERT_EQ(reply.status, 200U);
        EXPECT_EQ(parse(reply.body).at("result"), parse("[1]"));
    }

    Dispatcher dispatcher;
    std::unique_ptr<HttpServer> server;
};

TEST_F(HttpServerTest, SingleCallAndKeepAlive) {
    HttpClient client(server->port());
    for (int i = 0; i < 5; ++i) {
        const auto reply = client.post(kEcho);
        EXPECT_EQ(reply.status, 200U);
        EXPECT_EQ(reply.header("content-type"), "application/json");
        EXPECT_TRUE(reply.keep_alive);
        EXPECT_EQ(parse(reply.body).at("result"), parse("[1]"));
    }
    const auto sha =
        client.post(R"({"jsonrpc":"2.0","id":9,"method":"web3_sha3","params":["0x"]})");
    EXPECT_EQ(parse(sha.body).at("result"),
              "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST_F(HttpServerTest, JsonRpcErrorsAre200WithErrorBodies) {
    HttpClient client(server->port());
    const auto parse_error = client.post("{not json");
    EXPECT_EQ(parse_error.status, 200U);
    EXPECT_EQ(error_code(parse(parse_error.body)), kParseError);
    EXPECT_EQ(error_code(parse(client.post(R"({"jsonrpc":"2.0","id":1})").body)), kInvalidRequest);
    EXPECT_EQ(error_code(parse(client.post(R"({"jsonrpc":"2.0","id":1,"method":"x_y"})").body)),
              kMethodNotFound);
    EXPECT_EQ(
        error_code(parse(
            client.post(R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":[]})").body)),
        kInvalidParams);
    EXPECT_EQ(
        error_code(parse(client.post(R"({"jsonrpc":"2.0","id":1,"method":"test_crash"})").body)),
        kInternalError);
    EXPECT_EQ(
        error_code(parse(client.post(R"({"jsonrpc":"2.0","id":1,"method":"test_fail"})").body)),
        -32042);
    EXPECT_EQ(
        error_code(parse(client.post(R"({"jsonrpc":"2.0","id":1,"method":"test_revert"})").body)),
        kExecutionReverted);
    // The same connection is still usable after all of them.
    EXPECT_EQ(client.post(kEcho).status, 200U);
}

TEST_F(HttpServerTest, BatchesAndNotifications) {
    HttpClient client(server->port());
    const auto mixed = client.post(
        R"([{"jsonrpc":"2.0","id":1,"method":"test_echo"},{"jsonrpc":"2.0","method":"test_echo"},)"
        R"({"jsonrpc":"2.0","id":2,"method":"missing"},{"bad":true}])");
    const auto items = parse(mixed.body).as_array();
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(error_code(items[1]), kMethodNotFound);
    EXPECT_EQ(error_code(items[2]), kInvalidRequest);

    const auto only_notifications = client.post(
        R"([{"jsonrpc":"2.0","method":"test_echo"},{"jsonrpc":"2.0","method":"test_echo"}])");
    EXPECT_EQ(only_notifications.status, 200U);
    EXPECT_TRUE(only_notifications.body.empty());
    const auto single_notification = client.post(R"({"jsonrpc":"2.0","method":"test_echo"})");
    EXPECT_EQ(single_notification.status, 200U);
    EXPECT_TRUE(single_notification.body.empty());

    std::string batch = "[";
    for (int i = 0; i < 1001; ++i) {
        batch += std::string(i ? "," : "") + R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
                 R"(,"method":"test_echo"})";
    }
    const auto too_large = client.post(batch + "]");
    EXPECT_EQ(too_large.status, 200U);
    const auto error = parse(too_large.body).as_array().at(0);
    EXPECT_EQ(error_code(error), kInvalidRequest);
    EXPECT_EQ(error.at("error").at("message"), "batch too large");
}

TEST_F(HttpServerTest, BodyLimitIsFiveMiB) {
    // A body of exactly the limit is read and answered.
    HttpClient client(server->port());
    const std::string prefix = R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":[")";
    const std::string suffix = "\"]}";
    const std::size_t payload = kDefaultBodyLimit - prefix.size() - suffix.size();
    const std::string padded = prefix + std::string(payload, 'a') + suffix;
    ASSERT_EQ(padded.size(), kDefaultBodyLimit);
    const auto ok = client.post(padded);
    EXPECT_EQ(ok.status, 200U);
    EXPECT_EQ(parse(ok.body).at("result").as_array().at(0).as_string().size(), payload);

    HttpClient other(server->port());
    const auto too_big = other.post(padded + " ");
    EXPECT_EQ(too_big.status, 413U);
    EXPECT_EQ(too_big.body, "content length too large (5242881>5242880)\n");
    EXPECT_FALSE(too_big.keep_alive);
    expect_alive();
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitIs413) {
    HttpServerConfig config;
    config.body_limit = 1024;
    start(config);
    std::string request =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) request += "200\r\n" + std::string(512, ' ') + "\r\n";
    request += "0\r\n\r\n";
    const auto reply = test::raw_exchange(server->port(), request);
    EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0U) << reply;
    expect_alive();
}

TEST_F(HttpServerTest, ExpectContinueGetsAnInterimResponse) {
    const std::string body = kEcho;
    const auto reply =
        test::raw_exchange(server->port(),
                           "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(reply.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", 0), 0U) << reply;
    EXPECT_NE(reply.find(R"("result":[1])"), std::string::npos) << reply;
}

TEST_F(HttpServerTest, ContentTypesAndMethods) {
    HttpClient client(server->port());
    EXPECT_EQ(client.post(kEcho, "application/json; charset=UTF-8").status, 200U);
    EXPECT_EQ(client.post(kEcho, "Application/JSON").status, 200U);
    EXPECT_EQ(client.post(kEcho, "application/json-rpc").status, 200U);
    const auto text = client.post(kEcho, "text/plain");
    EXPECT_EQ(text.status, 415U);
    EXPECT_EQ(text.body, "invalid content type, only application/json is supported\n");
    EXPECT_EQ(client.post(kEcho, "").status, 415U);
    EXPECT_EQ(client.post(kEcho, "application/x-www-form-urlencoded").status, 415U);

    const auto health = client.request("GET", "", "");
    EXPECT_EQ(health.status, 200U);
    EXPECT_TRUE(health.body.empty());
    EXPECT_EQ(client.request("GET", kEcho, "application/json").status, 200U);
    EXPECT_EQ(client.request("PUT", kEcho, "application/json").status, 405U);
    EXPECT_EQ(client.request("DELETE", "", "").status, 405U);
}

TEST_F(HttpServerTest, CorsForBrowsers) {
    HttpClient client(server->port());
    const auto preflight = client.request("OPTIONS", "", "",
                                          {{"Origin", "https://remix.ethereum.org"},
                                           {"Access-Control-Request-Method", "POST"},
                                           {"Access-Control-Request-Headers", "content-type"}});
    EXPECT_EQ(preflight.status, 204U);
    EXPECT_EQ(preflight.header("access-control-allow-origin"), "*");
    EXPECT_EQ(preflight.header("access-control-allow-methods"), "POST, GET, OPTIONS");
    EXPECT_EQ(preflight.header("access-control-allow-headers"), "content-type");
    const auto call = client.post(kEcho, "application/json", {{"Origin", "http://localhost:8080"}});
    EXPECT_EQ(call.header("access-control-allow-origin"), "*");
    EXPECT_EQ(client.post(kEcho).headers.count("access-control-allow-origin"), 0U);

    HttpServerConfig config;
    config.cors_origins = {"https://remix.ethereum.org"};
    start(config);
    HttpClient restricted(server->port());
    EXPECT_EQ(restricted.post(kEcho, "application/json", {{"Origin", "https://remix.ethereum.org"}})
                  .header("access-control-allow-origin"),
              "https://remix.ethereum.org");
    EXPECT_EQ(restricted.post(kEcho, "application/json", {{"Origin", "https://evil.example"}})
                  .headers.count("access-control-allow-origin"),
              0U);
}

TEST_F(HttpServerTest, MalformedHttpGets400AndServerStaysUp) {
    for (const char* garbage : {"GARBAGE\r\n\r\n", "POST / HTTP/9.9\r\n\r\n",
                                "POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
                                "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
                                "POST / HTTP/1.1\r\nBad Header\r\n\r\n"}) {
        const auto reply = test::raw_exchange(server->port(), garbage);
        EXPECT_TRUE(reply.empty() || reply.rfind("HTTP/1.1 400", 0) == 0) << reply;
    }
    const auto header_bomb = test::raw_exchange(
        server->port(), "POST / HTTP/1.1\r\nX: " + std::string(100 * 1024, 'a') + "\r\n\r\n");
    EXPECT_EQ(header_bomb.rfind("HTTP/1.1 431", 0), 0U);
    expect_alive();
}

TEST_F(HttpServerTest, AbruptDisconnects) {
    for (int i = 0; i < 20; ++i) {
        test::connect_and_reset(server->port(), "");
        test::connect_and_reset(server->port(), "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
        test::connect_and_reset(server->port(), std::string("POST / HTTP/1.1\r\nHost: x\r\n"
                                                            "Content-Type: application/json\r\n"
                                                            "Content-Length: ") +
                                                    std::to_string(std::string(kEcho).size()) +
                                                    "\r\n\r\n" + kEcho);
    }
    expect_alive();
}

TEST_F(HttpServerTest, ConcurrentClients) {
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            HttpClient client(server->port());
            for (int i = 0; i < 50; ++i) {
                const auto reply = client.post(kEcho);
                if (reply.status == 200 && parse(reply.body).at("result") == parse("[1]")) ++ok;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok.load(), 400);
}

TEST_F(HttpServerTest, StopClosesConnectionsAndRefusesNewOnes) {
    HttpClient client(server->port());
    EXPECT_EQ(client.post(kEcho).status, 200U);
    const auto port = server->port();
    server->stop();
    EXPECT_ANY_THROW(client.post(kEcho));
    EXPECT_ANY_THROW(HttpClient{port}.post(kEcho));
    server->stop();  // idempotent
}

TEST_F(HttpServerTest, BindFailureThrows) {
    HttpServerConfig config;
    config.port = server->port();  // already in use
    HttpServer clash(dispatcher, config);
    EXPECT_THROW(clash.start(), std::system_error);
}

}  // namespace
}  // namespace yunlian::rpc
