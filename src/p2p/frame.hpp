#pragma once
// The wire framing inside the TLS stream: [type u16 BE][length u32 BE][payload]. The length is
// checked against a hard limit as soon as the 6-byte header is in, before any payload is buffered,
// so a peer cannot make a node allocate more than the limit (docs/P2P.md, "Frames").

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::p2p {

/// A message type on the wire (the frame's u16 type field). Types below kFirstApplicationType are
/// the network's own (ControlType); the application owns the rest.
using MessageType = std::uint16_t;

/// The first message type the application may use.
inline constexpr MessageType kFirstApplicationType = 16;

/// The network's own message types.
enum class ControlType : MessageType {
    kHello = 0,       ///< the first frame each side sends (hello.hpp)
    kPing = 1,        ///< liveness probe, 8-byte nonce
    kPong = 2,        ///< answer to kPing with the same nonce
    kPexRequest = 3,  ///< asks for the peer's known peers (empty payload)
    kPex = 4,         ///< known peers' ids and dialable addresses (pex.hpp)
    kDisconnect = 5,  ///< the sender is closing; the payload is a UTF-8 reason (<= 256 bytes)
};

/// Size of the frame header.
inline constexpr std::size_t kFrameHeaderSize = 6;
/// Largest payload of a kDisconnect frame.
inline constexpr std::size_t kMaxDisconnectReason = 256;

/// Payload limits: a default and smaller per-type ones.
struct FrameLimits {
    std::uint32_t max_frame_size = 16 * 1024 * 1024;
    std::map<MessageType, std::uint32_t> by_type;

    /// The limit for `type`: the network's fixed limits for control types, else by_type or the
    /// default (never above the default).
    [[nodiscard]] std::uint32_t limit_for(MessageType type) const noexcept;
};

/// One decoded frame.
struct Frame {
    MessageType type = 0;
    Bytes payload;
};

enum class FrameError {
    kOversized,     ///< the declared length is over the limit of its type
    kReservedType,  ///< a type in the network's range that the network does not define
};

[[nodiscard]] std::string_view to_string(FrameError error) noexcept;

/// Writes the 6-byte header for a payload of `length` bytes.
void write_frame_header(std::uint8_t* out, MessageType type, std::uint32_t length) noexcept;

/// A whole frame (header + payload) in one buffer.
[[nodiscard]] Bytes encode_frame(MessageType type, BytesView payload);

/// Splits a byte stream into frames. Bytes may arrive in any pieces; after an error the decoder
/// must not be fed again (the connection is to be dropped).
class FrameDecoder {
  public:
    explicit FrameDecoder(FrameLimits limits) : m_limits(std::move(limits)) {}

    /// Consumes all of `input`, appending each completed frame to `out`. Returns the number of
    /// frames appended, or the first error.
    Result<std::size_t, FrameError> feed(BytesView input, std::vector<Frame>& out);

    /// Bytes of a partial frame held (header bytes plus payload so far).
    [[nodiscard]] std::size_t buffered() const noexcept {
        return m_header_size + m_current.payload.size();
    }

  private:
    FrameLimits m_limits;
    std::array<std::uint8_t, kFrameHeaderSize> m_header{};
    std::size_t m_header_size = 0;
    std::uint32_t m_expected = 0;
    Frame m_current;
};

}  // namespace yunlian::p2p
