#pragma once
// JSON-RPC over HTTP/1.1 (geth's rpc/http.go behaviour): POST with a JSON body, keep-alive, a body
// limit, CORS for browser pages, and a plain 200 for the empty GET that health checks send.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rpc/limits.hpp"

namespace yunlian::rpc {

class Dispatcher;

/// How the HTTP server listens and what it accepts.
struct HttpServerConfig {
    std::string address = kDefaultListenAddress;
    /// 0 picks an ephemeral port (tests); read it back with HttpServer::port().
    std::uint16_t port = kDefaultHttpPort;
    std::size_t threads = 2;
    std::size_t body_limit = kDefaultBodyLimit;
    /// Origins browsers may call from ("*" for any), geth's --http.corsdomain. Requests without an
    /// Origin header (curl, ethers in node) are always served.
    std::vector<std::string> cors_origins{"*"};
    /// A connection with no request for this long is closed (geth's IdleTimeout).
    std::chrono::seconds idle_timeout{120};
    /// Reading a request or writing a response must finish within this (geth's Read/WriteTimeout).
    std::chrono::seconds io_timeout{30};
};

/// The HTTP JSON-RPC endpoint. The dispatcher must outlive the server.
class HttpServer {
  public:
    HttpServer(const Dispatcher& dispatcher, HttpServerConfig config);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and starts serving. Throws std::system_error when the address cannot be bound.
    void start();
    /// Stops accepting, closes connections and joins the worker threads. Idempotent.
    void stop();
    /// The port actually bound.
    [[nodiscard]] std::uint16_t port() const noexcept;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::rpc
