#pragma once
// The TLS 1.3 side of the transport. Each Network makes one context with an ephemeral Ed25519
// certificate generated at start. Certificates are not verified: TLS gives encryption and a
// session secret; identity is proven by the Hello signature over that secret (hello.hpp), since
// TLS 1.3 signature schemes do not include secp256k1 (RFC 8446 section 4.2.3).

#include <memory>
#include <string>

#include "common/bytes.hpp"
#include "p2p/hello.hpp"

struct ssl_st;
struct ssl_ctx_st;

namespace yunlian::p2p {

/// Frees an SSL object.
struct SslDeleter {
    void operator()(ssl_st* ssl) const noexcept;
};
using SslPtr = std::unique_ptr<ssl_st, SslDeleter>;

class TlsContext {
  public:
    /// Generates the ephemeral key and certificate. Throws std::runtime_error on failure.
    TlsContext();
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    /// A non-blocking TLS 1.3 endpoint over the connected socket `fd`, in the given role.
    [[nodiscard]] SslPtr make_session(int fd, TlsRole role) const;

  private:
    ssl_ctx_st* m_ctx = nullptr;
};

/// The session binding: kSessionBindingSize bytes exported with kExporterLabel (RFC 8446
/// section 7.5). Both ends of one session get the same bytes; nullopt-like empty on failure.
[[nodiscard]] Bytes export_session_binding(ssl_st* ssl);

/// The last OpenSSL error queue entries as text, for logs (and clears the queue).
[[nodiscard]] std::string take_ssl_errors();

}  // namespace yunlian::p2p
