#pragma once
// The p2p network: authenticated TLS 1.3 connections between nodes identified by their secp256k1
// node keys, carrying typed-but-opaque application messages (docs/P2P.md). OpenSSL and the socket
// loop stay in the .cpp files behind a pimpl, so including this header costs little.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/secp256k1.hpp"
#include "p2p/frame.hpp"
#include "p2p/peer_address.hpp"

namespace yunlian::p2p {

/// How urgently a message must go out. Each peer's send queue drains kConsensus first, then
/// kSync, then kGossip; kGossip is refused first when the queue fills (docs/P2P.md, "Send queues").
enum class Priority : std::uint8_t {
    kConsensus,  ///< votes, proposals, timeouts: never starved by gossip
    kSync,       ///< block-sync requests and responses
    kGossip,     ///< transactions and other relayed data; the first to be dropped
};

/// Which side opened the TCP connection.
enum class Direction : std::uint8_t { kInbound, kOutbound };

/// Limits of one peer's send queue. A message is refused (send() returns false) when it would
/// take the queued bytes past the limit of its priority; nothing grows without bound.
struct SendQueueLimits {
    /// Most bytes queued for a peer, all priorities together (frames counted whole).
    std::size_t max_bytes = 64 * 1024 * 1024;
    /// kGossip messages are refused once this many bytes are queued (so gossip can never fill
    /// the room consensus and sync need).
    std::size_t gossip_max_bytes = 8 * 1024 * 1024;
    /// Most frames queued for a peer, all priorities together.
    std::size_t max_messages = 65'536;
};

/// Everything the network needs to run. Durations are wall-time tuning, never consensus input.
struct NetworkConfig {
    /// This node's secp256k1 key: its identity; the handshake proves possession of it.
    crypto::PrivateKey node_key;
    /// Bytes both sides must share exactly (e.g. chain id || genesis hash); a peer whose network
    /// id differs is refused during the handshake. Only its Keccak-256 goes on the wire.
    Bytes network_id;
    /// Listening address (numeric IPv4 or IPv6) and port; port 0 picks any free port (see
    /// Network::listen_port()).
    std::string listen_address = "127.0.0.1";
    std::uint16_t listen_port = 0;
    /// Whether to listen at all (a node that only dials sets this false).
    bool listen = true;
    /// Peers dialled at start and redialled with backoff for as long as the network runs.
    std::vector<PeerAddress> static_peers;
    /// Consortium mode: only these node keys may connect (both directions). Off when false.
    bool consortium = false;
    std::vector<PeerId> allow_list;
    /// Most connected peers (inbound and outbound together).
    std::size_t max_peers = 50;
    /// Hard maximum payload size of any frame; a peer sending a larger one is banned.
    std::uint32_t max_frame_size = 16 * 1024 * 1024;
    /// Smaller per-type limits (a type missing here has max_frame_size).
    std::map<MessageType, std::uint32_t> max_frame_size_by_type;
    SendQueueLimits send_queue;
    /// Reconnect backoff: the first retry after `reconnect_initial`, doubling up to the cap.
    std::chrono::milliseconds reconnect_initial{250};
    std::chrono::milliseconds reconnect_max{10'000};
    /// How long a ban lasts.
    std::chrono::milliseconds ban_duration{std::chrono::minutes(10)};
    /// Whether an inbound peer's IP is banned along with its id even when it is a loopback
    /// address (off by default: every node of a local devnet shares 127.0.0.1).
    bool ban_loopback_ips = false;
    /// TCP connect + TLS handshake + Hello must finish within this.
    std::chrono::milliseconds handshake_timeout{5'000};
    /// A ping goes out after this much silence; a peer silent for 3 times as long is dropped.
    std::chrono::milliseconds ping_interval{5'000};
    /// Peer exchange: ask connected peers for theirs this often, and dial what is learned while
    /// below max_peers. Off when false.
    bool peer_exchange = true;
    std::chrono::milliseconds peer_exchange_interval{5'000};
    /// Received messages waiting for the dispatch thread (payload bytes plus a fixed cost per
    /// message); above this the I/O thread stops reading from sockets (TCP backpressure to the
    /// senders) until the backlog halves.
    std::size_t max_pending_dispatch_bytes = 128 * 1024 * 1024;
};

/// A connected, authenticated peer as the statistics report it.
struct PeerInfo {
    PeerId id;
    /// keccak256(id)[12..32], the peer's node address (the same derivation as an account address).
    Address node_address;
    /// The remote endpoint of the TCP connection, "ip:port".
    std::string remote_endpoint;
    /// The port the peer says it listens on (from its Hello; 0 if it does not listen).
    std::uint16_t listen_port = 0;
    Direction direction = Direction::kInbound;
    /// Bytes and frames waiting in this peer's send queue.
    std::size_t queued_bytes = 0;
    std::size_t queued_messages = 0;
    std::uint64_t bytes_sent = 0;
    std::uint64_t bytes_received = 0;
    std::uint64_t messages_sent = 0;
    std::uint64_t messages_received = 0;
    /// Messages refused because the queue was full.
    std::uint64_t messages_dropped = 0;
};

/// Why and until when a peer id (or, for inbound peers, an IP) is refused.
struct BanRecord {
    /// The banned node key; empty (all zeros) for a ban of an IP alone (e.g. garbage before any
    /// identity was proven).
    PeerId id;
    /// The banned IP, or empty when only the id is banned.
    std::string ip;
    std::string reason;
    std::chrono::system_clock::time_point since;
    std::chrono::system_clock::time_point until;
};

/// Counters for RPC and tests.
struct NetworkStats {
    std::vector<PeerInfo> peers;
    std::vector<BanRecord> bans;
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_dialled = 0;
    /// Connections closed before or during the handshake (bad TLS, bad Hello, refused).
    std::uint64_t handshakes_failed = 0;
    /// Connections refused after a valid Hello, each reason counted once per refusal.
    std::uint64_t refused_network_id = 0;
    std::uint64_t refused_allow_list = 0;
    std::uint64_t refused_self = 0;
    std::uint64_t refused_banned = 0;
    std::uint64_t refused_duplicate = 0;
    std::uint64_t refused_isolated = 0;
};

/// The application's callbacks. They run on the network's single dispatch thread, one at a time,
/// in the order the I/O thread saw the events, never while the network holds a lock: a callback
/// may call any Network method except stop(). A slow callback delays later callbacks and, past
/// max_pending_dispatch_bytes, reading from sockets; it never blocks the I/O thread itself.
struct NetworkHandlers {
    /// A peer finished the handshake (its key is proven and allowed).
    std::function<void(const PeerInfo&)> on_peer_connected;
    /// A connected peer is gone; `reason` says why (for logs).
    std::function<void(const PeerId&, const std::string& reason)> on_peer_disconnected;
    /// An application message (type >= kFirstApplicationType) from a connected peer.
    std::function<void(const PeerId&, MessageType, Bytes payload)> on_message;
};

/// The p2p network of one node. One I/O thread (poll(2), non-blocking sockets, non-blocking
/// OpenSSL) and one dispatch thread for the callbacks. All public methods are thread-safe.
class Network {
  public:
    /// Checks the config (throws std::invalid_argument on a bad node key). Starts nothing.
    Network(NetworkConfig config, NetworkHandlers handlers);
    /// Calls stop().
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    /// Binds the listening socket and starts the threads; static peers are dialled at once.
    /// Throws std::runtime_error when it cannot listen or TLS cannot be set up.
    void start();
    /// Closes every connection and joins the threads. Idempotent; pending callbacks are dropped.
    /// Must not be called from a callback (throws std::logic_error there).
    void stop();

    /// The port actually listened on (useful with listen_port = 0); 0 before start().
    [[nodiscard]] std::uint16_t listen_port() const noexcept;
    /// This node's id (the public key of config.node_key).
    [[nodiscard]] const PeerId& self_id() const noexcept;

    /// Queues one message for one connected peer. False when the peer is not connected, the
    /// type is reserved, the payload is over its size limit, or the queue has no room for this
    /// priority. The payload is copied once, into the frame.
    bool send(const PeerId& peer, MessageType type, BytesView payload,
              Priority priority = Priority::kSync);
    /// Queues one message for every connected peer except `except`; the frame is built once and
    /// shared. Returns how many peers took it.
    std::size_t broadcast(MessageType type, BytesView payload,
                          Priority priority = Priority::kGossip,
                          const std::optional<PeerId>& except = std::nullopt);

    /// The application found this peer misbehaving (an invalid block, a bad vote): disconnect it
    /// and ban its id (and, for an inbound peer, its IP; see ban_loopback_ips) for ban_duration.
    void penalize(const PeerId& peer, const std::string& reason);
    /// Closes the connection to a peer without banning it (it may reconnect).
    void disconnect(const PeerId& peer, const std::string& reason);
    /// Dials one more peer, redialled with backoff like a static peer.
    void add_peer(const PeerAddress& address);

    /// Test hook: while isolated, every connection is dropped, inbound ones are refused and
    /// nothing is dialled. Leaving isolation redials the known peers at once.
    void set_isolated(bool isolated);
    [[nodiscard]] bool isolated() const noexcept;

    /// Connected peers, sorted by id.
    [[nodiscard]] std::vector<PeerInfo> peers() const;
    [[nodiscard]] std::size_t peer_count() const;
    /// Whether a peer is connected (handshake done).
    [[nodiscard]] bool is_connected(const PeerId& peer) const;
    /// Bans in force, oldest first (expired ones are forgotten).
    [[nodiscard]] std::vector<BanRecord> bans() const;
    [[nodiscard]] NetworkStats stats() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::p2p
