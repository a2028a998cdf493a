#include "cas/gateway.hpp"

#include <atomic>
#include <charconv>
#include <list>
#include <mutex>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <fmt/core.h>
#include <sys/socket.h>

#include "cas/reader.hpp"

namespace yunlian::cas {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

using Request = http::request_parser<http::buffer_body>;

/// Streams an upload's body out of the parser into the DAG builder without holding it.
class BodySource final : public ByteSource {
  public:
    BodySource(tcp::socket& socket, beast::flat_buffer& buffer, Request& parser)
        : m_socket(socket), m_buffer(buffer), m_parser(parser) {}

    std::size_t read(std::span<std::uint8_t> out) override {
        while (!m_parser.is_done()) {
            auto& body = m_parser.get().body();
            body.data = out.data();
            body.size = out.size();
            beast::error_code ec;
            http::read(m_socket, m_buffer, m_parser, ec);
            if (ec == http::error::need_buffer) ec = {};
            if (ec) throw beast::system_error(ec);
            const std::size_t n = out.size() - body.size;
            if (n > 0) return n;
        }
        return 0;
    }

  private:
    tcp::socket& m_socket;
    beast::flat_buffer& m_buffer;
    Request& m_parser;
};

std::string html_escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

/// One connection: reads requests until the client closes or keep-alive ends.
class Session {
  public:
    Session(tcp::socket socket, BlockStore& store, const GatewayOptions& options,
            std::mutex& upload_mutex)
        : m_socket(std::move(socket)),
          m_store(store),
          m_options(options),
          m_upload_mutex(upload_mutex) {}

    void run() {
        try {
            while (serve_one()) {
            }
        } catch (const std::exception&) {
            // A broken or timed-out connection ends the session; the server goes on.
        }
        beast::error_code ec;
        m_socket.shutdown(tcp::socket::shutdown_both, ec);
    }

  private:
    /// Handles one request; false when the connection should close.
    bool serve_one() {
        Request parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(m_options.max_upload);
        beast::error_code ec;
        http::read_header(m_socket, m_buffer, parser, ec);
        if (ec) return false;
        const auto& req = parser.get();
        const bool keep_alive = req.keep_alive();
        std::string_view target(req.target().data(), req.target().size());
        if (const auto q = target.find('?'); q != std::string_view::npos) {
            m_query = std::string(target.substr(q + 1));
            target = target.substr(0, q);
        } else {
            m_query.clear();
        }
        if (req.method() == http::verb::post) return upload(parser, target) && keep_alive;
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            send_text(http::status::method_not_allowed, "method not allowed\n", false);
            return false;
        }
        // GET and HEAD carry no body; one that does is not worth untangling.
        if (!parser.is_done()) {
            send_text(http::status::bad_request, "unexpected request body\n", false);
            return false;
        }
        return get(target, req, req.method() == http::verb::head) && keep_alive;
    }

    bool get(std::string_view target, const http::request<http::buffer_body>& req, bool head) {
        std::string path;
        if (!target.starts_with("/ipfs/") || !percent_decode(target, path)) {
            send_text(http::status::not_found, "not found\n", true);
            return true;
        }
        auto content = parse_content_path(path);
        if (!content) {
            send_text(http::status::bad_request,
                      fmt::format("malformed CID: {}\n", to_string(content.error())), true);
            return true;
        }
        const DagReader reader(m_store);
        auto cid = reader.resolve(content->root, content->path);
        if (!cid) return send_failure(cid.error());
        auto info = reader.stat(*cid);
        if (!info) return send_failure(info.error());
        const std::string etag = "\"" + cid->to_string() + "\"";
        if (req[http::field::if_none_match] == etag) {
            http::response<http::empty_body> res{http::status::not_modified, 11};
            res.set(http::field::etag, etag);
            http::write(m_socket, res);
            return true;
        }
        if (info->kind == NodeKind::kDirectory) return send_listing(reader, *cid, path, head);
        ByteRange range{0, info->size};
        const auto status = parse_range(req[http::field::range], info->size, range);
        if (status == RangeStatus::kUnsatisfiable) {
            http::response<http::string_body> res{http::status::range_not_satisfiable, 11};
            res.set(http::field::content_range, fmt::format("bytes */{}", info->size));
            res.set(http::field::etag, etag);
            res.prepare_payload();
            http::write(m_socket, res);
            return true;
        }
        http::response<http::empty_body> res{
            status == RangeStatus::kPartial ? http::status::partial_content : http::status::ok, 11};
        res.set(http::field::etag, etag);
        res.set(http::field::content_type, content_type_for(path.substr(path.rfind('/') + 1)));
        res.set(http::field::accept_ranges, "bytes");
        res.set(http::field::cache_control, "public, max-age=29030400, immutable");
        res.set("X-Ipfs-Path", "/ipfs/" + content->root.to_string() +
                                   (content->path.empty() ? "" : "/" + content->path));
        if (status == RangeStatus::kPartial) {
            res.set(http::field::content_range,
                    fmt::format("bytes {}-{}/{}", range.offset, range.offset + range.length - 1,
                                info->size));
        }
        res.content_length(range.length);
        http::response_serializer<http::empty_body> serializer(res);
        http::write_header(m_socket, serializer);
        if (head || range.length == 0) return true;
        // Bytes go out block by block as the reader verifies them. A failure after the header
        // cannot change the status any more: closing the connection short of Content-Length is
        // how the client learns of it, and no unverified byte has been sent.
        auto sent = reader.read(*cid, range.offset, range.length, [&](BytesView data) {
            asio::write(m_socket, asio::buffer(data.data(), data.size()));
        });
        return sent.has_value();
    }

