#pragma once
// The HTTP gateway (a path gateway after specs.ipfs.tech/http-gateways/path-gateway): GET and HEAD
// /ipfs/<cid>[/path] with single Range requests, ETag "<cid>", a content type from the file
// name, 404 for unknown content and 400 for a malformed CID; POST /ipfs/ stores the request body
// as a file and answers with its CID. One thread per connection, reads served concurrently, every
// block verified before a byte of it is sent. Boost.Beast stays inside gateway.cpp.

#include <cstdint>
#include <memory>
#include <string>

#include "cas/block_store.hpp"
#include "cas/file_builder.hpp"

namespace yunlian::cas {

/// Where to listen and how to store uploads.
struct GatewayOptions {
    std::string address = "127.0.0.1";  ///< loopback unless the operator opens it up
    std::uint16_t port = 8080;
    std::size_t max_connections = 256;
    std::uint64_t max_upload = std::uint64_t{16} << 30;
    AddOptions add;  ///< the profile of uploads (?cid-version=1 selects CIDv1 raw leaves)
};

/// An HTTP gateway over a block store. Binds in the constructor (throws when it cannot).
class Gateway {
  public:
    Gateway(BlockStore& store, const GatewayOptions& options);
    ~Gateway();
    Gateway(const Gateway&) = delete;
    Gateway& operator=(const Gateway&) = delete;

    /// The bound port (useful with port 0).
    [[nodiscard]] std::uint16_t port() const noexcept;
    /// Accepts connections until stop(); returns after the open connections end.
    void run();
    /// Makes run() return; safe from another thread.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The content type served for a file name (by extension; application/octet-stream otherwise).
[[nodiscard]] std::string content_type_for(std::string_view name);

/// A parsed "Range: bytes=..." header against a file of `size` bytes.
struct ByteRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

/// How a Range header applies.
enum class RangeStatus : std::uint8_t {
    kWhole,          ///< no usable Range: serve everything (200)
    kPartial,        ///< one satisfiable range (206)
    kUnsatisfiable,  ///< a valid range that misses the file (416)
};

/// Parses a Range header value (RFC 9110 section 14.2); multiple or invalid ranges mean kWhole.
[[nodiscard]] RangeStatus parse_range(std::string_view header, std::uint64_t size,
                                      ByteRange& range);

/// Decodes %XX escapes in a URL path; false on a bad escape or an encoded NUL.
[[nodiscard]] bool percent_decode(std::string_view in, std::string& out);

}  // namespace yunlian::cas
