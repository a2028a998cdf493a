#include "rpc/web3_methods.hpp"

#include <fmt/core.h>

#include "crypto/keccak.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/params.hpp"
#include "rpc/values.hpp"

namespace yunlian::rpc {

namespace json = boost::json;

namespace {

constexpr std::string_view kOs =
#if defined(__linux__)
    "linux";
#elif defined(__APPLE__)
    "darwin";
#else
    "unknown";
#endif

constexpr std::string_view kArch =
#if defined(__x86_64__)
    "amd64";
#elif defined(__aarch64__)
    "arm64";
#else
    "unknown";
#endif

std::string compiler() {
#if defined(__clang__)
    return fmt::format("clang{}.{}", __clang_major__, __clang_minor__);
#elif defined(__GNUC__)
    return fmt::format("gcc{}.{}", __GNUC__, __GNUC_MINOR__);
#else
    return "unknown";
#endif
}

}  // namespace

std::string client_version() {
    return fmt::format("Yunlian/v{}/{}-{}/{}", YUNLIAN_VERSION, kOs, kArch, compiler());
}

void register_web3_methods(Dispatcher& dispatcher) {
    dispatcher.register_method("web3_clientVersion", Handler([](const json::value& params) {
                                   static_cast<void>(Params(params, 0));
                                   return json::value(client_version());
                               }));
    dispatcher.register_method("web3_sha3", Handler([](const json::value& params) {
                                   const Params args(params, 1);
                                   const Bytes data = args.data(0);
                                   return json::value(encode_data(crypto::keccak256(data).view()));
                               }));
    dispatcher.register_method("net_listening", Handler([](const json::value& params) {
                                   static_cast<void>(Params(params, 0));
                                   return json::value(true);
                               }));
}

}  // namespace yunlian::rpc
