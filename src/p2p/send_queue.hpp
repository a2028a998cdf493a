#pragma once
// One peer's outgoing frames: three priority lanes under shared byte and message limits. The I/O
// thread drains it into a staging buffer for SSL_write, several frames per write (docs/P2P.md,
// "Send queues").

#include <array>
#include <cstddef>
#include <deque>
#include <memory>

#include "common/bytes.hpp"
#include "p2p/network.hpp"

namespace yunlian::p2p {

/// A whole encoded frame (header + payload), shared when the same frame goes to many peers.
using SharedFrame = std::shared_ptr<const Bytes>;

class SendQueue {
  public:
    explicit SendQueue(SendQueueLimits limits) : m_limits(limits) {}

    /// Queues a frame unless that would pass the limits of its priority; false when refused.
    bool push(Priority priority, SharedFrame frame);
    /// Queues a frame whatever the limits (the network's own small control frames).
    void push_unbounded(Priority priority, SharedFrame frame);

    /// Appends queued bytes to `out` until it holds at least `budget` bytes or the queue is
    /// empty: first the rest of a partly taken frame, then whole lanes in priority order. Returns
    /// the number of frames finished (taken to their last byte).
    std::size_t fill(Bytes& out, std::size_t budget);

    /// The unsent rest of the frame to go next (pinned: it stays next until consumed), or an
    /// empty view when the queue is empty. Lets a large frame be written straight from its own
    /// buffer instead of through a staging copy.
    BytesView peek();
    /// Marks `n` bytes of peek()'s view as sent (n <= its size). Returns 1 when that finished
    /// the frame, else 0.
    std::size_t consume(std::size_t n);

    /// Bytes not yet handed to fill() or consume(), of all frames.
    [[nodiscard]] std::size_t bytes() const noexcept { return m_bytes; }
    /// Frames not yet finished by fill().
    [[nodiscard]] std::size_t messages() const noexcept { return m_messages; }
    [[nodiscard]] bool empty() const noexcept { return m_messages == 0; }

  private:
    /// Makes the next frame current if none is; false when the queue is empty.
    bool select();

    SendQueueLimits m_limits;
    std::array<std::deque<SharedFrame>, 3> m_lanes;
    /// A frame fill() has begun; its remaining bytes go out before any other frame.
    SharedFrame m_current;
    std::size_t m_current_offset = 0;
    std::size_t m_bytes = 0;
    std::size_t m_messages = 0;
};

}  // namespace yunlian::p2p
