#include "node/bft_blocks.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "consensus/solo_engine.hpp"
#include "evm/vm.hpp"
#include "execution/block_fees.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {
namespace {

std::uint64_t unix_seconds() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

/// BFT blocks have the post-merge form the solo engine seals and checks (zero difficulty, nonce
/// and mix hash); finality comes from the quorum certificate stored beside the block.
const consensus::SoloEngine kSealer{0};

}  // namespace

std::string_view to_string(BlockCheck check) noexcept {
    switch (check) {
        case BlockCheck::kUndecodable:
            return "undecodable block";
        case BlockCheck::kWrongHash:
            return "block hash mismatch";
        case BlockCheck::kWrongHeight:
            return "wrong block number";
        case BlockCheck::kWrongParent:
            return "block does not extend the head";
        case BlockCheck::kBadHeader:
            return "invalid block header";
        case BlockCheck::kBadSignature:
            return "invalid transaction signature";
        case BlockCheck::kExecution:
            return "block execution mismatch";
    }
    return "invalid block";
}

BftBlocks::BftBlocks(chain::ChainStore& chain, txpool::TxPool& pool, Address coinbase)
    : m_chain(chain), m_pool(pool), m_coinbase(coinbase), m_vm(std::make_unique<evm::Vm>()) {
    m_writer = std::thread([this] { run_writer(); });
}

BftBlocks::~BftBlocks() {
    flush();
    {
        std::lock_guard lock(m_write_mutex);
        m_stop = true;
    }
    m_write_cv.notify_all();
    if (m_writer.joinable()) m_writer.join();
}

void BftBlocks::run_writer() {
    for (;;) {
        std::shared_ptr<const Pending> job;
        {
            std::unique_lock lock(m_write_mutex);
            m_write_cv.wait(lock, [&] { return m_stop || m_job != nullptr; });
            if (m_job == nullptr) return;
            job = m_job;
        }
        try {
            m_chain.commit(*job->commit);
        } catch (const std::exception& e) {
            // The block is decided; a node that cannot store it cannot go on.
            fmt::print(stderr, "bft: fatal: writing block {}: {}\n", job->header.block_num,
                       e.what());
            std::fflush(stderr);
            std::abort();
        }
        if (m_on_written) m_on_written(job->header, job->hash);
        {
            std::lock_guard lock(m_write_mutex);
            m_job.reset();
        }
        m_write_cv.notify_all();
    }
}

void BftBlocks::flush() {
    std::unique_lock lock(m_write_mutex);
    m_write_cv.wait(lock, [&] { return m_job == nullptr; });
}

void BftBlocks::settle() {
    {
        std::lock_guard lock(m_write_mutex);
        if (m_job != nullptr) return;
    }
    std::lock_guard lock(m_pending_mutex);
    m_pending.reset();
}

types::BlockHeader BftBlocks::head() const {
    std::lock_guard lock(m_pending_mutex);
    return m_pending ? m_pending->header : m_chain.head();
}

Hash BftBlocks::head_hash() const {
    std::lock_guard lock(m_pending_mutex);
    return m_pending ? m_pending->hash : m_chain.head_hash();
}

const state::StateReader& BftBlocks::head_state() const {
    // Consensus thread only: m_pending changes only on this thread.
    return m_pending ? static_cast<const state::StateReader&>(*m_pending->state)
                     : static_cast<const state::StateReader&>(m_chain.state());
}

Hash BftBlocks::canonical_hash(std::int64_t block_num) const {
    const auto n = static_cast<std::uint64_t>(block_num);
    if (m_pending && m_pending->header.block_num == n) return m_pending->hash;
    return m_chain.canonical_hash(n).value_or(Hash{});
}

std::optional<types::Account> BftBlocks::account(const Address& address) const {
    std::shared_ptr<const Pending> pending;
    {
        std::lock_guard lock(m_pending_mutex);
        pending = m_pending;
    }
    return pending ? pending->state->account(address) : m_chain.account(address);
}

BuiltBlock BftBlocks::build(bool corrupt_state_root) {
    settle();
    const types::BlockHeader parent = head();
    const Hash parent_hash = head_hash();
    if (m_cache_parent != parent_hash) {
        m_cache.clear();
        m_cache_parent = parent_hash;
    }
    execution::BlockParams env;
    env.parent_hash = parent_hash;
    env.block_num = parent.block_num + 1;
    // The wall clock, kept strictly after the parent's (Yellow Paper eq. 49).
    env.timestamp = std::max(unix_seconds(), parent.timestamp + 1);
    env.gas_limit = parent.gas_limit;
    env.base_fee = execution::next_base_fee(parent);
    env.beneficiary = m_coinbase;
    env.chain_id = m_chain.chain_id();
    env.block_hash = [this](std::int64_t n) { return canonical_hash(n); };
    const auto selected = m_pool.select(env.base_fee, env.gas_limit);
    std::vector<execution::Candidate> candidates;
    candidates.reserve(selected.size());
    for (const auto& t : selected) candidates.push_back({&t->txn, t->sender, t->hash});
    execution::BlockOutput out = execution::build_block(env, candidates, head_state(), *m_vm);
    for (const auto& [hash, reason] : out.rejected) {
        // A transaction that can never apply leaves the pool; later nonces and those that did
        // not fit wait for the next block.
        if (reason == execution::RejectReason::kInvalid) m_pool.remove(hash);
    }
    kSealer.seal(parent, out.block.header);
    if (corrupt_state_root) {
        out.block.header.state_root[0] ^= 0xff;
        out.diff.state_root = out.block.header.state_root;
    }
    BuiltBlock built{types::encode_block(out.block), types::header_hash(out.block.header),
                     out.block.transactions.size()};
    if (!corrupt_state_root) m_cache.insert_or_assign(built.hash, std::move(out));
    return built;
}

