#pragma once
// BftService's state, shared by its two source files: bft_service.cpp (the consensus thread and
// the engine's actions) and bft_service_net.cpp (p2p messages, gossip, sync). Private to them.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <variant>

#include "chain/durable_record.hpp"
#include "consensus/bft/bft_engine.hpp"
#include "node/bft_blocks.hpp"
#include "node/bft_service.hpp"
#include "node/net_messages.hpp"
#include "node/sync_planner.hpp"
#include "p2p/network.hpp"
#include "p2p/seen_cache.hpp"

namespace yunlian::node {

namespace bft = consensus::bft;

/// Milliseconds on the monotonic clock (timers) and on the wall clock (reports).
[[nodiscard]] std::uint64_t steady_ms();
[[nodiscard]] std::uint64_t unix_ms();

/// How long a proposer with an empty pool waits at least for transactions before proposing an
/// empty block. It waits longer, up to 9/10 of the propose timeout, until the wall clock passes
/// the parent's timestamp, so that an idle chain makes about one block a second and its block
/// timestamps (seconds, strictly increasing) keep pace with the clock instead of running ahead.
inline constexpr std::uint64_t kEmptyBlockWaitMs = 250;
/// Transactions are gossiped in batches at most this often.
inline constexpr std::uint64_t kGossipFlushMs = 5;
/// Status goes to every peer this often; sync is planned this often.
inline constexpr std::uint64_t kStatusIntervalMs = 1000;
inline constexpr std::uint64_t kSyncPollMs = 100;
/// A height that has not been decided for this long gets this node's own proposal and votes of
/// it sent again, and again after as long, until it is decided. A validator that restarted or
/// reconnected meanwhile missed them, and the round's timeouts, grown by then, would otherwise
/// keep it in an older round for as long (the round skip needs f + 1 votes of the newer round).
inline constexpr std::uint64_t kRegossipMs = 2000;
/// Own consensus messages of the current height kept for that.
inline constexpr std::size_t kMaxOwnMessages = 16;
/// The oversized-flood fault sends this often.
inline constexpr std::uint64_t kFloodIntervalMs = 200;
/// Events queued for the consensus thread beyond this are dropped (a peer flooding votes).
inline constexpr std::size_t kMaxQueuedEvents = 50'000;
/// A transaction batch frame stays under this.
inline constexpr std::size_t kMaxTxnsFrameBytes = 2 * 1024 * 1024;
/// Transactions from peers waiting for admission beyond this are dropped (gossip is best effort;
/// the pool bounds what it keeps anyway).
inline constexpr std::size_t kMaxIntakeTxns = 100'000;
/// A sync response frame stays under this (blocks beyond it are left for the next request).
inline constexpr std::size_t kMaxSyncResponseBytes = 8 * 1024 * 1024;

/// A consensus message from a peer.
struct PeerConsensus {
    p2p::PeerId peer;
    bft::Message message;
};
/// Blocks from a peer in answer to a sync request.
struct PeerBlocks {
    p2p::PeerId peer;
    SyncResponse response;
};
/// A peer's head (Status), or its disconnection (nullopt).
struct PeerHead {
    p2p::PeerId peer;
    std::optional<std::uint64_t> head;
};
/// A peer connected: it gets this node's messages of the current height.
struct PeerJoined {
    p2p::PeerId peer;
};

/// Something to look at now (transactions arrived, a flush is due).
struct Wake {};

using ServiceEvent = std::variant<PeerConsensus, PeerBlocks, PeerHead, PeerJoined, Wake>;

/// A sync block waiting for the blocks below it, with the peer that sent it.
struct PendingSyncBlock {
    p2p::PeerId peer;
    SyncBlock block;
};

struct BftService::Impl {
    BftServiceOptions options;
    chain::ChainStore& chain;
    txpool::TxPool& pool;
    OnBlock on_block;
    bft::ValidatorSet validators;
    chain::DurableRecord signed_record;
    BftBlocks blocks;
    std::unique_ptr<bft::BftEngine> engine;  // consensus thread only
    std::unique_ptr<p2p::Network> network;
    p2p::SeenCache seen_txns{1 << 18};

