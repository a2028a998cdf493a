#include "node/block_producer.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "chain/chain_store.hpp"
#include "consensus/engine.hpp"
#include "evm/vm.hpp"
#include "execution/block_builder.hpp"
#include "execution/block_fees.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {
namespace {

std::uint64_t steady_ms() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
}

std::uint64_t unix_seconds() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

bool droppable(execution::RejectReason reason) {
    // A later nonce waits for its predecessor; a full block leaves the rest for the next one.
    return reason == execution::RejectReason::kInvalid;
}

}  // namespace

BlockProducer::BlockProducer(chain::ChainStore& chain, txpool::TxPool& pool,
                             consensus::Engine& engine, Address coinbase, OnBlock on_block)
    : m_chain(chain),
      m_pool(pool),
      m_engine(engine),
      m_coinbase(coinbase),
      m_on_block(std::move(on_block)),
      m_vm(std::make_unique<evm::Vm>()) {}

BlockProducer::~BlockProducer() { stop(); }

void BlockProducer::start() {
    m_thread = std::thread([this] { run(); });
}

void BlockProducer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void BlockProducer::notify_txns() {
    {
        std::lock_guard lock(m_mutex);
        if (m_wake) return;
        m_wake = true;
    }
    m_cv.notify_one();
}

bool BlockProducer::produce_once(bool allow_empty) {
    const types::BlockHeader parent = m_chain.head();
    execution::BlockParams env;
    env.parent_hash = m_chain.head_hash();
    env.block_num = parent.block_num + 1;
    // The header's time is the wall clock, kept strictly after the parent's (Yellow Paper
    // eq. 49); under load several blocks a second push it ahead of the clock for a while.
    env.timestamp = std::max(unix_seconds(), parent.timestamp + 1);
    env.gas_limit = parent.gas_limit;
    env.base_fee = execution::next_base_fee(parent);
    env.beneficiary = m_coinbase;
    env.chain_id = m_chain.chain_id();
    env.block_hash = [this](std::int64_t n) {
        return m_chain.canonical_hash(static_cast<std::uint64_t>(n)).value_or(Hash{});
    };

    const auto selected = m_pool.select(env.base_fee, env.gas_limit);
    if (selected.empty() && !allow_empty) return false;
    std::vector<execution::Candidate> candidates;
    candidates.reserve(selected.size());
    for (const auto& t : selected) candidates.push_back({&t->txn, t->sender, t->hash});

    execution::BlockOutput out = execution::build_block(env, candidates, m_chain.state(), *m_vm);
    for (const auto& [hash, error] : out.rejected) {
        if (droppable(error)) m_pool.remove(hash);
    }
    if (out.block.transactions.empty() && !allow_empty) return false;
    m_engine.seal(parent, out.block.header);
    chain::BlockCommit commit{std::move(out.block),
                              std::move(out.receipts),
                              std::move(out.senders),
                              std::move(out.txn_hashes),
                              std::move(out.gas_used),
                              std::move(out.diff),
                              {}};
    m_chain.commit(commit);
    m_pool.on_block(commit.senders);
    if (m_on_block) m_on_block(commit.block.header, m_chain.head_hash());
    return true;
}

void BlockProducer::run() {
    using consensus::Action;
    using consensus::Event;
    std::vector<Action> actions = m_engine.on_event(Event{Event::Kind::kStarted, steady_ms(), 0});
    for (;;) {
        bool propose = false;
        for (const Action& a : actions) {
            if (a.kind == Action::Kind::kPropose) propose = true;
            if (a.kind == Action::Kind::kSetTimer) m_timer_ms = a.at_ms;
        }
        actions.clear();
        if (propose) {
            // In automine an empty pool makes no block; with a block time, empty blocks are due.
            const bool made = produce_once(m_timer_ms.has_value());
            if (made) {
                auto more = m_engine.on_event(Event{Event::Kind::kBlockCommitted, steady_ms(), 0});
                actions.insert(actions.end(), more.begin(), more.end());
                if (m_pool.pending_count() > 0) notify_txns();
            }
        }
        std::unique_lock lock(m_mutex);
        const auto due = [&] { return m_timer_ms && steady_ms() >= *m_timer_ms; };
        const auto ready = [&] { return m_stop || m_wake || due(); };
        if (m_timer_ms) {
            const auto wait_ms = *m_timer_ms > steady_ms() ? *m_timer_ms - steady_ms() : 0;
            m_cv.wait_for(lock, std::chrono::milliseconds(wait_ms), ready);
        } else {
            m_cv.wait(lock, ready);
        }
        if (m_stop) return;
        const bool woke = m_wake;
        m_wake = false;
        lock.unlock();
        if (due()) {
            m_timer_ms.reset();
            auto more = m_engine.on_event(Event{Event::Kind::kTimer, steady_ms(), 0});
            actions.insert(actions.end(), more.begin(), more.end());
        }
        if (woke) {
            auto more = m_engine.on_event(
                Event{Event::Kind::kTxnsPending, steady_ms(), m_pool.pending_count()});
            actions.insert(actions.end(), more.begin(), more.end());
        }
    }
}

}  // namespace yunlian::node
