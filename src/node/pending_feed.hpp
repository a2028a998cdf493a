#pragma once
// The thread that feeds the "newPendingTransactions" subscription: it polls the pool's admission
// cursor every kPendingPollMs and publishes what is new (rpc::eth::publish_pending). Polling keeps
// the pool free of callbacks, and admission (RPC threads, the BFT intake thread) free of JSON work.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace yunlian::rpc {
class Publisher;
}
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::node {

inline constexpr std::uint64_t kPendingPollMs = 50;

class PendingFeed {
  public:
    /// Both must outlive the feed.
    PendingFeed(const txpool::TxPool& pool, rpc::Publisher& publisher);
    ~PendingFeed();
    PendingFeed(const PendingFeed&) = delete;
    PendingFeed& operator=(const PendingFeed&) = delete;

    /// Starts the thread; what the pool admitted before this is not published.
    void start();
    /// Publishes what is left and joins the thread. Idempotent.
    void stop();

  private:
    void run();

    const txpool::TxPool& m_pool;
    rpc::Publisher& m_publisher;
    std::uint64_t m_cursor = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace yunlian::node
