#include "p2p/dispatcher.hpp"

#include <utility>

#include <spdlog/spdlog.h>

namespace yunlian::p2p {

namespace {

/// What one queued event costs besides its payload, so that a flood of empty messages is
/// bounded by the backlog limit too.
constexpr std::size_t kEventOverhead = sizeof(PeerEvent) + 64;

}  // namespace

Dispatcher::Dispatcher(NetworkHandlers handlers, std::size_t resume_below,
                       std::function<void()> on_drained)
    : m_handlers(std::move(handlers)),
      m_resume_below(resume_below),
      m_on_drained(std::move(on_drained)) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
    const std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void Dispatcher::stop() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
    const std::lock_guard lock(m_mutex);
    m_events.clear();
    m_pending_bytes = 0;
}

bool Dispatcher::on_dispatch_thread() const noexcept {
    return m_thread.get_id() == std::this_thread::get_id();
}

void Dispatcher::post(PeerEvent event) {
    m_pending_bytes += event.payload.size() + kEventOverhead;
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        m_events.push_back(std::move(event));
    }
    m_cv.notify_one();
}

void Dispatcher::run() {
    std::deque<PeerEvent> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_events.empty(); });
            if (m_stopping) return;
            batch.swap(m_events);
        }
        for (PeerEvent& event : batch) {
            {
                const std::lock_guard lock(m_mutex);
                if (m_stopping) return;
            }
            const std::size_t size = event.payload.size() + kEventOverhead;
            deliver(event);
            const std::size_t before = m_pending_bytes.fetch_sub(size);
            if (before >= m_resume_below && before - size < m_resume_below && m_on_drained) {
                m_on_drained();
            }
        }
        batch.clear();
    }
}

void Dispatcher::deliver(PeerEvent& event) {
    // A throwing callback must not take the network down; it is the application's bug, logged.
    try {
        switch (event.kind) {
            case PeerEvent::Kind::kConnected:
                if (m_handlers.on_peer_connected) m_handlers.on_peer_connected(event.info);
                break;
            case PeerEvent::Kind::kDisconnected:
                if (m_handlers.on_peer_disconnected) {
                    m_handlers.on_peer_disconnected(event.id, event.reason);
                }
                break;
            case PeerEvent::Kind::kMessage:
                if (m_handlers.on_message) {
                    m_handlers.on_message(event.id, event.type, std::move(event.payload));
                }
                break;
        }
    } catch (const std::exception& e) {
        spdlog::error("p2p: a network callback threw: {}", e.what());
    }
}

}  // namespace yunlian::p2p
