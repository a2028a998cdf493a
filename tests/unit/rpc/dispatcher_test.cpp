#include "rpc/dispatcher.hpp"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rpc/error.hpp"
#include "rpc/web3_methods.hpp"
#include "test_methods.hpp"

namespace yunlian::rpc {
namespace {

using test::error_code;
using test::error_message;
using test::parse;

class DispatcherTest : public ::testing::Test {
  protected:
    DispatcherTest() {
        test::register_test_methods(dispatcher);
        register_web3_methods(dispatcher);
    }

    boost::json::value call(const std::string& request) {
        auto response = dispatcher.handle(request);
        EXPECT_TRUE(response) << request;
        return response ? parse(*response) : boost::json::value();
    }

    Dispatcher dispatcher;
};

TEST_F(DispatcherTest, SingleCallEchoesIdAndResult) {
    const auto response = call(R"({"jsonrpc":"2.0","id":7,"method":"test_echo","params":[1,"a"]})");
    EXPECT_EQ(response.at("jsonrpc"), "2.0");
    EXPECT_EQ(response.at("id"), 7);
    EXPECT_EQ(response.at("result"), parse(R"([1,"a"])"));
    EXPECT_FALSE(response.as_object().contains("error"));
}

TEST_F(DispatcherTest, IdTypesAreEchoed) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":"abc","method":"test_echo"})").at("id"), "abc");
    EXPECT_TRUE(call(R"({"jsonrpc":"2.0","id":null,"method":"test_echo"})").at("id").is_null());
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1.5,"method":"test_echo"})").at("id"), 1.5);
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":-3,"method":"test_echo"})").at("id"), -3);
}

TEST_F(DispatcherTest, ParamsMayBeAbsentNullArrayOrObject) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_echo"})").at("result"), parse("[]"));
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":null})").at("result"),
              parse("[]"));
    EXPECT_EQ(
        call(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":{"a":1}})").at("result"),
        parse(R"({"a":1})"));
    const auto scalar = call(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":5})");
    EXPECT_EQ(error_code(scalar), kInvalidParams);
    EXPECT_EQ(error_message(scalar), "non-array args");
}

TEST_F(DispatcherTest, ParseErrorIsMinus32700WithNullId) {
    for (const char* bad : {"{", "", "nonsense", R"({"jsonrpc":"2.0",})", "[1,]", "\xff\xfe"}) {
        const auto response = call(bad);
        EXPECT_EQ(error_code(response), kParseError) << bad;
        EXPECT_EQ(error_message(response), "parse error");
        EXPECT_TRUE(response.at("id").is_null());
    }
}

TEST_F(DispatcherTest, InvalidUtf8InsideAStringIsAParseError) {
    const std::string request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_\xc3\x28\"}";
    EXPECT_EQ(error_code(call(request)), kParseError);
}

TEST_F(DispatcherTest, DeepNestingIsAParseErrorNotACrash) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(error_code(call(deep)), kParseError);
    const std::string params = R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":)" +
                               std::string(5000, '[') + std::string(5000, ']') + "}";
    EXPECT_EQ(error_code(call(params)), kParseError);
}

TEST_F(DispatcherTest, InvalidRequestsAreMinus32600) {
    // Wrong version, missing version, missing method, non-string method, empty method.
    for (const char* bad :
         {R"({"jsonrpc":"1.0","id":1,"method":"test_echo"})", R"({"id":1,"method":"test_echo"})",
          R"({"jsonrpc":"2.0","id":1})", R"({"jsonrpc":"2.0","id":1,"method":5})",
          R"({"jsonrpc":"2.0","id":1,"method":""})",
          R"({"jsonrpc":2.0,"id":1,"method":"test_echo"})"}) {
        const auto response = call(bad);
        EXPECT_EQ(error_code(response), kInvalidRequest) << bad;
        EXPECT_EQ(error_message(response), "invalid request");
        EXPECT_EQ(response.at("id"), 1) << "the usable id is echoed: " << bad;
    }
    // Ids that are not a string, number or null, and requests that are not objects.
    for (const char* bad :
         {R"({"jsonrpc":"2.0","id":{},"method":"test_echo"})",
          R"({"jsonrpc":"2.0","id":[1],"method":"test_echo"})",
          R"({"jsonrpc":"2.0","id":true,"method":"test_echo"})", "1", "\"x\"", "null", "true"}) {
        const auto response = call(bad);
        EXPECT_EQ(error_code(response), kInvalidRequest) << bad;
        EXPECT_TRUE(response.at("id").is_null()) << bad;
    }
}

