#include "p2p/pex.hpp"

#include <algorithm>

namespace yunlian::p2p {

std::string_view to_string(PexError error) noexcept {
    switch (error) {
        case PexError::kTruncated:
            return "peer list truncated";
        case PexError::kTooMany:
            return "peer list has too many entries";
        case PexError::kBadHost:
            return "peer list host is empty or not printable ASCII";
        case PexError::kZeroPort:
            return "peer list port is 0";
        case PexError::kTrailingBytes:
            return "peer list has trailing bytes";
    }
    return "unknown peer list error";
}

Bytes encode_pex(std::span<const PexEntry> entries) {
    Bytes out(2);
    std::uint16_t count = 0;
    for (const PexEntry& e : entries) {
        if (count == kMaxPexEntries) break;
        if (e.host.empty() || e.host.size() > kMaxPexHost || e.port == 0) continue;
        append(out, e.id.view());
        out.push_back(static_cast<std::uint8_t>(e.host.size()));
        append(out, as_bytes(e.host));
        out.push_back(static_cast<std::uint8_t>(e.port >> 8));
        out.push_back(static_cast<std::uint8_t>(e.port));
        ++count;
    }
    out[0] = static_cast<std::uint8_t>(count >> 8);
    out[1] = static_cast<std::uint8_t>(count);
    return out;
}

Result<std::vector<PexEntry>, PexError> decode_pex(BytesView payload) {
    if (payload.size() < 2) return Unexpected(PexError::kTruncated);
    const std::size_t count = static_cast<std::size_t>((payload[0] << 8) | payload[1]);
    if (count > kMaxPexEntries) return Unexpected(PexError::kTooMany);
    payload = payload.subspan(2);
    std::vector<PexEntry> entries;
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (payload.size() < 65) return Unexpected(PexError::kTruncated);
        PexEntry e;
        e.id = crypto::PublicKey::from_view(payload.first(64));
        const std::size_t host_size = payload[64];
        payload = payload.subspan(65);
        if (payload.size() < host_size + 2) return Unexpected(PexError::kTruncated);
        const BytesView host = payload.first(host_size);
        const bool printable = std::all_of(host.begin(), host.end(),
                                           [](std::uint8_t c) { return c > 0x20 && c < 0x7f; });
        if (host_size == 0 || host_size > kMaxPexHost || !printable) {
            return Unexpected(PexError::kBadHost);
        }
        e.host.assign(host.begin(), host.end());
        e.port = static_cast<std::uint16_t>((payload[host_size] << 8) | payload[host_size + 1]);
        if (e.port == 0) return Unexpected(PexError::kZeroPort);
        payload = payload.subspan(host_size + 2);
        entries.push_back(std::move(e));
    }
    if (!payload.empty()) return Unexpected(PexError::kTrailingBytes);
    return entries;
}

}  // namespace yunlian::p2p
