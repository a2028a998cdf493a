#include "rpc/http_server.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/core.h>

#include "rpc/detail/server_core.hpp"
#include "rpc/dispatcher.hpp"

namespace yunlian::rpc {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using detail::tcp;

namespace {

/// Largest request header block; a browser's headers are a few KiB.
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
/// geth's acceptedContentTypes (rpc/http.go).
constexpr std::array<std::string_view, 3> kJsonTypes{"application/json", "application/json-rpc",
                                                     "application/jsonrequest"};
constexpr std::string_view kCorsMethods = "POST, GET, OPTIONS";
constexpr std::string_view kCorsMaxAge = "600";
/// How long and how much a closing connection keeps reading to discard an unread request.
constexpr std::chrono::seconds kLingerTimeout{5};
constexpr std::size_t kLingerLimit = 64 * 1024 * 1024;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// The media type of a Content-Type header without its parameters, as mime.ParseMediaType does.
bool is_json_content_type(std::string_view header) {
    const std::string media = lower(trim(header.substr(0, header.find(';'))));
    return std::find(kJsonTypes.begin(), kJsonTypes.end(), media) != kJsonTypes.end();
}

/// Whether a Beast error means the peer sent something that is not valid HTTP.
bool is_protocol_error(const beast::error_code& ec) {
    return ec.category() == beast::http::make_error_code(http::error::bad_target).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

struct HttpShared {
    const Dispatcher& dispatcher;
    HttpServerConfig config;
};

class HttpSession final : public detail::Closable,
                          public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket socket, std::shared_ptr<const HttpShared> shared,
                std::shared_ptr<detail::SessionRegistry> registry)
        : m_stream(std::move(socket)),
          m_shared(std::move(shared)),
          m_registry(std::move(registry)) {}

    ~HttpSession() override {
        if (m_key) m_registry->remove(*m_key);
    }

    void run() {
        m_key = m_registry->add(weak_from_this());
        if (!m_key) return;  // the server is stopping; the socket closes with this session
        net::dispatch(m_stream.get_executor(),
                      [self = shared_from_this()] { self->read_header(); });
    }

    void close() override {
        net::post(m_stream.get_executor(), [self = shared_from_this()] { self->close_now(); });
    }

  private:
    void close_now() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        m_stream.close();
    }

