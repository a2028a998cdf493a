#include "rpc/ws_server.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "rpc/detail/server_core.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/subscriptions.hpp"

namespace yunlian::rpc {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using detail::tcp;

namespace {

/// Largest opening-handshake request (headers and any body).
constexpr std::uint32_t kHandshakeLimit = 64 * 1024;

bool same_origin(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

struct WsShared {
    const Dispatcher& dispatcher;
    SubscriptionHub* hub;
    WsServerConfig config;
};

class WsSession final : public detail::Closable,
                        public SubscriberSink,
                        public std::enable_shared_from_this<WsSession> {
  public:
    WsSession(tcp::socket socket, std::shared_ptr<const WsShared> shared,
              std::shared_ptr<detail::SessionRegistry> registry)
        : m_ws(std::move(socket)), m_shared(std::move(shared)), m_registry(std::move(registry)) {}

    ~WsSession() override {
        if (m_shared->hub != nullptr) m_shared->hub->remove_sink(this);
        if (m_key) m_registry->remove(*m_key);
    }

    void run() {
        m_key = m_registry->add(weak_from_this());
        if (!m_key) return;
        net::dispatch(m_ws.get_executor(), [self = shared_from_this()] { self->read_upgrade(); });
    }

    void close() override {
        net::post(m_ws.get_executor(), [self = shared_from_this()] { self->close_now(); });
    }

    bool push(std::shared_ptr<const std::string> message) override {
        {
            const std::lock_guard lock(m_queue_mutex);
            if (m_closed) return false;
            if (!enqueue_locked(std::move(message), m_holding)) return false;
            if (m_writing || m_holding) return true;
            m_writing = true;
        }
        net::post(m_ws.get_executor(), [self = shared_from_this()] { self->write_next(); });
        return true;
    }

  private:
    /// Adds to the send queue (or to the held list while a call is running), or marks the
    /// session for closing when the client is too slow. Needs m_queue_mutex.
    bool enqueue_locked(std::shared_ptr<const std::string> message, bool hold) {
        const std::size_t count = m_queue.size() + m_held.size();
        if (count >= m_shared->config.send_queue_messages ||
            m_queued_bytes + message->size() > m_shared->config.send_queue_bytes) {
            m_closed = true;
            net::post(m_ws.get_executor(), [self = shared_from_this()] { self->close_now(); });
            return false;
        }
        m_queued_bytes += message->size();
        (hold ? m_held : m_queue).push_back(std::move(message));
        return true;
    }

    void close_now() {
        {
            const std::lock_guard lock(m_queue_mutex);
            m_closed = true;
        }
        if (m_shared->hub != nullptr) m_shared->hub->remove_sink(this);
        beast::error_code ignored;
        auto& socket = beast::get_lowest_layer(m_ws).socket();
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(m_ws).close();
    }

    void read_upgrade() {
        m_upgrade.emplace();
        m_upgrade->header_limit(kHandshakeLimit);
        m_upgrade->body_limit(kHandshakeLimit);
        beast::get_lowest_layer(m_ws).expires_after(m_shared->config.handshake_timeout);
        http::async_read(beast::get_lowest_layer(m_ws), m_buffer, *m_upgrade,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_upgrade(ec);
                         });
    }

    bool origin_allowed(std::string_view origin) const {
        if (origin.empty()) return true;
        return std::any_of(m_shared->config.origins.begin(), m_shared->config.origins.end(),
                           [origin](const std::string& allowed) {
                               return allowed == "*" || same_origin(allowed, origin);
                           });
    }

    void on_upgrade(beast::error_code ec) {
        if (ec) return close_now();
        const auto& request = m_upgrade->get();
        if (!websocket::is_upgrade(request)) {
            return reject(http::status::bad_request, "websocket upgrade required\n");
        }
        const auto origin = request[http::field::origin];
        if (!origin_allowed(std::string_view(origin.data(), origin.size()))) {
            return reject(http::status::forbidden, "origin not allowed\n");
        }
        beast::get_lowest_layer(m_ws).expires_never();
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        m_ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
            response.set(http::field::server, "Yunlian");
        }));
        m_ws.read_message_max(m_shared->config.message_limit);
        m_ws.async_accept(request, [self = shared_from_this()](beast::error_code accept_ec) {
            if (accept_ec) return self->close_now();
            self->read_message();
        });
    }

    void reject(http::status status, std::string text) {
        auto response = std::make_shared<http::response<http::string_body>>(status, 11);
        response->set(http::field::content_type, "text/plain; charset=utf-8");
        response->keep_alive(false);
        response->body() = std::move(text);
        response->prepare_payload();
        http::async_write(beast::get_lowest_layer(m_ws), *response,
                          [self = shared_from_this(), response](beast::error_code, std::size_t) {
                              self->close_now();
                          });
    }

    void read_message() {
        m_ws.async_read(m_buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_message(ec);
        });
    }

    void on_message(beast::error_code ec) {
        // Any read error ends the session: the peer left, sent an oversized or invalid frame
        // (Beast has already failed the connection with the RFC 6455 status), or the server stops.
        if (ec) return close_now();
        std::string text = beast::buffers_to_string(m_buffer.data());
        m_buffer.consume(m_buffer.size());
        {
            // Notifications for a subscription made by this call wait until its response is
            // queued, so that the client learns the id before the first notification (as geth).
            const std::lock_guard lock(m_queue_mutex);
            m_holding = true;
        }
        // Binary frames carry the same JSON as text frames: geth reads both.
        const CallContext ctx{Transport::kWebSocket,
                              std::shared_ptr<SubscriberSink>(shared_from_this())};
        auto response = m_shared->dispatcher.handle(text, ctx);
        bool start_writing = false;
        {
            const std::lock_guard lock(m_queue_mutex);
            m_holding = false;
            if (response && !m_closed) {
                enqueue_locked(std::make_shared<const std::string>(std::move(*response)), false);
            }
            while (!m_held.empty()) {
                m_queue.push_back(std::move(m_held.front()));
                m_held.pop_front();
            }
            if (!m_writing && !m_queue.empty() && !m_closed) start_writing = m_writing = true;
        }
        if (start_writing) write_next();
        read_message();
    }

    void write_next() {
        {
            const std::lock_guard lock(m_queue_mutex);
            if (m_queue.empty() || m_closed) {
                m_writing = false;
                return;
            }
            m_in_flight = m_queue.front();
        }
        m_ws.text(true);
        m_ws.async_write(
            net::buffer(*m_in_flight),
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        {
            const std::lock_guard lock(m_queue_mutex);
            m_queued_bytes -= m_in_flight->size();
            m_queue.pop_front();
            m_in_flight.reset();
        }
        if (ec) return close_now();
        write_next();
    }

    websocket::stream<beast::tcp_stream> m_ws;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_upgrade;
    std::shared_ptr<const WsShared> m_shared;
    std::shared_ptr<detail::SessionRegistry> m_registry;
    std::optional<std::uint64_t> m_key;

    std::mutex m_queue_mutex;
    std::deque<std::shared_ptr<const std::string>> m_queue;
    std::deque<std::shared_ptr<const std::string>> m_held;
    std::shared_ptr<const std::string> m_in_flight;
    std::size_t m_queued_bytes = 0;
    bool m_writing = false;
    bool m_holding = false;
    bool m_closed = false;
};

}  // namespace

struct WsServer::Impl {
    Impl(const Dispatcher& dispatcher, SubscriptionHub* hub, WsServerConfig config)
        : shared(std::make_shared<const WsShared>(WsShared{dispatcher, hub, std::move(config)})),
          core(shared->config.address, shared->config.port, shared->config.threads,
               [this](tcp::socket socket) {
                   std::make_shared<WsSession>(std::move(socket), shared, core.shared_sessions())
                       ->run();
               }) {}

    std::shared_ptr<const WsShared> shared;
    detail::ServerCore core;
};

WsServer::WsServer(const Dispatcher& dispatcher, SubscriptionHub* hub, WsServerConfig config)
    : m_impl(std::make_unique<Impl>(dispatcher, hub, std::move(config))) {}

WsServer::~WsServer() { stop(); }

void WsServer::start() { m_impl->core.start(); }

void WsServer::stop() { m_impl->core.stop(); }

std::uint16_t WsServer::port() const noexcept { return m_impl->core.port(); }

std::size_t WsServer::connection_count() const { return m_impl->core.sessions().size(); }

}  // namespace yunlian::rpc
