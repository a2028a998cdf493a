// The I/O thread: poll(2) over non-blocking sockets, non-blocking OpenSSL, accepts, dials,
// reads and coalesced writes (docs/P2P.md, "Threads" and "Send queues").

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <set>
#include <stdexcept>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "p2p/network_impl.hpp"

namespace yunlian::p2p {

namespace {

/// The longest poll(2) sleep: timers (pings, handshakes, dials) are checked at least this often.
constexpr int kMaxPollMs = 100;

std::string errno_text(int error) { return std::strerror(error); }

void set_nodelay(int fd) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/// IP text and port of a socket address.
std::pair<std::string, std::uint16_t> endpoint_of(const sockaddr_storage& addr) {
    std::array<char, INET6_ADDRSTRLEN> buf{};
    if (addr.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &a->sin_addr, buf.data(), buf.size());
        return {buf.data(), ntohs(a->sin_port)};
    }
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf.data(), buf.size());
    return {buf.data(), ntohs(a->sin6_port)};
}

/// SIGPIPE from writing to a reset socket is thread-directed: blocking it on the I/O thread
/// keeps the process alive without touching the process-wide disposition (no global state).
void block_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

/// Discards a SIGPIPE left pending on this thread by a write to a closed socket.
void clear_pending_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    const timespec zero{0, 0};
    while (sigtimedwait(&set, nullptr, &zero) > 0) {
    }
}

/// Reads and discards what the peer already sent before closing: closing a socket with unread
/// data makes the kernel answer with RST, which can destroy our last frames (a kDisconnect
/// with its reason) before the peer reads them (RFC 1122 section 4.2.2.13).
void drain_and_close(int fd) {
    std::array<std::uint8_t, 16 * 1024> sink;
    for (int i = 0; i < 16; ++i) {
        if (::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT) <= 0) break;
    }
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
}

}  // namespace

void Network::Impl::open_sockets() {
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd < 0) throw std::runtime_error("p2p: eventfd: " + errno_text(errno));
    if (!config.listen) return;
    sockaddr_storage addr{};
    socklen_t len = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (::inet_pton(AF_INET, config.listen_address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(config.listen_port);
        len = sizeof(sockaddr_in);
    } else if (::inet_pton(AF_INET6, config.listen_address.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(config.listen_port);
        len = sizeof(sockaddr_in6);
    } else {
        throw std::runtime_error("p2p: listen address is not a numeric IP: " +
                                 config.listen_address);
    }
    listen_fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) throw std::runtime_error("p2p: socket: " + errno_text(errno));
    const int one = 1;
    ::setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(listen_fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listen_fd, 128) != 0) {
        const int error = errno;
        ::close(listen_fd);
        listen_fd = -1;
        throw std::runtime_error("p2p: cannot listen on " + config.listen_address + ":" +
                                 std::to_string(config.listen_port) + ": " + errno_text(error));
    }
    sockaddr_storage bound{};
    socklen_t bound_len = sizeof(bound);
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &bound_len);
    bound_port = endpoint_of(bound).second;
}

void Network::Impl::wake() noexcept {
    if (wake_pending.exchange(true)) return;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wake_fd, &one, sizeof(one));
}