    bool upload(Request& parser, std::string_view target) {
        if (target != "/ipfs" && target != "/ipfs/" && target != "/api/v0/add") {
            send_text(http::status::not_found, "not found\n", false);
            return false;
        }
        AddOptions options = m_options.add;
        if (m_query.find("cid-version=1") != std::string::npos) options = cid_v1_profile();
        BodySource body(m_socket, m_buffer, parser);
        AddedNode root;
        {
            // One writer at a time: the store batches writes in a single write batch.
            const std::lock_guard lock(m_upload_mutex);
            root = add_file(body, options, m_store);
            m_store.flush();
            auto pinned = m_store.pin(root.cid, PinKind::kRecursive, false);
            if (!pinned) return send_failure(pinned.error());
        }
        http::response<http::string_body> res{http::status::created, 11};
        res.set("Ipfs-Hash", root.cid.to_string());
        res.set(http::field::location, "/ipfs/" + root.cid.to_string());
        res.set(http::field::content_type, "text/plain");
        res.body() = root.cid.to_string() + "\n";
        res.prepare_payload();
        http::write(m_socket, res);
        return true;
    }

    bool send_listing(const DagReader& reader, const Cid& cid, const std::string& path, bool head) {
        auto entries = reader.list(cid);
        if (!entries) return send_failure(entries.error());
        std::string body = "<!DOCTYPE html>\n<html><body><h1>" + html_escape(path) + "</h1><ul>\n";
        const std::string base = path.ends_with('/') ? path : path + "/";
        for (const auto& entry : *entries) {
            body += fmt::format("<li><a href=\"{}{}\">{}</a> {} {}</li>\n", html_escape(base),
                                html_escape(entry.name), html_escape(entry.name),
                                entry.cid.to_string(), entry.tsize);
        }
        body += "</ul></body></html>\n";
        http::response<http::string_body> res{http::status::ok, 11};
        res.set(http::field::content_type, "text/html; charset=utf-8");
        res.set(http::field::etag, "\"" + cid.to_string() + "\"");
        res.content_length(body.size());
        if (!head) res.body() = std::move(body);
        http::response_serializer<http::string_body> serializer(res);
        if (head) {
            http::write_header(m_socket, serializer);
        } else {
            http::write(m_socket, serializer);
        }
        return true;
    }

    bool send_failure(const Failure& failure) {
        switch (failure.kind) {
            case FailureKind::kNotFound:
            case FailureKind::kNotADirectory:
                send_text(http::status::not_found, describe(failure) + "\n", true);
                return true;
            case FailureKind::kNotAFile:
            case FailureKind::kRangeNotSatisfiable:
                send_text(http::status::bad_request, describe(failure) + "\n", true);
                return true;
            default:
                // Integrity and malformed DAGs are the server's data failing, never the client.
                send_text(http::status::internal_server_error, describe(failure) + "\n", true);
                return true;
        }
    }

    void send_text(http::status status, std::string text, bool keep_alive) {
        http::response<http::string_body> res{status, 11};
        res.set(http::field::content_type, "text/plain; charset=utf-8");
        res.keep_alive(keep_alive);
        res.body() = std::move(text);
        res.prepare_payload();
        http::write(m_socket, res);
    }

