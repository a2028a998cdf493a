#pragma once
// Small blocking HTTP and WebSocket clients for the server tests (Beast stays in the .cpp). Every
// read has a receive timeout, so a server that fails to answer fails the test instead of hanging.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace yunlian::rpc::test {

struct HttpReply {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  ///< lower-case names
    bool keep_alive = false;

    /// The value of header `name` (lower-case), or "" when absent.
    [[nodiscard]] std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// One keep-alive HTTP/1.1 connection to 127.0.0.1:port.
class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// POST / with `body`. Throws on a transport error.
    HttpReply post(const std::string& body, const std::string& content_type = "application/json",
                   const std::map<std::string, std::string>& headers = {});
    /// Any method and target.
    HttpReply request(const std::string& method, const std::string& body,
                      const std::string& content_type,
                      const std::map<std::string, std::string>& headers = {});

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Sends raw bytes on a fresh connection, half-closes, and returns everything the server sends
/// before it closes (or the receive timeout).
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

/// Connects and immediately resets the connection (SO_LINGER 0), after sending `bytes`.
void connect_and_reset(std::uint16_t port, const std::string& bytes);

/// One WebSocket connection to ws://127.0.0.1:port/.
class WsClient {
  public:
    explicit WsClient(std::uint16_t port, const std::string& origin = "");
    ~WsClient();
    WsClient(const WsClient&) = delete;
    WsClient& operator=(const WsClient&) = delete;

    void send(const std::string& text, bool binary = false);
    /// The next message, or nullopt when the connection closed or the timeout passed.
    std::optional<std::string> receive();
    /// Closes the TCP connection without a close handshake.
    void drop();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::rpc::test