    // The consensus thread's queue.
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<ServiceEvent> events;
    bool stopping = false;
    std::thread thread;

    // Consensus thread only.
    std::multimap<std::uint64_t, bft::ScheduleTimeout> timers;
    std::optional<bft::BuildBlock> pending_build;
    std::uint64_t build_deadline_ms = 0;
    SyncPlanner planner;
    std::map<std::uint64_t, PendingSyncBlock> sync_buffer;
    std::optional<p2p::PeerId> current_peer;
    std::uint64_t next_status_ms = 0;
    std::uint64_t next_sync_ms = 0;
    std::uint64_t next_flood_ms = 0;
    std::uint64_t next_regossip_ms = 0;
    /// The height the engine was at when periodic() last looked.
    std::uint64_t watched_height = 0;
    /// This node's signed messages of height `own_height`, encoded, oldest first.
    std::uint64_t own_height = 0;
    std::deque<Bytes> own_messages;
    /// When the current height started, and the time spent executing blocks in it (the log line
    /// of each commit reports both).
    std::uint64_t height_started_ms = 0;
    std::uint64_t height_exec_ms = 0;

    // Transaction intake: batches from peers wait here for the intake thread, so that signature
    // recovery never delays the consensus messages behind them on the network's dispatch thread.
    std::mutex intake_mutex;
    std::condition_variable intake_cv;
    std::deque<std::pair<p2p::PeerId, TxnsMessage>> intake;
    std::size_t intake_txns = 0;
    bool intake_stopping = false;
    std::thread intake_thread;

    // Gossip outbox (any thread), by the peer the transactions came from (nullopt: RPC).
    std::mutex gossip_mutex;
    std::map<std::optional<p2p::PeerId>, std::vector<Bytes>> outbox;
    std::size_t outbox_bytes = 0;

    // Connected peers by node address (dispatch thread writes, consensus thread reads).
    mutable std::mutex peers_mutex;
    std::map<Address, p2p::PeerId> peers_by_address;

    // What RPC reads.
    mutable std::mutex status_mutex;
    BftStatus snapshot;

    Impl(BftServiceOptions opts, chain::ChainStore& c, txpool::TxPool& p, OnBlock ob,
         bft::ValidatorSet vs);

    // bft_service.cpp: the consensus thread.
    void run();
    void push(ServiceEvent event);
    void handle(ServiceEvent& event);
    void execute(bft::Actions actions);
    void do_action(bft::Action& action, std::deque<bft::Action>& queue);
    void build_now(std::deque<bft::Action>& queue);
    [[nodiscard]] std::uint64_t empty_block_wait_ms() const;
    void fire_timers(std::deque<bft::Action>& queue);
    void periodic();
    void update_snapshot();
    void penalize(const bft::Misbehaviour& bad);
    void broadcast_consensus(const bft::Message& message);
    void regossip_own(const std::optional<p2p::PeerId>& peer);
    void double_vote(const bft::Vote& vote);

    // bft_service_net.cpp: p2p.
    p2p::NetworkConfig network_config() const;
    void on_peer_connected(const p2p::PeerInfo& info);
    void on_peer_disconnected(const p2p::PeerId& peer);
    void on_message(const p2p::PeerId& peer, p2p::MessageType type, Bytes payload);
    void on_txns(const p2p::PeerId& peer, BytesView payload);
    void run_intake();
    void admit_txns(const p2p::PeerId& peer, TxnsMessage& message);
    void on_sync_request(const p2p::PeerId& peer, BytesView payload);
    void queue_gossip(const std::optional<p2p::PeerId>& source, Bytes raw);
    void flush_gossip();
    void send_status(const std::optional<p2p::PeerId>& peer);
    // bft_service_net.cpp: sync, on the consensus thread.
    void on_sync_blocks(PeerBlocks& blocks);
    void poll_sync();
    void drain_sync(std::deque<bft::Action>& queue);
    void flood_oversized();
};

}  // namespace yunlian::node
