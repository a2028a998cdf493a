#include "p2p/tls_context.hpp"

#include <stdexcept>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace yunlian::p2p {

namespace {

struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct X509Deleter {
    void operator()(X509* x) const noexcept { X509_free(x); }
};

[[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string("p2p TLS: ") + what + ": " + take_ssl_errors());
}

/// A self-signed Ed25519 certificate valid for a year around now. Nobody checks it: it only
/// lets the TLS 1.3 handshake run (the server must present one).
std::unique_ptr<X509, X509Deleter> make_certificate(EVP_PKEY* key) {
    std::unique_ptr<X509, X509Deleter> cert(X509_new());
    if (!cert) fail("X509_new");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    if (X509_set_pubkey(cert.get(), key) != 1) fail("X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("yunlian-p2p"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    // Ed25519 signs the message itself: no digest (RFC 8410).
    if (X509_sign(cert.get(), key, nullptr) <= 0) fail("X509_sign");
    return cert;
}

}  // namespace

void SslDeleter::operator()(ssl_st* ssl) const noexcept { SSL_free(ssl); }

std::string take_ssl_errors() {
    std::string out;
    while (const unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof(buf));
        if (!out.empty()) out += "; ";
        out += buf;
    }
    return out.empty() ? "no OpenSSL error" : out;
}

TlsContext::TlsContext() {
    m_ctx = SSL_CTX_new(TLS_method());
    if (m_ctx == nullptr) fail("SSL_CTX_new");
    SSL_CTX_set_min_proto_version(m_ctx, TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(m_ctx, TLS1_3_VERSION);
    // No resumption: every connection is a full handshake with a fresh binding; no tickets.
    SSL_CTX_set_num_tickets(m_ctx, 0);
    SSL_CTX_set_session_cache_mode(m_ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_verify(m_ctx, SSL_VERIFY_NONE, nullptr);
    // Partial writes and a moving buffer: the I/O loop retries with the rest of its staging
    // buffer, which may have been reallocated in between.
    SSL_CTX_set_mode(m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) fail("Ed25519 key generation");
    auto cert = make_certificate(key.get());
    if (SSL_CTX_use_certificate(m_ctx, cert.get()) != 1) fail("SSL_CTX_use_certificate");
    if (SSL_CTX_use_PrivateKey(m_ctx, key.get()) != 1) fail("SSL_CTX_use_PrivateKey");
}

TlsContext::~TlsContext() { SSL_CTX_free(m_ctx); }

SslPtr TlsContext::make_session(int fd, TlsRole role) const {
    SslPtr ssl(SSL_new(m_ctx));
    if (!ssl) fail("SSL_new");
    if (SSL_set_fd(ssl.get(), fd) != 1) fail("SSL_set_fd");
    if (role == TlsRole::kClient) {
        SSL_set_connect_state(ssl.get());
    } else {
        SSL_set_accept_state(ssl.get());
    }
    return ssl;
}

Bytes export_session_binding(ssl_st* ssl) {
    Bytes out(kSessionBindingSize);
    if (SSL_export_keying_material(ssl, out.data(), out.size(), kExporterLabel.data(),
                                   kExporterLabel.size(), nullptr, 0, 0) != 1) {
        return {};
    }
    return out;
}

}  // namespace yunlian::p2p
