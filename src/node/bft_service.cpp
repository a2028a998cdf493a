#include "node/bft_service.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/core.h>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "node/bft_service_impl.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {

std::uint64_t steady_ms() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
}

std::uint64_t unix_ms() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

crypto::PrivateKey read_node_key(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read node key file " + path.string());
    std::string text;
    in >> text;
    auto key = fixed_from_hex<32>(text, HexPrefix::kOptional);
    if (!key || !crypto::parse_private_key(key->view())) {
        throw std::runtime_error("node key file " + path.string() + " holds no valid key");
    }
    return *key;
}

namespace {

bft::ValidatorSet make_validators(const std::vector<Address>& addresses) {
    auto set = bft::ValidatorSet::create(addresses);
    if (!set) {
        throw std::runtime_error("genesis validators: " + std::string(bft::to_string(set.error())));
    }
    return std::move(*set);
}

std::optional<bft::LastSigned> read_signed(const chain::DurableRecord& record) {
    const auto bytes = record.load();
    if (!bytes) return std::nullopt;
    auto decoded = bft::decode_last_signed(*bytes);
    // A corrupt record must not be mistaken for "never signed": refuse to start.
    if (!decoded) throw std::runtime_error("corrupt signed-vote record " + record.path().string());
    return *decoded;
}

}  // namespace

BftService::Impl::Impl(BftServiceOptions opts, chain::ChainStore& c, txpool::TxPool& p, OnBlock ob,
                       bft::ValidatorSet vs)
    : options(std::move(opts)),
      chain(c),
      pool(p),
      on_block(std::move(ob)),
      validators(std::move(vs)),
      signed_record(options.config.datadir / "bft_last_signed"),
      blocks(c, p, options.coinbase) {
    blocks.set_recovered_hook([this](const Hash& hash) { seen_txns.insert(hash); });
    // newHeads and logs go out once the block is on disk, so a client never sees a block (or a
    // receipt) that a crash could take back.
    blocks.set_on_written([this](const types::BlockHeader& header, const Hash& hash) {
        if (on_block) on_block(header, hash);
    });
}

BftService::BftService(BftServiceOptions options, chain::ChainStore& chain, txpool::TxPool& pool,
                       OnBlock on_block) {
    auto validators = make_validators(options.validators);
    m_impl = std::make_unique<Impl>(std::move(options), chain, pool, std::move(on_block),
                                    std::move(validators));
    Impl& s = *m_impl;
    s.network = std::make_unique<p2p::Network>(
        s.network_config(),
        p2p::NetworkHandlers{
            [&s](const p2p::PeerInfo& info) { s.on_peer_connected(info); },
            [&s](const p2p::PeerId& peer, const std::string&) { s.on_peer_disconnected(peer); },
            [&s](const p2p::PeerId& peer, p2p::MessageType type, Bytes payload) {
                s.on_message(peer, type, std::move(payload));
            }});
}

BftService::~BftService() { stop(); }

void BftService::start() {
    Impl& s = *m_impl;
    bft::TimeoutConfig timeouts;
    timeouts.propose_ms = s.options.config.timeout_base_ms;
    timeouts.prevote_ms = s.options.config.timeout_base_ms;
    timeouts.precommit_ms = s.options.config.timeout_base_ms;
    timeouts.delta_ms = s.options.config.timeout_delta_ms;
    s.engine =
        std::make_unique<bft::BftEngine>(s.validators, s.chain.chain_id(), s.options.node_key,
                                         timeouts, read_signed(s.signed_record));
    s.update_snapshot();
    s.network->start();
    s.thread = std::thread([&s] {
        try {
            s.run();
        } catch (const std::exception& e) {
            // A storage fault, or a decided block this node cannot execute: it cannot follow the
            // chain any further, and going on would only hide that. Stop loudly.
            fmt::print(stderr, "bft: fatal: {}\n", e.what());
            std::fflush(stderr);
            std::abort();
        }
    });
    s.intake_thread = std::thread([&s] { s.run_intake(); });
}

void BftService::stop() {
    Impl& s = *m_impl;
    {
        std::lock_guard lock(s.mutex);
        if (s.stopping && !s.thread.joinable()) return;
        s.stopping = true;
    }
    s.cv.notify_all();
    {
        std::lock_guard lock(s.intake_mutex);
        s.intake_stopping = true;
    }
    s.intake_cv.notify_all();
    if (s.thread.joinable()) s.thread.join();
    if (s.intake_thread.joinable()) s.intake_thread.join();
    s.blocks.flush();
    s.network->stop();
}