TEST_F(DispatcherTest, UnknownMethodUsesGethMessage) {
    const auto response = call(R"({"jsonrpc":"2.0","id":1,"method":"eth_nothing"})");
    EXPECT_EQ(error_code(response), kMethodNotFound);
    EXPECT_EQ(error_message(response), "the method eth_nothing does not exist/is not available");
}

TEST_F(DispatcherTest, HandlerErrorsKeepTheirCodeAndData) {
    const auto failed = call(R"({"jsonrpc":"2.0","id":1,"method":"test_fail"})");
    EXPECT_EQ(error_code(failed), -32042);
    EXPECT_EQ(error_message(failed), "custom failure");
    EXPECT_EQ(failed.at("error").at("data"), "extra");

    const auto reverted = call(R"({"jsonrpc":"2.0","id":1,"method":"test_revert"})");
    EXPECT_EQ(error_code(reverted), kExecutionReverted);
    EXPECT_EQ(error_message(reverted), "execution reverted");
    EXPECT_EQ(reverted.at("error").at("data"), "0xdead");
}

TEST_F(DispatcherTest, CrashingHandlersBecomeInternalErrors) {
    for (const char* method : {"test_crash", "test_crash_int"}) {
        const auto response =
            call(std::string(R"({"jsonrpc":"2.0","id":1,"method":")") + method + "\"}");
        EXPECT_EQ(error_code(response), kInternalError);
        EXPECT_EQ(error_message(response), "method handler crashed");
    }
    // And the dispatcher still works afterwards.
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":2,"method":"net_listening"})").at("result"), true);
}

TEST_F(DispatcherTest, NotificationsGetNoResponse) {
    EXPECT_FALSE(dispatcher.handle(R"({"jsonrpc":"2.0","method":"test_echo"})"));
    EXPECT_FALSE(dispatcher.handle(R"({"jsonrpc":"2.0","method":"test_crash"})"));
    EXPECT_FALSE(dispatcher.handle(R"({"jsonrpc":"2.0","method":"no_such_method"})"));
    EXPECT_FALSE(dispatcher.handle(R"([{"jsonrpc":"2.0","method":"test_echo"},
                                       {"jsonrpc":"2.0","method":"test_fail"}])"));
}

TEST_F(DispatcherTest, BatchMixesValidAndInvalidInOrder) {
    const auto response = call(R"([
        {"jsonrpc":"2.0","id":1,"method":"test_echo","params":[1]},
        {"jsonrpc":"2.0","method":"test_echo"},
        {"jsonrpc":"2.0","id":2,"method":"nope"},
        5,
        {"jsonrpc":"2.0","id":3,"method":"test_crash"},
        {"jsonrpc":"2.0","id":4,"method":"web3_sha3","params":["0x"]}
    ])");
    ASSERT_TRUE(response.is_array());
    const auto& items = response.as_array();
    ASSERT_EQ(items.size(), 5U);
    EXPECT_EQ(items[0].at("result"), parse("[1]"));
    EXPECT_EQ(error_code(items[1]), kMethodNotFound);
    EXPECT_EQ(error_code(items[2]), kInvalidRequest);
    EXPECT_EQ(error_code(items[3]), kInternalError);
    EXPECT_EQ(items[4].at("result"),
              "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST_F(DispatcherTest, EmptyBatchIsOneError) {
    const auto response = call("[]");
    ASSERT_TRUE(response.is_object());
    EXPECT_EQ(error_code(response), kInvalidRequest);
    EXPECT_EQ(error_message(response), "empty batch");
}

