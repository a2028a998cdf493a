#include "node/rpc_client.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace yunlian::node {
namespace {

struct Url {
    std::string host;
    std::string port;
    std::string target;
};

Url parse_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (!url.starts_with(kScheme)) throw std::runtime_error("only http:// RPC URLs are supported");
    url.remove_prefix(kScheme.size());
    const auto slash = url.find('/');
    const std::string_view authority = url.substr(0, slash);
    Url out;
    out.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) {
        out.host = std::string(authority);
        out.port = "80";
    } else {
        out.host = std::string(authority.substr(0, colon));
        out.port = std::string(authority.substr(colon + 1));
    }
    if (out.host.empty()) throw std::runtime_error("RPC URL without a host");
    return out;
}

}  // namespace

boost::json::value rpc_call(std::string_view url, std::string_view method,
                            const boost::json::array& params) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    using tcp = boost::asio::ip::tcp;
    const Url u = parse_url(url);
    boost::json::object request{
        {"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    try {
        stream.connect(resolver.resolve(u.host, u.port));
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot reach " + std::string(url) + ": " + e.what());
    }
    http::request<http::string_body> req{http::verb::post, u.target, 11};
    req.set(http::field::host, u.host);
    req.set(http::field::content_type, "application/json");
    req.body() = boost::json::serialize(request);
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);

    boost::system::error_code parse_ec;
    const boost::json::value response = boost::json::parse(res.body(), parse_ec);
    if (parse_ec || !response.is_object()) {
        throw std::runtime_error("the node answered with something that is not JSON-RPC");
    }
    const auto& obj = response.as_object();
    if (const auto* error = obj.if_contains("error")) {
        const auto* message =
            error->is_object() ? error->as_object().if_contains("message") : nullptr;
        throw std::runtime_error(message && message->is_string() ? std::string(message->as_string())
                                                                 : boost::json::serialize(*error));
    }
    const auto* result = obj.if_contains("result");
    return result ? *result : boost::json::value(nullptr);
}

}  // namespace yunlian::node
