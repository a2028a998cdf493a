#include "test_client.hpp"

#include <cctype>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <sys/socket.h>
#include <sys/time.h>

namespace yunlian::rpc::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr int kTimeoutSeconds = 10;

void set_timeouts(tcp::socket& socket) {
    timeval tv{kTimeoutSeconds, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

void connect(tcp::socket& socket, std::uint16_t port) {
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    set_timeouts(socket);
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

struct HttpClient::Impl {
    net::io_context context;
    tcp::socket socket{context};
    beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port) : m_impl(std::make_unique<Impl>()) {
    connect(m_impl->socket, port);
}

HttpClient::~HttpClient() {
    beast::error_code ignored;
    m_impl->socket.shutdown(tcp::socket::shutdown_both, ignored);
}

HttpReply HttpClient::post(const std::string& body, const std::string& content_type,
                           const std::map<std::string, std::string>& headers) {
    return request("POST", body, content_type, headers);
}

HttpReply HttpClient::request(const std::string& method, const std::string& body,
                              const std::string& content_type,
                              const std::map<std::string, std::string>& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), "/", 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();
    http::write(m_impl->socket, req);

    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(m_impl->socket, m_impl->buffer, parser);
    const auto& res = parser.get();
    HttpReply reply;
    reply.status = res.result_int();
    reply.body = res.body();
    reply.keep_alive = res.keep_alive();
    for (const auto& field : res) {
        reply.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    }
    return reply;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
    net::io_context context;
    tcp::socket socket(context);
    connect(socket, port);
    net::write(socket, net::buffer(bytes));
    std::string out;
    std::array<char, 4096> chunk{};
    for (;;) {
        beast::error_code ec;
        const std::size_t n = socket.read_some(net::buffer(chunk), ec);
        out.append(chunk.data(), n);
        if (ec) break;
    }
    return out;
}

void connect_and_reset(std::uint16_t port, const std::string& bytes) {
    net::io_context context;
    tcp::socket socket(context);
    connect(socket, port);
    if (!bytes.empty()) net::write(socket, net::buffer(bytes));
    socket.set_option(net::socket_base::linger(true, 0));
    socket.close();
}

struct WsClient::Impl {
    net::io_context context;
    websocket::stream<tcp::socket> ws{context};
    beast::flat_buffer buffer;
};

WsClient::WsClient(std::uint16_t port, const std::string& origin)
    : m_impl(std::make_unique<Impl>()) {
    connect(m_impl->ws.next_layer(), port);
    if (!origin.empty()) {
        m_impl->ws.set_option(websocket::stream_base::decorator(
            [origin](websocket::request_type& req) { req.set(http::field::origin, origin); }));
    }
    m_impl->ws.handshake("127.0.0.1", "/");
}

WsClient::~WsClient() { drop(); }

void WsClient::send(const std::string& text, bool binary) {
    m_impl->ws.binary(binary);
    m_impl->ws.write(net::buffer(text));
}

std::optional<std::string> WsClient::receive() {
    beast::error_code ec;
    m_impl->buffer.consume(m_impl->buffer.size());
    m_impl->ws.read(m_impl->buffer, ec);
    if (ec) return std::nullopt;
    return beast::buffers_to_string(m_impl->buffer.data());
}

void WsClient::drop() {
    beast::error_code ignored;
    m_impl->ws.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
    m_impl->ws.next_layer().close(ignored);
}

}  // namespace yunlian::rpc::test