Result<std::vector<Address>, BlockCheck> BftBlocks::block_senders(const types::Block& block) {
    // The pool recovered most senders already, when the transactions arrived by RPC or gossip.
    const std::size_t n = block.transactions.size();
    std::vector<Address> senders(n);
    std::vector<Hash> hashes(n);
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < n; ++i) {
        hashes[i] = types::transaction_hash(block.transactions[i]);
        if (auto pooled = m_pool.get(hashes[i])) {
            senders[i] = pooled->sender;
        } else {
            missing.push_back(i);
        }
    }
    // The rest (typically what reached the proposer last) is on the critical path of the
    // height: recover it on two threads when there is enough of it to pay for one.
    std::atomic<bool> bad{false};
    const auto recover = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && !bad.load(std::memory_order_relaxed); ++k) {
            auto sender = types::recover_sender(block.transactions[missing[k]]);
            if (!sender) {
                bad = true;
                return;
            }
            senders[missing[k]] = *sender;
        }
    };
    constexpr std::size_t kParallelFrom = 64;
    if (missing.size() >= kParallelFrom) {
        const std::size_t half = missing.size() / 2;
        std::thread helper(recover, half, missing.size());
        recover(0, half);
        helper.join();
    } else {
        recover(0, missing.size());
    }
    if (bad) return Unexpected(BlockCheck::kBadSignature);
    if (m_recovered) {
        for (const std::size_t i : missing) m_recovered(hashes[i]);
    }
    return senders;
}

Result<execution::BlockOutput, BlockCheck> BftBlocks::execute(const Hash& hash,
                                                              const types::Block& block) {
    const types::BlockHeader parent = head();
    const Hash parent_hash = head_hash();
    if (types::header_hash(block.header) != hash) return Unexpected(BlockCheck::kWrongHash);
    if (block.header.block_num != parent.block_num + 1) {
        return Unexpected(BlockCheck::kWrongHeight);
    }
    if (block.header.parent_hash != parent_hash) return Unexpected(BlockCheck::kWrongParent);
    if (!kSealer.validate(parent, block.header)) return Unexpected(BlockCheck::kBadHeader);
    if (block.header.base_fee_per_gas != execution::next_base_fee(parent) ||
        !block.ommers.empty()) {
        return Unexpected(BlockCheck::kBadHeader);
    }
    auto senders = block_senders(block);
    if (!senders) return Unexpected(senders.error());
    const auto block_hash = [this](std::int64_t n) { return canonical_hash(n); };
    auto out = execution::execute_block(block, *senders, m_chain.chain_id(), block_hash,
                                        head_state(), *m_vm);
    if (!out) return Unexpected(BlockCheck::kExecution);
    return std::move(*out);
}

Result<void, BlockCheck> BftBlocks::validate(const Hash& hash, BytesView encoded) {
    settle();
    const Hash parent_hash = head_hash();
    if (m_cache_parent != parent_hash) {
        m_cache.clear();
        m_cache_parent = parent_hash;
    }
    if (m_cache.contains(hash)) return {};
    auto block = types::decode_block(encoded);
    if (!block) return Unexpected(BlockCheck::kUndecodable);
    auto out = execute(hash, *block);
    if (!out) return Unexpected(out.error());
    m_cache.insert_or_assign(hash, std::move(*out));
    return {};
}

types::BlockHeader BftBlocks::commit(const Hash& hash, BytesView encoded, Bytes qc) {
    if (auto ok = validate(hash, encoded); !ok) {
        throw std::runtime_error("decided block " + std::string(to_string(ok.error())));
    }
    auto node = m_cache.extract(hash);
    execution::BlockOutput& out = node.mapped();
    auto commit = std::make_shared<chain::BlockCommit>(chain::BlockCommit{
        std::move(out.block), std::move(out.receipts), std::move(out.senders),
        std::move(out.txn_hashes), std::move(out.gas_used), std::move(out.diff), std::move(qc)});
    // One write in flight: the previous block must be on disk before this one's state can sit
    // on the durable state alone.
    flush();
    settle();
    auto pending = std::make_shared<Pending>();
    pending->header = commit->block.header;
    pending->hash = hash;
    pending->state = std::make_unique<state::PendingState>(m_chain.state(), commit->diff);
    pending->commit = commit;
    {
        std::lock_guard lock(m_pending_mutex);
        m_pending = pending;
    }
    {
        std::lock_guard lock(m_write_mutex);
        m_job = pending;
    }
    m_write_cv.notify_all();
    m_last_txn_count = commit->block.transactions.size();
    m_cache.clear();
    m_cache_parent = hash;
    // Each sender once: the pool re-reads one nonce per sender (through account(), which already
    // sees this block), not one per transaction.
    std::vector<Address> senders = commit->senders;
    std::sort(senders.begin(), senders.end());
    senders.erase(std::unique(senders.begin(), senders.end()), senders.end());
    m_pool.on_block(senders);
    return commit->block.header;
}

}  // namespace yunlian::node