Result<Hash, txpool::Rejection> BftService::submit_raw(BytesView raw) {
    auto added = m_impl->pool.add_raw(raw);
    if (added) {
        m_impl->seen_txns.insert(*added);
        m_impl->queue_gossip(std::nullopt, to_bytes(raw));
    }
    return added;
}

BftStatus BftService::status() const {
    std::lock_guard lock(m_impl->status_mutex);
    return m_impl->snapshot;
}

const std::vector<Address>& BftService::validators() const noexcept {
    return m_impl->validators.addresses();
}

std::uint64_t BftService::chain_id() const noexcept { return m_impl->chain.chain_id(); }

std::vector<bft::Evidence> BftService::evidence() const {
    std::vector<bft::Evidence> out;
    for (const auto& bytes : m_impl->chain.evidence()) {
        if (auto e = bft::decode_evidence(bytes)) out.push_back(*e);
    }
    return out;
}

p2p::Network& BftService::network() { return *m_impl->network; }

std::optional<types::Account> BftService::account(const Address& address) const {
    return m_impl->blocks.account(address);
}

std::uint16_t BftService::p2p_port() const { return m_impl->network->listen_port(); }

// ---- the consensus thread -----------------------------------------------------------------

void BftService::Impl::push(ServiceEvent event) {
    {
        std::lock_guard lock(mutex);
        if (events.size() >= kMaxQueuedEvents && !std::holds_alternative<Wake>(event)) return;
        events.push_back(std::move(event));
    }
    cv.notify_one();
}

void BftService::Impl::run() {
    execute(engine->start_height(chain.head().block_num + 1));
    send_status(std::nullopt);
    for (;;) {
        std::deque<ServiceEvent> batch;
        {
            std::unique_lock lock(mutex);
            std::uint64_t wake_at = std::min(next_status_ms, next_sync_ms);
            if (!timers.empty()) wake_at = std::min(wake_at, timers.begin()->first);
            if (pending_build) wake_at = std::min(wake_at, build_deadline_ms);
            {
                std::lock_guard g(gossip_mutex);
                if (!outbox.empty()) wake_at = std::min(wake_at, steady_ms() + kGossipFlushMs);
            }
            const std::uint64_t now = steady_ms();
            if (events.empty() && !stopping && wake_at > now) {
                cv.wait_for(lock, std::chrono::milliseconds(wake_at - now),
                            [&] { return stopping || !events.empty(); });
            }
            if (stopping) return;
            batch.swap(events);
        }
        for (auto& event : batch) handle(event);
        std::deque<bft::Action> queue;
        fire_timers(queue);
        if (pending_build && (pool.pending_count() > 0 || steady_ms() >= build_deadline_ms)) {
            build_now(queue);
        }
        while (!queue.empty()) {
            bft::Action action = std::move(queue.front());
            queue.pop_front();
            do_action(action, queue);
        }
        flush_gossip();
        periodic();
        update_snapshot();
    }
}

void BftService::Impl::handle(ServiceEvent& event) {
    if (auto* m = std::get_if<PeerConsensus>(&event)) {
        const std::uint64_t height = bft::height_of(m->message);
        // A message for a later height: the sender has committed at least height - 1 (sync).
        if (height > engine->height() && height > 0) planner.on_hint(m->peer, height - 1);
        current_peer = m->peer;
        execute(engine->on_message(m->message));
        current_peer.reset();
    } else if (auto* b = std::get_if<PeerBlocks>(&event)) {
        on_sync_blocks(*b);
    } else if (auto* j = std::get_if<PeerJoined>(&event)) {
        regossip_own(j->peer);
    } else if (auto* h = std::get_if<PeerHead>(&event)) {
        if (h->head) {
            planner.on_status(h->peer, *h->head);
        } else {
            planner.on_peer_gone(h->peer);
        }
    }
}

void BftService::Impl::execute(bft::Actions actions) {
    std::deque<bft::Action> queue(std::make_move_iterator(actions.begin()),
                                  std::make_move_iterator(actions.end()));
    while (!queue.empty()) {
        bft::Action action = std::move(queue.front());
        queue.pop_front();
        do_action(action, queue);
    }
}

