#pragma once
// The transport-independent JSON-RPC 2.0 dispatcher: a registry of methods, request validation,
// notifications and batches, and the translation of handler failures into error responses.
// HTTP and WebSocket sessions hand it request text and send back whatever it returns.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "rpc/limits.hpp"

namespace yunlian::rpc {

class SubscriberSink;

/// Which transport a call came in on.
enum class Transport { kInProcess, kHttp, kWebSocket };

/// What a handler may know about the connection a call came from.
struct CallContext {
    Transport transport = Transport::kInProcess;
    /// The connection's push channel; null when the transport cannot push (HTTP).
    std::shared_ptr<SubscriberSink> sink;
};

/// A method: takes "params" (an array, or an object; an absent or null "params" arrives as an
/// empty array) and returns the "result". It reports failure by throwing RpcError; anything else
/// it throws becomes -32603 "method handler crashed", as a panic does in geth.
using Handler = std::function<boost::json::value(const boost::json::value& params)>;
/// A method that also sees the calling connection (eth_subscribe needs it).
using ContextHandler =
    std::function<boost::json::value(const boost::json::value& params, const CallContext& ctx)>;

/// Limits the dispatcher enforces per request.
struct DispatcherLimits {
    std::size_t batch_calls = kDefaultBatchLimit;
    std::size_t batch_response_bytes = kDefaultBatchResponseLimit;
};

/// Routes JSON-RPC 2.0 requests to registered methods. Registration is safe at any time; calls
/// from many threads at once are safe.
class Dispatcher {
  public:
    explicit Dispatcher(DispatcherLimits limits = {}) : m_limits(limits) {}

    /// Registers (or replaces) `name`.
    void register_method(std::string name, Handler handler);
    /// Registers (or replaces) `name` with a handler that sees the call's context.
    void register_method(std::string name, ContextHandler handler);
    /// Whether `name` is registered.
    [[nodiscard]] bool has_method(std::string_view name) const;
    /// The registered names, sorted.
    [[nodiscard]] std::vector<std::string> method_names() const;

    /// Handles one request text (a single call or a batch). Returns the response text, or nullopt
    /// when no response is due (only notifications). Never throws for any input.
    [[nodiscard]] std::optional<std::string> handle(std::string_view request,
                                                    const CallContext& ctx = {}) const;

    /// Runs one parsed call object and returns its response object, or nullopt for a notification.
    [[nodiscard]] std::optional<boost::json::value> handle_call(const boost::json::value& call,
                                                                const CallContext& ctx = {}) const;

  private:
    [[nodiscard]] std::optional<std::string> handle_batch(const boost::json::array& batch,
                                                          const CallContext& ctx) const;
    [[nodiscard]] boost::json::value invoke(const std::string& method,
                                            const boost::json::value& params,
                                            const CallContext& ctx) const;

    DispatcherLimits m_limits;
    mutable std::shared_mutex m_mutex;
    std::map<std::string, std::shared_ptr<const ContextHandler>, std::less<>> m_methods;
};

/// A response object {"jsonrpc":"2.0","id":id,"result":result}.
[[nodiscard]] boost::json::value make_result_response(const boost::json::value& id,
                                                      boost::json::value result);
/// An error response object {"jsonrpc":"2.0","id":id,"error":{"code","message"[,"data"]}}.
[[nodiscard]] boost::json::value make_error_response(const boost::json::value& id, int code,
                                                     std::string_view message,
                                                     const boost::json::value* data = nullptr);

}  // namespace yunlian::rpc