    tcp::socket m_socket;
    BlockStore& m_store;
    const GatewayOptions& m_options;
    std::mutex& m_upload_mutex;
    beast::flat_buffer m_buffer;
    std::string m_query;
};

}  // namespace

struct Gateway::Impl {
    Impl(BlockStore& s, const GatewayOptions& o) : store(s), options(o), acceptor(io) {}

    BlockStore& store;
    GatewayOptions options;
    asio::io_context io;
    tcp::acceptor acceptor;
    std::mutex upload_mutex;
    std::atomic<bool> stopping{false};
};

Gateway::Gateway(BlockStore& store, const GatewayOptions& options)
    : m_impl(std::make_unique<Impl>(store, options)) {
    const tcp::endpoint endpoint(asio::ip::make_address(options.address), options.port);
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
}

Gateway::~Gateway() = default;

std::uint16_t Gateway::port() const noexcept { return m_impl->acceptor.local_endpoint().port(); }

void Gateway::run() {
    struct Running {
        std::shared_ptr<std::atomic<bool>> done;
        std::jthread thread;
    };
    std::list<Running> sessions;
    while (!m_impl->stopping) {
        beast::error_code ec;
        tcp::socket socket(m_impl->io);
        m_impl->acceptor.accept(socket, ec);
        if (ec) {
            if (m_impl->stopping) break;
            continue;
        }
        // Join the sessions that have ended, so a long-running gateway does not pile up threads.
        sessions.remove_if([](const Running& r) { return r.done->load(); });
        if (sessions.size() >= m_impl->options.max_connections) continue;  // closed on scope exit
        // A silent client must not hold a thread forever: reads and writes time out.
        const timeval timeout{60, 0};
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
        auto done = std::make_shared<std::atomic<bool>>(false);
        sessions.push_back(Running{
            done, std::jthread([this, done, s = std::move(socket)]() mutable {
                Session(std::move(s), m_impl->store, m_impl->options, m_impl->upload_mutex).run();
                done->store(true);
            })});
    }
}

void Gateway::stop() {
    m_impl->stopping = true;
    beast::error_code ec;
    m_impl->acceptor.cancel(ec);
    m_impl->acceptor.close(ec);
}

std::string content_type_for(std::string_view name) {
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".svg", "image/svg+xml"},
        {".webp", "image/webp"},
        {".pdf", "application/pdf"},
        {".wasm", "application/wasm"},
        {".mp4", "video/mp4"},
        {".car", "application/vnd.ipld.car"}};
    for (const auto& [ext, type] : kTypes) {
        if (name.size() > ext.size() && name.ends_with(ext)) return std::string(type);
    }
    return "application/octet-stream";
}

namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool parse_uint(std::string_view text, std::uint64_t& value) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

RangeStatus parse_range(std::string_view header, std::uint64_t size, ByteRange& range) {
    range = ByteRange{0, size};
    if (!header.starts_with("bytes=")) return RangeStatus::kWhole;
    const auto spec = header.substr(6);
    if (spec.find(',') != std::string_view::npos) return RangeStatus::kWhole;
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos) return RangeStatus::kWhole;
    const auto first_text = spec.substr(0, dash);
    const auto last_text = spec.substr(dash + 1);
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (first_text.empty()) {
        // A suffix range "-n": the last n bytes.
        if (!parse_uint(last_text, last)) return RangeStatus::kWhole;
        if (last == 0 || size == 0) return RangeStatus::kUnsatisfiable;
        const std::uint64_t n = std::min(last, size);
        range = ByteRange{size - n, n};
        return RangeStatus::kPartial;
    }
    if (!parse_uint(first_text, first)) return RangeStatus::kWhole;
    if (last_text.empty()) {
        last = size == 0 ? 0 : size - 1;
    } else if (!parse_uint(last_text, last) || last < first) {
        return RangeStatus::kWhole;
    }
    if (first >= size) return RangeStatus::kUnsatisfiable;
    last = std::min(last, size - 1);
    range = ByteRange{first, last - first + 1};
    return RangeStatus::kPartial;
}

bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return false;
        const auto hi = hex_value(in[i + 1]);
        const auto lo = hex_value(in[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

}  // namespace yunlian::cas
