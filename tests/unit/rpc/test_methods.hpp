#pragma once
// The methods every rpc test registers: ones that succeed, fail in each way, and crash.

#include <stdexcept>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "common/bytes.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"

namespace yunlian::rpc::test {

inline void register_test_methods(Dispatcher& dispatcher) {
    dispatcher.register_method("test_echo",
                               Handler([](const boost::json::value& params) { return params; }));
    dispatcher.register_method(
        "test_fail", Handler([](const boost::json::value&) -> boost::json::value {
            throw RpcError(-32042, "custom failure", boost::json::value("extra"));
        }));
    dispatcher.register_method("test_crash",
                               Handler([](const boost::json::value&) -> boost::json::value {
                                   throw std::runtime_error("boom");
                               }));
    dispatcher.register_method(
        "test_crash_int",
        Handler([](const boost::json::value&) -> boost::json::value { throw 42; }));
    dispatcher.register_method("test_revert",
                               Handler([](const boost::json::value&) -> boost::json::value {
                                   throw execution_reverted(Bytes{0xde, 0xad});
                               }));
    dispatcher.register_method("test_big", Handler([](const boost::json::value&) {
                                   return boost::json::value(std::string(1000, 'x'));
                               }));
}

inline boost::json::value parse(const std::string& text) { return boost::json::parse(text); }

inline int error_code(const boost::json::value& response) {
    return static_cast<int>(response.at("error").at("code").as_int64());
}

inline std::string error_message(const boost::json::value& response) {
    return std::string(response.at("error").at("message").as_string());
}

}  // namespace yunlian::rpc::test
