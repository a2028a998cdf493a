#pragma once
// JSON-RPC errors with the codes and messages geth uses, so that wallets and tools that match on
// them (ethers.js, MetaMask, Remix) behave the same against Yunlian.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "common/bytes.hpp"

namespace yunlian::rpc {

/// JSON-RPC 2.0 section 5.1 codes, plus the server codes geth defines in rpc/errors.go.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerError = -32000;
inline constexpr int kRequestTimeout = -32002;
inline constexpr int kResponseTooLarge = -32003;
/// geth's code for a reverted eth_call / eth_estimateGas (core/vm revert, internal/ethapi).
inline constexpr int kExecutionReverted = 3;

/// The error a method handler throws; the dispatcher turns it into the response's "error" member.
class RpcError : public std::runtime_error {
  public:
    RpcError(int code, const std::string& message, std::optional<boost::json::value> data = {})
        : std::runtime_error(message), m_code(code), m_data(std::move(data)) {}

    [[nodiscard]] int code() const noexcept { return m_code; }
    [[nodiscard]] const std::optional<boost::json::value>& data() const noexcept { return m_data; }

  private:
    int m_code;
    std::optional<boost::json::value> m_data;
};

/// -32602 with `message` (geth's invalidParamsError).
[[nodiscard]] RpcError invalid_params(const std::string& message);
/// -32601 "the method X does not exist/is not available".
[[nodiscard]] RpcError method_not_found(std::string_view method);
/// -32000 with `message` (geth's default code for errors returned by a method).
[[nodiscard]] RpcError server_error(const std::string& message);
/// -32601 "notifications not supported": a subscription over a transport that cannot push.
[[nodiscard]] RpcError notifications_unsupported();

/// Code 3 "execution reverted[: reason]" with the raw revert data as hex in "data", as geth
/// reports a revert. The reason is decoded from Error(string) or Panic(uint256) when present.
[[nodiscard]] RpcError execution_reverted(BytesView revert_data);

/// The reason text geth appends to "execution reverted": the string of an ABI-encoded
/// Error(string), a description of a Panic(uint256) code, or nullopt when neither decodes.
[[nodiscard]] std::optional<std::string> decode_revert_reason(BytesView revert_data);

}  // namespace yunlian::rpc
