#pragma once
// The inside of Network (private to the p2p part): connections, dial targets, the I/O loop.
// One mutex guards all of it; the I/O thread holds it while it works and releases it around
// poll(2). Events for the application are posted to the dispatcher while the mutex is held, so
// their order is the order things happened in; the callbacks themselves run without it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "p2p/ban_list.hpp"
#include "p2p/dispatcher.hpp"
#include "p2p/frame.hpp"
#include "p2p/hello.hpp"
#include "p2p/network.hpp"
#include "p2p/send_queue.hpp"
#include "p2p/tls_context.hpp"

namespace yunlian::p2p {

using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;

/// Bytes the I/O loop moves from a send queue into one SSL_write batch.
inline constexpr std::size_t kStagingBytes = 256 * 1024;
/// Frames at least this large are written from their own buffer rather than copied to staging.
inline constexpr std::size_t kDirectWriteBytes = 16 * 1024;
/// Bytes read from one connection per loop turn before the others get their turn.
inline constexpr std::size_t kReadBudget = 1024 * 1024;
/// A dial target learned from peer exchange is forgotten after this many failed attempts.
inline constexpr unsigned kMaxLearnedFailures = 5;

/// One TCP connection, from connect/accept to close.
struct Connection {
    /// kRetired: a proven duplicate of the peer's live connection, still read until the peer
    /// closes it or `deadline` passes, never written to by the application.
    enum class State : std::uint8_t { kConnecting, kTls, kHello, kActive, kRetired, kClosed };

    Connection(std::uint64_t serial_, int fd_, Direction direction_, const FrameLimits& limits,
               const SendQueueLimits& queue_limits)
        : serial(serial_), fd(fd_), direction(direction_), decoder(limits), queue(queue_limits) {}

    std::uint64_t serial;
    int fd;
    Direction direction;
    State state = State::kConnecting;
    SslPtr ssl;
    std::string remote_ip;
    std::uint16_t remote_port = 0;
    /// The dial target (key of Impl::targets) this outbound connection serves; empty if none.
    std::string target_key;
    SteadyTime deadline;  ///< the handshake must be done by then
    SteadyTime last_received;
    SteadyTime last_ping;
    FrameDecoder decoder;
    /// Exported keying material of this session (hello.hpp).
    Bytes binding;
    /// Known after a valid Hello.
    PeerId id;
    std::uint16_t listen_port = 0;
    SendQueue queue;
    /// The batch being written: out[out_pos..] is still to go.
    Bytes out;
    std::size_t out_pos = 0;
    /// SSL_write wanted the socket writable (poll for POLLOUT).
    bool write_blocked = false;
    /// The TLS handshake wanted the socket writable.
    bool handshake_wants_write = false;
    /// Bytes may be waiting inside OpenSSL or the read budget ran out: read again without poll.
    bool read_pending = false;
    /// Closed as a duplicate of a live connection: no reconnect backoff for its dial target.
    bool benign_close = false;
    /// Replaces a live connection to the same peer: the application is not told of either.
    bool replacing = false;
    std::uint64_t bytes_sent = 0;
    std::uint64_t bytes_received = 0;
    std::uint64_t messages_sent = 0;
    std::uint64_t messages_received = 0;
    std::uint64_t messages_dropped = 0;

    [[nodiscard]] bool has_output() const noexcept {
        return out_pos < out.size() || !queue.empty();
    }
};

/// A place the network keeps dialling.
struct DialTarget {
    PeerAddress address;
    /// Static or added by add_peer(): dialled forever. Learned through peer exchange otherwise.
    bool permanent = true;
    unsigned failures = 0;
    SteadyTime next_attempt;
    bool in_progress = false;
    /// The key found there (or expected there).
    std::optional<PeerId> id;
    /// The address turned out to be this node itself: never dialled again.
    bool is_self = false;
};

struct Network::Impl {
    Impl(NetworkConfig config_, NetworkHandlers handlers);

    // ---- set once ----
    NetworkConfig config;
    PeerId self;
    Hash network_id_hash;
    FrameLimits limits;
    std::set<PeerId> allow;
    std::unique_ptr<TlsContext> tls;
    std::unique_ptr<Dispatcher> dispatcher;

    // ---- guarded by mutex ----
    mutable std::mutex mutex;
    std::map<std::uint64_t, std::unique_ptr<Connection>> conns;
    std::uint64_t next_serial = 1;
    /// Connected (Hello done) peers: id -> connection serial.
    std::map<PeerId, std::uint64_t> active;
    /// Dial targets by "host:port".
    std::map<std::string, DialTarget> targets;
    BanList bans;
    NetworkStats counters;
    SteadyTime next_pex;
    bool started = false;

    // ---- shared with other threads without the mutex ----
    std::atomic<bool> isolated{false};
    std::atomic<bool> stopping{false};
    std::atomic<bool> wake_pending{false};
    std::atomic<std::uint16_t> bound_port{0};
    int listen_fd = -1;
    int wake_fd = -1;
    std::thread io_thread;

    // ---- network_io.cpp: the loop, sockets, TLS, reads and writes ----
    void open_sockets();
    void run();
    void wake() noexcept;
    void accept_all(SteadyTime now);
    void dial_due(SteadyTime now);
    void start_dial(DialTarget& target, const std::string& key, SteadyTime now);
    void service(Connection& c, short revents, SteadyTime now);
    void advance_tls(Connection& c, SteadyTime now);
    void read_frames(Connection& c, SteadyTime now);
    void flush(Connection& c);
    /// Marks a connection closed (posting on_peer_disconnected if it was connected); reap()
    /// frees it on the I/O thread.
    void close(Connection& c, const std::string& reason);
    /// Sends a kDisconnect with the reason (best effort, one write) and closes.
    void close_with_notice(Connection& c, const std::string& reason);
    void reap();
    void check_timers(SteadyTime now);
    void shutdown_all();

    // ---- network_peers.cpp: Hello, admission, frames, bans, peer exchange ----
    void send_hello(Connection& c);
    void on_frame(Connection& c, Frame&& frame, SteadyTime now);
    void on_hello(Connection& c, BytesView payload, SteadyTime now);
    /// Why a proven peer may not be connected, or nullopt to admit it.
    std::optional<std::string> refusal(Connection& c, const Hello& hello, SteadyTime now);
    /// Settles a second connection to an already connected peer; true when `c` lost (retired).
    bool resolve_duplicate(Connection& c, SteadyTime now);
    void retire(Connection& c, SteadyTime now);
    void admit(Connection& c, SteadyTime now);
    /// The peer broke the protocol: ban it (its IP too when inbound and allowed) and close.
    void misbehaved(Connection& c, const std::string& reason, SteadyTime now);
    void ban_peer(const PeerId& id, const std::optional<std::string>& ip, const std::string& reason,
                  SteadyTime now);
    [[nodiscard]] bool ip_bannable(const std::string& ip) const;
    void on_pex(Connection& c, BytesView payload, SteadyTime now);
    [[nodiscard]] Bytes pex_payload(const PeerId& to) const;
    void queue_control(Connection& c, ControlType type, BytesView payload, Priority priority);
    [[nodiscard]] PeerInfo info_of(const Connection& c) const;
    [[nodiscard]] Connection* active_connection(const PeerId& id);
    [[nodiscard]] std::chrono::milliseconds backoff(unsigned failures) const;
};

}  // namespace yunlian::p2p