TEST_F(DispatcherTest, BatchLimitIsAThousandCalls) {
    auto make_batch = [](std::size_t count) {
        std::string batch = "[";
        for (std::size_t i = 0; i < count; ++i) {
            if (i != 0) batch += ',';
            batch +=
                R"({"jsonrpc":"2.0","id":)" + std::to_string(i + 10) + R"(,"method":"test_echo"})";
        }
        return batch + "]";
    };
    const auto ok = call(make_batch(kDefaultBatchLimit));
    ASSERT_TRUE(ok.is_array());
    EXPECT_EQ(ok.as_array().size(), kDefaultBatchLimit);

    const auto too_many = call(make_batch(kDefaultBatchLimit + 1));
    ASSERT_TRUE(too_many.is_array());
    ASSERT_EQ(too_many.as_array().size(), 1U);
    EXPECT_EQ(error_code(too_many.as_array()[0]), kInvalidRequest);
    EXPECT_EQ(error_message(too_many.as_array()[0]), "batch too large");
    EXPECT_EQ(too_many.as_array()[0].at("id"), 10) << "geth reports the first call's id";
}

TEST_F(DispatcherTest, BatchResponseSizeIsLimited) {
    Dispatcher small({.batch_calls = 100, .batch_response_bytes = 2500});
    test::register_test_methods(small);
    std::string batch = "[";
    for (int i = 0; i < 5; ++i) {
        if (i != 0) batch += ',';
        batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) + R"(,"method":"test_big"})";
    }
    batch += R"(,{"jsonrpc":"2.0","method":"test_big"}])";
    const auto response = parse(small.handle(batch).value());
    const auto& items = response.as_array();
    ASSERT_EQ(items.size(), 5U);
    EXPECT_TRUE(items[0].as_object().contains("result"));
    EXPECT_TRUE(items[2].as_object().contains("result"));
    EXPECT_EQ(error_code(items[3]), kResponseTooLarge);
    EXPECT_EQ(error_message(items[4]), "response too large");
}

TEST_F(DispatcherTest, Web3Methods) {
    const auto version = call(R"({"jsonrpc":"2.0","id":1,"method":"web3_clientVersion"})");
    EXPECT_EQ(std::string(version.at("result").as_string()).rfind("Yunlian/v", 0), 0U);
    EXPECT_EQ(
        call(
            R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x68656c6c6f20776f726c64"]})")
            .at("result"),
        "0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
    const auto missing = call(R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":[]})");
    EXPECT_EQ(error_code(missing), kInvalidParams);
    EXPECT_EQ(error_message(missing), "missing value for required argument 0");
    const auto no_prefix = call(R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["00"]})");
    EXPECT_EQ(error_message(no_prefix), "invalid argument 0: hex string without 0x prefix");
    const auto extra =
        call(R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x","0x"]})");
    EXPECT_EQ(error_message(extra), "too many arguments, want at most 1");
    const auto number = call(R"({"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":[1]})");
    EXPECT_EQ(error_code(number), kInvalidParams);
}

TEST_F(DispatcherTest, ConcurrentCallsAndRegistration) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([this, t] {
            for (int i = 0; i < 500; ++i) {
                const auto response = parse(
                    dispatcher.handle(R"({"jsonrpc":"2.0","id":1,"method":"test_echo"})").value());
                EXPECT_TRUE(response.as_object().contains("result"));
                if (i % 100 == 0) {
                    dispatcher.register_method(
                        "extra_" + std::to_string(t),
                        Handler([](const boost::json::value&) { return boost::json::value(1); }));
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_TRUE(dispatcher.has_method("extra_3"));
}

}  // namespace
}  // namespace yunlian::rpc