void Network::Impl::run() {
    block_sigpipe();
    std::vector<pollfd> fds;
    std::vector<std::uint64_t> serials;
    while (!stopping.load()) {
        int timeout = kMaxPollMs;
        fds.clear();
        serials.clear();
        {
            const std::lock_guard lock(mutex);
            const SteadyTime now = SteadyClock::now();
            check_timers(now);
            dial_due(now);
            reap();
            fds.push_back({wake_fd, POLLIN, 0});
            if (listen_fd >= 0) fds.push_back({listen_fd, POLLIN, 0});
            const bool may_read = dispatcher->pending_bytes() < config.max_pending_dispatch_bytes;
            for (const auto& [serial, c] : conns) {
                short events = 0;
                if (c->state == Connection::State::kConnecting) {
                    events = POLLOUT;
                } else {
                    const bool proven = c->state == Connection::State::kActive ||
                                        c->state == Connection::State::kRetired;
                    if (may_read || !proven) events |= POLLIN;
                    if (c->write_blocked || c->handshake_wants_write) events |= POLLOUT;
                    if (may_read && c->read_pending) timeout = 0;
                }
                fds.push_back({c->fd, events, 0});
                serials.push_back(serial);
            }
        }
        const int ready = ::poll(fds.data(), fds.size(), timeout);
        if (ready < 0 && errno != EINTR) {
            spdlog::error("p2p: poll failed: {}", errno_text(errno));
            break;
        }
        if (fds[0].revents & POLLIN) {
            std::uint64_t value = 0;
            [[maybe_unused]] const auto got = ::read(wake_fd, &value, sizeof(value));
        }
        wake_pending = false;
        const std::lock_guard lock(mutex);
        const SteadyTime now = SteadyClock::now();
        const std::size_t first = listen_fd >= 0 ? 2 : 1;
        if (listen_fd >= 0 && (fds[1].revents & POLLIN)) accept_all(now);
        for (std::size_t i = 0; i < serials.size(); ++i) {
            const auto it = conns.find(serials[i]);
            if (it == conns.end()) continue;
            Connection& c = *it->second;
            const short revents = fds[first + i].revents;
            if (revents != 0 || c.read_pending || (c.has_output() && !c.write_blocked)) {
                service(c, revents, now);
            }
        }
        clear_pending_sigpipe();
    }
    shutdown_all();
}

void Network::Impl::accept_all(SteadyTime now) {
    for (;;) {
        sockaddr_storage addr{};
        socklen_t len = sizeof(addr);
        const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;  // EAGAIN, or a transient error: poll reports the next one
        auto [ip, port] = endpoint_of(addr);
        ++counters.connections_accepted;
        const std::size_t pending = conns.size();
        if (isolated.load()) {
            ++counters.refused_isolated;
            ::close(fd);
            continue;
        }
        if (bans.is_ip_banned(ip, now)) {
            ++counters.refused_banned;
            ::close(fd);
            continue;
        }
        // Half-open handshakes count too, so a flood of idle sockets cannot exhaust memory.
        if (pending >= 2 * config.max_peers + 8) {
            ::close(fd);
            continue;
        }
        set_nodelay(fd);
        auto c = std::make_unique<Connection>(next_serial++, fd, Direction::kInbound, limits,
                                              config.send_queue);
        c->remote_ip = std::move(ip);
        c->remote_port = port;
        c->deadline = now + config.handshake_timeout;
        try {
            c->ssl = tls->make_session(fd, TlsRole::kServer);
        } catch (const std::exception& e) {
            spdlog::error("p2p: {}", e.what());
            ::close(fd);
            continue;
        }
        c->state = Connection::State::kTls;
        Connection& ref = *c;
        conns.emplace(ref.serial, std::move(c));
        advance_tls(ref, now);
    }
}

std::chrono::milliseconds Network::Impl::backoff(unsigned failures) const {
    const auto initial = std::max(config.reconnect_initial, std::chrono::milliseconds(1));
    auto delay = initial;
    for (unsigned i = 0; i < failures && delay < config.reconnect_max; ++i) delay *= 2;
    return std::min(delay, config.reconnect_max);
}

