#pragma once
// The loop that drives a consensus engine: it feeds the engine events (transactions waiting,
// timers), and when told to propose, builds a block from the pool on the head, seals it, commits
// it with its state in one batch, tells the pool, and publishes the new head.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "common/bytes.hpp"
#include "types/header.hpp"

namespace yunlian::chain {
class ChainStore;
}
namespace yunlian::txpool {
class TxPool;
}
namespace yunlian::consensus {
class Engine;
}
namespace yunlian::evm {
class Vm;
}

namespace yunlian::node {

class BlockProducer {
  public:
    /// Called after each committed block, from the producer's thread.
    using OnBlock = std::function<void(const types::BlockHeader& header, const Hash& hash)>;

    BlockProducer(chain::ChainStore& chain, txpool::TxPool& pool, consensus::Engine& engine,
                  Address coinbase, OnBlock on_block);
    ~BlockProducer();
    BlockProducer(const BlockProducer&) = delete;
    BlockProducer& operator=(const BlockProducer&) = delete;

    void start();
    /// Finishes the block being built (if any) and joins the thread. Idempotent.
    void stop();
    /// Transactions arrived (thread-safe, cheap).
    void notify_txns();
    /// Builds, seals and commits one block now, on the caller's thread (tests). Returns whether a
    /// block was committed (in automine, an empty pool makes no block).
    bool produce_once(bool allow_empty);

  private:
    void run();

    chain::ChainStore& m_chain;
    txpool::TxPool& m_pool;
    consensus::Engine& m_engine;
    Address m_coinbase;
    OnBlock m_on_block;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_wake = false;
    bool m_stop = false;
    std::optional<std::uint64_t> m_timer_ms;
    std::unique_ptr<evm::Vm> m_vm;  // keeps its code analyses across blocks
    std::thread m_thread;
};

}  // namespace yunlian::node
