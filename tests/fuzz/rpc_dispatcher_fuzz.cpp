// Fuzzes the JSON-RPC dispatcher (request text in, response text out) and the eth value parsers.
// Properties: nothing crashes or hangs; every response is valid JSON of the right shape; a value
// that parses re-encodes to its canonical text.

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/params.hpp"
#include "rpc/values.hpp"
#include "rpc/web3_methods.hpp"

namespace {

using yunlian::rpc::CallContext;
using yunlian::rpc::Dispatcher;
namespace json = boost::json;

void check(bool condition) {
    if (!condition) __builtin_trap();
}

std::unique_ptr<Dispatcher> make_dispatcher() {
    auto owned = std::make_unique<Dispatcher>(
        yunlian::rpc::DispatcherLimits{.batch_calls = 16, .batch_response_bytes = 4096});
    Dispatcher& dispatcher = *owned;
    yunlian::rpc::register_web3_methods(dispatcher);
    dispatcher.register_method("f_echo",
                               yunlian::rpc::Handler([](const json::value& p) { return p; }));
    dispatcher.register_method(
        "f_throw", yunlian::rpc::Handler(
                       [](const json::value&) -> json::value { throw std::runtime_error("x"); }));
    // Reads every kind of parameter, so the fuzzer reaches each parser through JSON.
    dispatcher.register_method("f_params", yunlian::rpc::Handler([](const json::value& p) {
                                   const yunlian::rpc::Params args(p, 6);
                                   json::array out;
                                   if (args.has(0)) out.emplace_back(args.quantity_u64(0));
                                   if (args.has(1)) out.emplace_back(args.data(1).size());
                                   if (args.has(2)) out.emplace_back(args.address(2).is_zero());
                                   if (args.has(3)) out.emplace_back(args.hash(3).is_zero());
                                   if (args.has(4)) {
                                       out.emplace_back(to_string(args.block_tag(4)));
                                   }
                                   if (args.has(5)) out.emplace_back(args.quantity_u256(5)[0]);
                                   return json::value(std::move(out));
                               }));
    return owned;
}

void check_response(const std::optional<std::string>& response) {
    if (!response) return;
    std::error_code ec;
    const json::value parsed = json::parse(*response, ec);
    check(!ec);
    check(parsed.is_object() || parsed.is_array());
    if (parsed.is_array()) {
        check(!parsed.as_array().empty());
        for (const auto& item : parsed.as_array()) check(item.is_object());
    }
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void check_values(std::string_view text) {
    if (auto value = yunlian::rpc::parse_quantity_u64(text)) {
        check(yunlian::rpc::encode_quantity(*value) == lower(text));
    }
    if (auto value = yunlian::rpc::parse_quantity_u256(text)) {
        check(yunlian::rpc::encode_quantity(value->view()) == lower(text));
    }
    if (auto value = yunlian::rpc::parse_data(text); value && !text.empty()) {
        check(yunlian::rpc::encode_data(*value) == lower(text));
    }
    if (auto tag = yunlian::rpc::parse_block_tag(text)) {
        check(yunlian::rpc::to_string(*tag) == lower(text) || to_string(*tag) == text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::unique_ptr<Dispatcher> owned = make_dispatcher();
    const Dispatcher& dispatcher = *owned;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_response(dispatcher.handle(text));
    check_response(dispatcher.handle(text, CallContext{yunlian::rpc::Transport::kHttp, nullptr}));
    if (size <= 80) check_values(text);
    return 0;
}