void Network::Impl::dial_due(SteadyTime now) {
    if (isolated.load() || stopping.load()) return;
    // Two addresses of one node (a name and its IP) are never dialled at once: both
    // connections would be outbound from here and the duplicate rule could keep different ones
    // on the two ends.
    std::set<PeerId> dialling;
    for (const auto& [key, t] : targets) {
        if (t.in_progress && t.id) dialling.insert(*t.id);
    }
    for (auto it = targets.begin(); it != targets.end();) {
        DialTarget& t = it->second;
        if (!t.permanent && t.failures >= kMaxLearnedFailures) {
            it = targets.erase(it);
            continue;
        }
        const bool wait = t.is_self || t.in_progress || t.next_attempt > now ||
                          (t.id && (active.contains(*t.id) || dialling.contains(*t.id))) ||
                          (!t.permanent && active.size() >= config.max_peers);
        if (!wait) {
            if (t.id) {
                if (auto until = bans.banned_until(*t.id, now)) {
                    t.next_attempt = *until;
                    ++it;
                    continue;
                }
            }
            start_dial(t, it->first, now);
            if (t.in_progress && t.id) dialling.insert(*t.id);
        }
        ++it;
    }
}

void Network::Impl::start_dial(DialTarget& target, const std::string& key, SteadyTime now) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(target.address.port);
    // Numeric hosts resolve at once; a name is resolved here, on the I/O thread (docs/P2P.md).
    const int rc = ::getaddrinfo(target.address.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0 || found == nullptr) {
        spdlog::debug("p2p: cannot resolve {}: {}", key, ::gai_strerror(rc));
        ++target.failures;
        target.next_attempt = now + backoff(target.failures);
        return;
    }
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int error = fd < 0 ? errno : 0;
    if (fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) != 0 && errno != EINPROGRESS) {
        error = errno;
        ::close(fd);
    }
    sockaddr_storage addr{};
    std::memcpy(&addr, found->ai_addr, std::min<std::size_t>(found->ai_addrlen, sizeof(addr)));
    ::freeaddrinfo(found);
    ++counters.connections_dialled;
    if (error != 0) {
        spdlog::debug("p2p: dial {} failed: {}", key, errno_text(error));
        ++target.failures;
        target.next_attempt = now + backoff(target.failures);
        return;
    }
    set_nodelay(fd);
    auto c = std::make_unique<Connection>(next_serial++, fd, Direction::kOutbound, limits,
                                          config.send_queue);
    std::tie(c->remote_ip, c->remote_port) = endpoint_of(addr);
    c->target_key = key;
    c->deadline = now + config.handshake_timeout;
    target.in_progress = true;
    conns.emplace(c->serial, std::move(c));
}

void Network::Impl::service(Connection& c, short revents, SteadyTime now) {
    if (c.state == Connection::State::kClosed) return;
    if (c.state == Connection::State::kConnecting) {
        if ((revents & (POLLOUT | POLLERR | POLLHUP)) == 0) return;
        int error = 0;
        socklen_t len = sizeof(error);
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            close(c, "connect failed: " + errno_text(error));
            return;
        }
        try {
            c.ssl = tls->make_session(c.fd, TlsRole::kClient);
        } catch (const std::exception& e) {
            close(c, e.what());
            return;
        }
        c.state = Connection::State::kTls;
    }
    if (revents & POLLOUT) c.write_blocked = false;
    if (c.state == Connection::State::kTls) {
        advance_tls(c, now);
        return;
    }
    read_frames(c, now);
    if (c.state != Connection::State::kClosed) flush(c);
}

void Network::Impl::advance_tls(Connection& c, SteadyTime now) {
    ERR_clear_error();
    const int rc = SSL_do_handshake(c.ssl.get());
    if (rc == 1) {
        c.handshake_wants_write = false;
        c.binding = export_session_binding(c.ssl.get());
        if (c.binding.empty()) {
            ++counters.handshakes_failed;
            close(c, "TLS keying material export failed");
            return;
        }
        c.state = Connection::State::kHello;
        send_hello(c);
        read_frames(c, now);
        if (c.state != Connection::State::kClosed) flush(c);
        return;
    }
    const int error = SSL_get_error(c.ssl.get(), rc);
    if (error == SSL_ERROR_WANT_READ) {
        c.handshake_wants_write = false;
        return;
    }
    if (error == SSL_ERROR_WANT_WRITE) {
        c.handshake_wants_write = true;
        return;
    }
    ++counters.handshakes_failed;
    const std::string reason = "TLS handshake failed: " + take_ssl_errors();
    // Garbage before any identity: only the IP can be blamed (never a loopback one by default).
    if (c.direction == Direction::kInbound && ip_bannable(c.remote_ip)) {
        bans.ban_ip(c.remote_ip, reason, config.ban_duration, now);
        spdlog::warn("p2p: banned {} for {} ms: {}", c.remote_ip, config.ban_duration.count(),
                     reason);
    }
    close(c, reason);
}

