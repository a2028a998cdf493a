#include "p2p/frame.hpp"

#include <algorithm>

#include "p2p/hello.hpp"
#include "p2p/pex.hpp"

namespace yunlian::p2p {

namespace {

/// Fixed limits of the control messages: they are small, whatever the configuration says.
std::uint32_t control_limit(ControlType type) noexcept {
    switch (type) {
        case ControlType::kHello:
            return static_cast<std::uint32_t>(kHelloSize);
        case ControlType::kPing:
        case ControlType::kPong:
            return 8;
        case ControlType::kPexRequest:
            return 0;
        case ControlType::kPex:
            return static_cast<std::uint32_t>(kMaxPexPayload);
        case ControlType::kDisconnect:
            return static_cast<std::uint32_t>(kMaxDisconnectReason);
    }
    return 0;
}

bool is_defined_control(MessageType type) noexcept {
    return type <= static_cast<MessageType>(ControlType::kDisconnect);
}

std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

}  // namespace

std::uint32_t FrameLimits::limit_for(MessageType type) const noexcept {
    if (type < kFirstApplicationType) {
        return is_defined_control(type) ? control_limit(static_cast<ControlType>(type)) : 0;
    }
    const auto it = by_type.find(type);
    return it == by_type.end() ? max_frame_size : std::min(it->second, max_frame_size);
}

std::string_view to_string(FrameError error) noexcept {
    switch (error) {
        case FrameError::kOversized:
            return "oversized frame";
        case FrameError::kReservedType:
            return "undefined reserved message type";
    }
    return "unknown frame error";
}

void write_frame_header(std::uint8_t* out, MessageType type, std::uint32_t length) noexcept {
    out[0] = static_cast<std::uint8_t>(type >> 8);
    out[1] = static_cast<std::uint8_t>(type);
    out[2] = static_cast<std::uint8_t>(length >> 24);
    out[3] = static_cast<std::uint8_t>(length >> 16);
    out[4] = static_cast<std::uint8_t>(length >> 8);
    out[5] = static_cast<std::uint8_t>(length);
}

Bytes encode_frame(MessageType type, BytesView payload) {
    // reserve + insert rather than a sized constructor: no zero-fill of memory about to be
    // overwritten (the payload is copied exactly once).
    Bytes out;
    out.reserve(kFrameHeaderSize + payload.size());
    out.resize(kFrameHeaderSize);
    write_frame_header(out.data(), type, static_cast<std::uint32_t>(payload.size()));
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Result<std::size_t, FrameError> FrameDecoder::feed(BytesView input, std::vector<Frame>& out) {
    std::size_t frames = 0;
    for (;;) {
        if (m_header_size < kFrameHeaderSize) {
            if (input.empty()) break;
            const std::size_t take = std::min(kFrameHeaderSize - m_header_size, input.size());
            std::copy_n(input.begin(), take, m_header.begin() + static_cast<long>(m_header_size));
            m_header_size += take;
            input = input.subspan(take);
            if (m_header_size < kFrameHeaderSize) break;
            const auto type = static_cast<MessageType>((m_header[0] << 8) | m_header[1]);
            if (type < kFirstApplicationType && !is_defined_control(type)) {
                return Unexpected(FrameError::kReservedType);
            }
            m_expected = load_be32(m_header.data() + 2);
            if (m_expected > m_limits.limit_for(type)) return Unexpected(FrameError::kOversized);
            m_current.type = type;
            m_current.payload.clear();
            // Reserve what is declared only up to 64 KiB: the rest grows as bytes really arrive.
            m_current.payload.reserve(std::min<std::size_t>(m_expected, 64 * 1024));
        }
        const std::size_t missing = m_expected - m_current.payload.size();
        const std::size_t take = std::min(missing, input.size());
        m_current.payload.insert(m_current.payload.end(), input.begin(),
                                 input.begin() + static_cast<long>(take));
        input = input.subspan(take);
        if (m_current.payload.size() == m_expected) {
            out.push_back(std::move(m_current));
            m_current = Frame{};
            m_header_size = 0;
            ++frames;
            continue;
        }
        break;  // the input ran out inside a payload
    }
    return frames;
}

}  // namespace yunlian::p2p