void BftService::Impl::do_action(bft::Action& action, std::deque<bft::Action>& queue) {
    const auto more = [&queue](bft::Actions next) {
        for (auto& a : next) queue.push_back(std::move(a));
    };
    if (auto* persist = std::get_if<bft::PersistSigned>(&action)) {
        // Durable before anything after it in the batch (the vote's broadcast) happens.
        signed_record.store(bft::encode_last_signed(persist->record));
    } else if (auto* cast = std::get_if<bft::Broadcast>(&action)) {
        broadcast_consensus(cast->message);
    } else if (auto* build = std::get_if<bft::BuildBlock>(&action)) {
        pending_build = *build;
        build_deadline_ms = steady_ms() + empty_block_wait_ms();
        if (pool.pending_count() > 0) build_now(queue);
    } else if (auto* check = std::get_if<bft::ValidateBlock>(&action)) {
        // Only a block for the height after our head can be judged; an older request (sync moved
        // the head meanwhile) is left unanswered rather than blamed on its proposer.
        if (check->height != blocks.head().block_num + 1) return;
        const std::uint64_t t0 = steady_ms();
        const auto valid = blocks.validate(check->hash, check->block);
        height_exec_ms += steady_ms() - t0;
        if (!valid) {
            fmt::print(stderr, "bft: block {} at height {} refused: {}\n",
                       to_hex(check->hash.view()), check->height, to_string(valid.error()));
        }
        more(engine->on_block_validated(check->height, check->hash, valid.has_value()));
    } else if (auto* decided = std::get_if<bft::CommitBlock>(&action)) {
        // Sync may have committed this height already (the same block: one QC per height).
        if (decided->height != blocks.head().block_num + 1) {
            more(engine->start_height(blocks.head().block_num + 1));
            return;
        }
        const std::uint64_t t0 = steady_ms();
        (void)blocks.commit(decided->hash, decided->block, bft::encode_quorum_cert(decided->qc));
        const std::uint64_t t1 = steady_ms();
        // Empty blocks in round 0 are the idle heartbeat: not worth a log line each.
        if (blocks.last_txn_count() > 0 || decided->qc.round > 0) {
            fmt::print(stderr,
                       "bft: committed block {} ({} txns) round {} in {} ms, execution {} ms, "
                       "write {} ms\n",
                       decided->height, blocks.last_txn_count(), decided->qc.round,
                       t1 - height_started_ms, height_exec_ms, t1 - t0);
        }
        height_started_ms = t1;
        height_exec_ms = 0;
        {
            std::lock_guard lock(status_mutex);
            snapshot.last_commit_ms = unix_ms();
        }
        more(engine->start_height(decided->height + 1));
    } else if (auto* timeout = std::get_if<bft::ScheduleTimeout>(&action)) {
        timers.emplace(steady_ms() + timeout->after_ms, *timeout);
    } else if (auto* evidence = std::get_if<bft::ReportEvidence>(&action)) {
        chain.add_evidence(bft::encode_evidence(evidence->evidence));
    } else if (auto* bad = std::get_if<bft::Misbehaviour>(&action)) {
        penalize(*bad);
    }
}

std::uint64_t BftService::Impl::empty_block_wait_ms() const {
    const std::uint64_t cap = options.config.timeout_base_ms * 9 / 10;
    const std::uint64_t next_second_ms = (blocks.head().timestamp + 1) * 1000;
    const std::uint64_t now = unix_ms();
    const std::uint64_t until_clock = next_second_ms > now ? next_second_ms - now : 0;
    return std::min(cap, std::max(kEmptyBlockWaitMs, until_clock));
}

void BftService::Impl::build_now(std::deque<bft::Action>& queue) {
    const bft::BuildBlock request = *pending_build;
    pending_build.reset();
    const std::uint64_t t0 = steady_ms();
    BuiltBlock built = blocks.build(options.faults.invalid_proposal);
    height_exec_ms += steady_ms() - t0;
    for (auto& a : engine->on_block_built(request.height, request.round, std::move(built.encoded),
                                          built.hash)) {
        queue.push_back(std::move(a));
    }
}

void BftService::Impl::fire_timers(std::deque<bft::Action>& queue) {
    const std::uint64_t now = steady_ms();
    while (!timers.empty() && timers.begin()->first <= now) {
        const bft::ScheduleTimeout t = timers.begin()->second;
        timers.erase(timers.begin());
        for (auto& a : engine->on_timeout(t.height, t.round, t.step)) queue.push_back(std::move(a));
    }
}