void Network::Impl::read_frames(Connection& c, SteadyTime now) {
    c.read_pending = false;
    if ((c.state == Connection::State::kActive || c.state == Connection::State::kRetired) &&
        dispatcher->pending_bytes() >= config.max_pending_dispatch_bytes) {
        c.read_pending = true;  // resume when the dispatcher drains (it wakes the loop)
        return;
    }
    std::array<std::uint8_t, 64 * 1024> buffer;
    std::vector<Frame> frames;
    std::size_t total = 0;
    while (total < kReadBudget) {
        ERR_clear_error();
        const int n = SSL_read(c.ssl.get(), buffer.data(), static_cast<int>(buffer.size()));
        if (n <= 0) {
            const int error = SSL_get_error(c.ssl.get(), n);
            if (error == SSL_ERROR_WANT_READ) return;
            if (error == SSL_ERROR_WANT_WRITE) {
                c.write_blocked = true;
                return;
            }
            close(c, error == SSL_ERROR_ZERO_RETURN ? "closed by peer" : "connection lost");
            return;
        }
        const auto size = static_cast<std::size_t>(n);
        total += size;
        c.bytes_received += size;
        c.last_received = now;
        frames.clear();
        auto fed = c.decoder.feed(BytesView(buffer.data(), size), frames);
        for (Frame& frame : frames) {
            on_frame(c, std::move(frame), now);
            if (c.state == Connection::State::kClosed) return;
        }
        if (!fed) {
            misbehaved(c, std::string(to_string(fed.error())), now);
            return;
        }
    }
    c.read_pending = true;
}

void Network::Impl::flush(Connection& c) {
    while (c.state != Connection::State::kClosed) {
        BytesView pending;
        bool direct = false;
        if (c.out_pos == c.out.size()) {
            c.out.clear();
            c.out_pos = 0;
            // A large frame goes out from its own buffer (no staging copy); small ones are
            // gathered so that one SSL_write carries many.
            pending = c.queue.peek();
            if (pending.empty()) return;
            direct = pending.size() >= kDirectWriteBytes;
            if (!direct) {
                c.messages_sent += c.queue.fill(c.out, kStagingBytes);
                pending = BytesView(c.out);
            }
        } else {
            pending = BytesView(c.out).subspan(c.out_pos);
        }
        ERR_clear_error();
        const int n = SSL_write(c.ssl.get(), pending.data(),
                                static_cast<int>(std::min<std::size_t>(pending.size(), 1 << 30)));
        if (n > 0) {
            const auto written = static_cast<std::size_t>(n);
            if (direct) {
                c.messages_sent += c.queue.consume(written);
            } else {
                c.out_pos += written;
            }
            c.bytes_sent += written;
            continue;
        }
        const int error = SSL_get_error(c.ssl.get(), n);
        if (error == SSL_ERROR_WANT_WRITE) {
            c.write_blocked = true;
            return;
        }
        if (error == SSL_ERROR_WANT_READ) return;
        close(c, "connection lost while writing");
    }
}

