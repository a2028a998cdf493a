#pragma once
// JSON-RPC over WebSocket (RFC 6455) on its own port: the same dispatcher as HTTP, plus the push
// channel that subscriptions need. Each connection has a bounded send queue; a client that does
// not read its notifications fast enough is disconnected instead of holding the node back.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rpc/limits.hpp"

namespace yunlian::rpc {

class Dispatcher;
class SubscriptionHub;

/// How the WebSocket server listens and what it accepts.
struct WsServerConfig {
    std::string address = kDefaultListenAddress;
    /// 0 picks an ephemeral port (tests); read it back with WsServer::port().
    std::uint16_t port = kDefaultWsPort;
    std::size_t threads = 2;
    /// Largest message; a larger one closes the connection with 1009 (RFC 6455 section 7.4.1).
    std::size_t message_limit = kDefaultBodyLimit;
    std::size_t send_queue_messages = kDefaultWsSendQueueMessages;
    std::size_t send_queue_bytes = kDefaultWsSendQueueBytes;
    /// Origins browsers may connect from ("*" for any), geth's --ws.origins. A handshake without
    /// an Origin header (non-browser clients) is always accepted.
    std::vector<std::string> origins{"*"};
    /// The opening handshake must complete within this.
    std::chrono::seconds handshake_timeout{30};
};

/// The WebSocket JSON-RPC endpoint. The dispatcher and hub must outlive the server.
class WsServer {
  public:
    /// `hub` may be null when the node offers no subscriptions.
    WsServer(const Dispatcher& dispatcher, SubscriptionHub* hub, WsServerConfig config);
    ~WsServer();
    WsServer(const WsServer&) = delete;
    WsServer& operator=(const WsServer&) = delete;

    /// Binds and starts serving. Throws std::system_error when the address cannot be bound.
    void start();
    /// Stops accepting, closes connections and joins the worker threads. Idempotent.
    void stop();
    /// The port actually bound.
    [[nodiscard]] std::uint16_t port() const noexcept;
    /// How many connections are open.
    [[nodiscard]] std::size_t connection_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::rpc