void BftService::Impl::periodic() {
    const std::uint64_t now = steady_ms();
    if (now >= next_status_ms) {
        send_status(std::nullopt);
        next_status_ms = now + kStatusIntervalMs;
    }
    if (now >= next_sync_ms) {
        poll_sync();
        next_sync_ms = now + kSyncPollMs;
    }
    if (engine->height() != watched_height) {
        watched_height = engine->height();
        next_regossip_ms = now + kRegossipMs;
    } else if (now >= next_regossip_ms) {
        regossip_own(std::nullopt);
        next_regossip_ms = now + kRegossipMs;
    }
    if (options.faults.flood_oversized && now >= next_flood_ms) {
        flood_oversized();
        next_flood_ms = now + kFloodIntervalMs;
    }
}

void BftService::Impl::update_snapshot() {
    const std::uint64_t head = chain.head().block_num;
    std::lock_guard lock(status_mutex);
    BftStatus& s = snapshot;
    s.height = engine->height();
    s.round = engine->round();
    s.step = engine->step();
    s.locked_round = engine->locked_round();
    s.locked_hash = engine->locked_hash();
    s.own_index = engine->own_index();
    s.proposer = engine->proposer(s.height, s.round);
    if (engine->last_qc()) s.last_qc = engine->last_qc();
    s.best_peer_head = planner.best_head();
    // Behind by more than the block in flight: catching up.
    const bool syncing = s.best_peer_head > head + 1;
    if (syncing && !s.syncing) s.sync_start = head;
    s.syncing = syncing;
}

void BftService::Impl::penalize(const bft::Misbehaviour& bad) {
    // With a valid signature the named validator did it, whoever relayed it; without one the
    // index proves nothing, and the peer that delivered the message is to blame.
    std::optional<p2p::PeerId> peer;
    if (bad.proven && bad.validator_index < validators.size()) {
        std::lock_guard lock(peers_mutex);
        if (auto it = peers_by_address.find(validators.address(bad.validator_index));
            it != peers_by_address.end()) {
            peer = it->second;
        }
    }
    if (!peer) peer = current_peer;
    if (!peer) return;
    const std::string reason(bft::to_string(bad.reason));
    fmt::print(stderr, "bft: penalizing {} (validator {}): {}\n",
               p2p::peer_id_hex(*peer).substr(0, 16), bad.validator_index, reason);
    network->penalize(*peer, "bft: " + reason);
}

void BftService::Impl::broadcast_consensus(const bft::Message& message) {
    Bytes encoded = bft::encode_message(message);
    const std::uint64_t height = bft::height_of(message);
    if (height != own_height) {
        own_messages.clear();
        own_height = height;
    }
    if (own_messages.size() == kMaxOwnMessages) own_messages.pop_front();
    own_messages.push_back(encoded);
    network->broadcast(static_cast<p2p::MessageType>(NetMessageType::kConsensus),
                       std::move(encoded), p2p::Priority::kConsensus);
    if (options.faults.double_vote) {
        if (const auto* vote = std::get_if<bft::Vote>(&message);
            vote && vote->kind == bft::VoteKind::kPrevote) {
            double_vote(*vote);
        }
    }
}

void BftService::Impl::regossip_own(const std::optional<p2p::PeerId>& peer) {
    // Only messages of the height still undecided: older ones are settled by sync.
    if (own_height != engine->height()) return;
    const auto type = static_cast<p2p::MessageType>(NetMessageType::kConsensus);
    for (const Bytes& encoded : own_messages) {
        if (peer) {
            network->send(*peer, type, encoded, p2p::Priority::kConsensus);
        } else {
            network->broadcast(type, encoded, p2p::Priority::kConsensus);
        }
    }
}

void BftService::Impl::double_vote(const bft::Vote& vote) {
    // The byzantine fault hook: a second prevote for the same (height, round) and another block.
    bft::Vote other = vote;
    const Bytes seed = vote.block_hash ? to_bytes(vote.block_hash->view()) : Bytes{0};
    other.block_hash = crypto::keccak256(seed);
    auto signed_vote = bft::sign_vote(other, chain.chain_id(), options.node_key);
    if (!signed_vote) return;
    network->broadcast(static_cast<p2p::MessageType>(NetMessageType::kConsensus),
                       bft::encode_message(bft::Message{*signed_vote}), p2p::Priority::kConsensus);
}

}  // namespace yunlian::node