void Network::Impl::close(Connection& c, const std::string& reason) {
    if (c.state == Connection::State::kClosed) return;
    const bool was_active = c.state == Connection::State::kActive;
    if (c.state != Connection::State::kActive && c.state != Connection::State::kRetired) {
        spdlog::debug("p2p: connection {}:{} closed during handshake: {}", c.remote_ip,
                      c.remote_port, reason);
    }
    c.state = Connection::State::kClosed;
    if (was_active) {
        const auto it = active.find(c.id);
        if (it != active.end() && it->second == c.serial) {
            active.erase(it);
            spdlog::info("p2p: peer {} ({}:{}) disconnected: {}", peer_id_hex(c.id).substr(0, 16),
                         c.remote_ip, c.remote_port, reason);
            PeerEvent event;
            event.kind = PeerEvent::Kind::kDisconnected;
            event.id = c.id;
            event.reason = reason;
            dispatcher->post(std::move(event));
        }
    }
    if (!c.target_key.empty()) {
        const auto it = targets.find(c.target_key);
        if (it != targets.end()) {
            DialTarget& t = it->second;
            t.in_progress = false;
            if (was_active || c.benign_close) {
                t.failures = 0;
            } else {
                ++t.failures;
            }
            t.next_attempt = SteadyClock::now() + backoff(t.failures);
        }
    }
    wake();
}

void Network::Impl::close_with_notice(Connection& c, const std::string& reason) {
    if (c.state == Connection::State::kClosed) return;
    if (c.state == Connection::State::kHello || c.state == Connection::State::kActive ||
        c.state == Connection::State::kRetired) {
        // The notice goes after what is queued (our Hello may still be there, and the peer needs
        // it to make sense of the refusal): one best-effort flush; the socket closes anyway.
        const std::string text = reason.substr(0, kMaxDisconnectReason);
        queue_control(c, ControlType::kDisconnect, as_bytes(text), Priority::kConsensus);
        flush(c);
    }
    close(c, reason);
}

void Network::Impl::reap() {
    for (auto it = conns.begin(); it != conns.end();) {
        Connection& c = *it->second;
        if (c.state != Connection::State::kClosed) {
            ++it;
            continue;
        }
        if (c.ssl) {
            ERR_clear_error();
            SSL_shutdown(c.ssl.get());  // close_notify, best effort on a non-blocking socket
            ERR_clear_error();
        }
        c.ssl.reset();
        drain_and_close(c.fd);
        it = conns.erase(it);
    }
}

void Network::Impl::check_timers(SteadyTime now) {
    const auto silence_limit = 3 * config.ping_interval;
    // While reads are paused for the application's backlog, silence is our doing, not the peer's.
    const bool reads_paused = dispatcher->pending_bytes() >= config.max_pending_dispatch_bytes;
    const bool pex_due = config.peer_exchange && now >= next_pex;
    if (pex_due) next_pex = now + config.peer_exchange_interval;
    for (auto& [serial, cp] : conns) {
        Connection& c = *cp;
        if (c.state == Connection::State::kClosed) continue;
        if (c.state == Connection::State::kRetired) {
            if (now > c.deadline) close_with_notice(c, "duplicate connection retired");
            continue;
        }
        if (c.state != Connection::State::kActive) {
            if (now > c.deadline) {
                ++counters.handshakes_failed;
                close(c, "handshake timeout");
            }
            continue;
        }
        if (reads_paused) c.last_received = now;
        if (now - c.last_received > silence_limit) {
            close_with_notice(c, "ping timeout");
            continue;
        }
        if (now - c.last_ping >= config.ping_interval) {
            std::array<std::uint8_t, 8> nonce{};
            const auto ticks = static_cast<std::uint64_t>(now.time_since_epoch().count());
            for (std::size_t i = 0; i < 8; ++i)
                nonce[i] = static_cast<std::uint8_t>(ticks >> (8 * i));
            queue_control(c, ControlType::kPing, nonce, Priority::kConsensus);
            c.last_ping = now;
        }
        if (pex_due) queue_control(c, ControlType::kPexRequest, {}, Priority::kSync);
    }
}

void Network::Impl::shutdown_all() {
    const std::lock_guard lock(mutex);
    for (auto& [serial, c] : conns) close_with_notice(*c, "shutting down");
    reap();
    if (listen_fd >= 0) ::close(listen_fd);
    listen_fd = -1;
}

}  // namespace yunlian::p2p
