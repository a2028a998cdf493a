#pragma once
// A hand-driven client for hostile-peer tests: a blocking TCP socket, optionally wrapped in TLS
// 1.3 through the p2p TlsContext, writing whatever bytes a test wants.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "p2p/frame.hpp"
#include "p2p/tls_context.hpp"

namespace yunlian::p2p::test {

class RawClient {
  public:
    RawClient() = default;
    ~RawClient() {
        m_ssl.reset();
        if (m_fd >= 0) ::close(m_fd);
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    /// Plain TCP connect to 127.0.0.1:port, reads timing out after 3 s.
    bool connect_tcp(std::uint16_t port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        timeval tv{3, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        return ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    }

    /// TCP connect plus a TLS 1.3 client handshake.
    bool connect_tls(std::uint16_t port) {
        if (!connect_tcp(port)) return false;
        m_ssl = m_ctx.make_session(m_fd, TlsRole::kClient);
        return SSL_connect(m_ssl.get()) == 1;
    }

    [[nodiscard]] Bytes binding() { return export_session_binding(m_ssl.get()); }

    bool write(BytesView data) {
        if (m_ssl) {
            return SSL_write(m_ssl.get(), data.data(), static_cast<int>(data.size())) ==
                   static_cast<int>(data.size());
        }
        return ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(data.size());
    }

    /// Reads frames until the next one arrives; nullopt when the connection ends or times out.
    std::optional<Frame> read_frame() {
        while (m_frames.empty()) {
            std::uint8_t buf[4096];
            const int n = read_some(buf, sizeof(buf));
            if (n <= 0) return std::nullopt;
            if (!m_decoder.feed(BytesView(buf, static_cast<std::size_t>(n)), m_frames)) {
                return std::nullopt;
            }
        }
        Frame f = std::move(m_frames.front());
        m_frames.erase(m_frames.begin());
        return f;
    }

    /// Whether the other side closes the connection within `timeout` (reads until EOF or
    /// error; a read timeout means it stayed open).
    bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
        timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        for (;;) {
            std::uint8_t buf[4096];
            errno = 0;
            const int n = read_some(buf, sizeof(buf));
            if (n > 0) continue;
            return !(errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }

  private:
    int read_some(std::uint8_t* buf, std::size_t size) {
        if (m_ssl) return SSL_read(m_ssl.get(), buf, static_cast<int>(size));
        return static_cast<int>(::recv(m_fd, buf, size, 0));
    }

    TlsContext m_ctx;
    int m_fd = -1;
    SslPtr m_ssl;
    FrameDecoder m_decoder{FrameLimits{}};
    std::vector<Frame> m_frames;
};

}  // namespace yunlian::p2p::test
