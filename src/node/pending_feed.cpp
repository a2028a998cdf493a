#include "node/pending_feed.hpp"

#include <chrono>

#include "rpc/eth/eth_pending.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {

PendingFeed::PendingFeed(const txpool::TxPool& pool, rpc::Publisher& publisher)
    : m_pool(pool), m_publisher(publisher) {}

PendingFeed::~PendingFeed() { stop(); }

void PendingFeed::start() {
    m_cursor = m_pool.added_cursor();
    m_thread = std::thread([this] { run(); });
}

void PendingFeed::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void PendingFeed::run() {
    std::unique_lock lock(m_mutex);
    while (!m_cv.wait_for(lock, std::chrono::milliseconds(kPendingPollMs),
                          [this] { return m_stopping; })) {
        lock.unlock();
        m_cursor = rpc::eth::publish_pending(m_publisher, m_pool, m_cursor);
        lock.lock();
    }
}

}  // namespace yunlian::node
