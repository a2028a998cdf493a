#include "p2p/peer_address.hpp"

#include <algorithm>
#include <charconv>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::p2p {

Address node_address_of(const PeerId& id) noexcept {
    const Hash digest = crypto::keccak256(id.view());
    return Address::from_view(BytesView(digest.data() + 12, 20));
}

std::string_view to_string(PeerAddressError error) noexcept {
    switch (error) {
        case PeerAddressError::kMissingPort:
            return "missing :port";
        case PeerAddressError::kInvalidPort:
            return "port is not a number in 1..65535";
        case PeerAddressError::kEmptyHost:
            return "empty host";
        case PeerAddressError::kInvalidId:
            return "node id is not 64 bytes of hex";
        case PeerAddressError::kInvalidHost:
            return "host has an invalid character";
    }
    return "unknown peer address error";
}

std::optional<PeerId> parse_peer_id(std::string_view hex) {
    auto id = fixed_from_hex<64>(hex, HexPrefix::kOptional);
    if (!id) return std::nullopt;
    return *id;
}

std::string peer_id_hex(const PeerId& id) { return yunlian::to_hex(id.view(), false); }

Result<PeerAddress, PeerAddressError> parse_peer_address(std::string_view text) {
    PeerAddress out;
    if (const auto at = text.find('@'); at != std::string_view::npos) {
        auto id = parse_peer_id(text.substr(0, at));
        if (!id) return Unexpected(PeerAddressError::kInvalidId);
        out.expected_id = *id;
        text.remove_prefix(at + 1);
    }
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return Unexpected(PeerAddressError::kMissingPort);
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    // "[::1]:30303": the brackets only delimit an IPv6 literal.
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) return Unexpected(PeerAddressError::kEmptyHost);
    const bool bad_char = std::any_of(host.begin(), host.end(), [](char ch) {
        return ch <= 0x20 || ch >= 0x7f || ch == '[' || ch == ']' || ch == '@' || ch == '/';
    });
    if (bad_char) return Unexpected(PeerAddressError::kInvalidHost);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
        return Unexpected(PeerAddressError::kInvalidPort);
    }
    out.host = std::string(host);
    out.port = static_cast<std::uint16_t>(value);
    return out;
}

std::string to_string(const PeerAddress& address) {
    std::string out;
    if (address.expected_id) out = peer_id_hex(*address.expected_id) + "@";
    const bool v6 = address.host.find(':') != std::string::npos;
    if (v6) out += '[';
    out += address.host;
    if (v6) out += ']';
    out += ':';
    out += std::to_string(address.port);
    return out;
}

}  // namespace yunlian::p2p
