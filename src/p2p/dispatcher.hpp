#pragma once
// The dispatch thread: the I/O thread posts peer events here and the application's callbacks run
// on this thread, in order, without any network lock held (docs/P2P.md, "Threads").

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "p2p/network.hpp"

namespace yunlian::p2p {

/// One thing that happened to a peer.
struct PeerEvent {
    enum class Kind : std::uint8_t { kConnected, kDisconnected, kMessage };
    Kind kind = Kind::kMessage;
    PeerInfo info;  ///< kConnected
    PeerId id;
    std::string reason;  ///< kDisconnected
    MessageType type = 0;
    Bytes payload;  ///< kMessage
};

class Dispatcher {
  public:
    /// `on_drained` runs (on the dispatch thread) when pending bytes fall back under
    /// `resume_below` after having been above it, so the I/O thread can read again.
    Dispatcher(NetworkHandlers handlers, std::size_t resume_below,
               std::function<void()> on_drained);
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    void start();
    /// Stops the thread after the callback in progress; events not yet delivered are dropped.
    void stop();

    void post(PeerEvent event);
    /// Bytes of events posted and not yet delivered (payloads plus a fixed cost per event).
    [[nodiscard]] std::size_t pending_bytes() const noexcept { return m_pending_bytes.load(); }
    /// Whether the caller is the dispatch thread (stop() must not be called from it).
    [[nodiscard]] bool on_dispatch_thread() const noexcept;

  private:
    void run();
    void deliver(PeerEvent& event);

    NetworkHandlers m_handlers;
    std::size_t m_resume_below;
    std::function<void()> m_on_drained;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<PeerEvent> m_events;
    bool m_stopping = false;
    std::atomic<std::size_t> m_pending_bytes{0};
    std::thread m_thread;
};

}  // namespace yunlian::p2p