    void read_header() {
        m_parser.emplace();
        m_parser->header_limit(kHeaderLimit);
        // The Content-Length is checked in on_header (for geth's 413 text); chunked bodies are
        // bounded by the limit set there.
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
        m_stream.expires_after(m_shared->config.idle_timeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->on_header(ec);
                                });
    }

    void on_header(beast::error_code ec) {
        if (ec) return on_read_error(ec);
        const auto length = m_parser->content_length();
        if (length && *length > m_shared->config.body_limit) {
            // geth checks Content-Length before reading the body (rpc/http.go validateRequest).
            return send_text(http::status::payload_too_large,
                             fmt::format("content length too large ({}>{})\n", *length,
                                         m_shared->config.body_limit),
                             false);
        }
        m_parser->body_limit(m_shared->config.body_limit);
        if (expects_continue()) return send_continue();
        read_body();
    }

    /// Whether the client waits for "100 Continue" before sending the body (RFC 9110 section
    /// 10.1.1); curl does so for bodies over 1 KiB and would otherwise stall for a second.
    bool expects_continue() const {
        const auto expect = m_parser->get()[http::field::expect];
        return lower(std::string_view(expect.data(), expect.size())) == "100-continue";
    }

    void send_continue() {
        auto interim =
            std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
        m_stream.expires_after(m_shared->config.io_timeout);
        http::async_write(m_stream, *interim,
                          [self = shared_from_this(), interim](beast::error_code ec, std::size_t) {
                              if (ec) return self->close_now();
                              self->read_body();
                          });
    }

    void read_body() {
        m_stream.expires_after(m_shared->config.io_timeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code read_ec, std::size_t) {
                             self->on_request(read_ec);
                         });
    }

    void on_read_error(const beast::error_code& ec) {
        if (ec == http::error::body_limit) {
            return send_text(
                http::status::payload_too_large,
                fmt::format("content length too large (>{})\n", m_shared->config.body_limit),
                false);
        }
        if (ec == http::error::header_limit) {
            return send_text(http::status::request_header_fields_too_large,
                             "request header fields too large\n", false);
        }
        if (is_protocol_error(ec))
            return send_text(http::status::bad_request, "bad request\n", false);
        close_now();  // end of stream, reset, timeout or shutdown
    }

    void on_request(beast::error_code ec) {
        if (ec) return on_read_error(ec);
        const auto& request = m_parser->get();
        const bool keep_alive = request.keep_alive();
        switch (request.method()) {
            case http::verb::options:
                return send_preflight(keep_alive);
            case http::verb::get:
                // geth answers an empty GET with 200 so that load balancers can health-check.
                if (request.body().empty()) return send_text(http::status::ok, "", keep_alive);
                break;
            case http::verb::post:
                break;
            default:
                return send_text(http::status::method_not_allowed, "method not allowed\n",
                                 keep_alive);
        }
        if (!is_json_content_type(request[http::field::content_type])) {
            return send_text(http::status::unsupported_media_type,
                             "invalid content type, only application/json is supported\n",
                             keep_alive);
        }
        const CallContext ctx{Transport::kHttp, nullptr};
        auto body = m_shared->dispatcher.handle(request.body(), ctx);
        send(http::status::ok, body ? std::move(*body) : std::string(), "application/json",
             keep_alive);
    }

    /// The Access-Control-Allow-Origin value for this request's Origin, or nullopt.
    std::optional<std::string> allowed_origin() const {
        const auto origin = m_parser->get()[http::field::origin];
        if (origin.empty()) return std::nullopt;
        for (const auto& allowed : m_shared->config.cors_origins) {
            if (allowed == "*") return std::string("*");
            if (lower(allowed) == lower(origin)) return std::string(origin);
        }
        return std::nullopt;
    }

    void send_preflight(bool keep_alive) {
        auto response = make_response(http::status::no_content, "", "", keep_alive);
        if (allowed_origin()) {
            response.set(http::field::access_control_allow_methods, kCorsMethods);
            const auto requested = m_parser->get()[http::field::access_control_request_headers];
            response.set(http::field::access_control_allow_headers,
                         requested.empty() ? std::string_view("Content-Type")
                                           : std::string_view(requested.data(), requested.size()));
            response.set(http::field::access_control_max_age, kCorsMaxAge);
        }
        write(std::move(response));
    }

    void send_text(http::status status, std::string text, bool keep_alive) {
        send(status, std::move(text), "text/plain; charset=utf-8", keep_alive);
    }

    void send(http::status status, std::string body, std::string_view type, bool keep_alive) {
        write(make_response(status, std::move(body), type, keep_alive));
    }

    http::response<http::string_body> make_response(http::status status, std::string body,
                                                    std::string_view type, bool keep_alive) const {
        http::response<http::string_body> response{status, 11};
        response.set(http::field::server, "Yunlian");
        if (!type.empty()) response.set(http::field::content_type, type);
        if (m_parser) {
            if (auto origin = allowed_origin()) {
                response.set(http::field::access_control_allow_origin, *origin);
                response.set(http::field::vary, "Origin");
            }
        }
        response.keep_alive(keep_alive);
        response.body() = std::move(body);
        response.prepare_payload();
        return response;
    }

    void write(http::response<http::string_body> response) {
        m_response = std::move(response);
        m_stream.expires_after(m_shared->config.io_timeout);
        http::async_write(
            m_stream, m_response,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        if (ec) return close_now();
        if (!m_response.keep_alive()) return linger_close();
        read_header();
    }

    /// Half-closes and discards what the client still sends (an oversized body) before closing,
    /// so that the client's kernel does not reset the connection before it reads our answer.
    void linger_close() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(kLingerTimeout);
        drain(0);
    }

    void drain(std::size_t drained) {
        if (drained > kLingerLimit) return close_now();
        m_stream.async_read_some(net::buffer(m_discard), [self = shared_from_this(), drained](
                                                             beast::error_code ec, std::size_t n) {
            if (ec) return self->close_now();
            self->drain(drained + n);
        });
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    std::shared_ptr<const HttpShared> m_shared;
    std::shared_ptr<detail::SessionRegistry> m_registry;
    std::optional<std::uint64_t> m_key;
    std::array<char, 16 * 1024> m_discard{};
};

}  // namespace

struct HttpServer::Impl {
    Impl(const Dispatcher& dispatcher, HttpServerConfig config)
        : shared(std::make_shared<const HttpShared>(HttpShared{dispatcher, std::move(config)})),
          core(shared->config.address, shared->config.port, shared->config.threads,
               [this](tcp::socket socket) {
                   std::make_shared<HttpSession>(std::move(socket), shared, core.shared_sessions())
                       ->run();
               }) {}

    std::shared_ptr<const HttpShared> shared;
    detail::ServerCore core;
};

HttpServer::HttpServer(const Dispatcher& dispatcher, HttpServerConfig config)
    : m_impl(std::make_unique<Impl>(dispatcher, std::move(config))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { m_impl->core.start(); }

void HttpServer::stop() { m_impl->core.stop(); }

std::uint16_t HttpServer::port() const noexcept { return m_impl->core.port(); }

}  // namespace yunlian::rpc
