// Network's public methods: they take the mutex, change state and wake the I/O thread.

#include "p2p/network.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "crypto/keccak.hpp"
#include "p2p/network_impl.hpp"

namespace yunlian::p2p {

namespace {

std::string target_key(const PeerAddress& address) {
    return address.host + ":" + std::to_string(address.port);
}

}  // namespace

Network::Impl::Impl(NetworkConfig config_, NetworkHandlers handlers) : config(std::move(config_)) {
    auto key = crypto::public_key_of(config.node_key);
    if (!key) throw std::invalid_argument("p2p: the node key is not a valid secp256k1 key");
    self = *key;
    network_id_hash = crypto::keccak256(config.network_id);
    limits.max_frame_size = config.max_frame_size;
    limits.by_type = config.max_frame_size_by_type;
    allow.insert(config.allow_list.begin(), config.allow_list.end());
    // Reading resumes once the backlog halves, so the loop does not flap around the limit.
    dispatcher = std::make_unique<Dispatcher>(
        std::move(handlers), config.max_pending_dispatch_bytes / 2, [this] { wake(); });
}

Network::Network(NetworkConfig config, NetworkHandlers handlers)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(handlers))) {}

Network::~Network() {
    try {
        stop();
    } catch (const std::exception& e) {
        spdlog::error("p2p: stopping the network in its destructor failed: {}", e.what());
    }
}

void Network::start() {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    if (m.started) return;
    if (m.stopping) throw std::logic_error("p2p: a stopped Network cannot be started again");
    m.tls = std::make_unique<TlsContext>();
    try {
        m.open_sockets();
    } catch (...) {
        if (m.wake_fd >= 0) ::close(m.wake_fd);
        m.wake_fd = -1;
        throw;
    }
    const SteadyTime now = SteadyClock::now();
    for (const PeerAddress& address : m.config.static_peers) {
        DialTarget t;
        t.address = address;
        t.id = address.expected_id;
        t.next_attempt = now;
        m.targets.emplace(target_key(address), std::move(t));
    }
    m.next_pex = now + m.config.peer_exchange_interval;
    m.started = true;
    m.dispatcher->start();
    m.io_thread = std::thread([&m] { m.run(); });
    spdlog::info("p2p: node {} listening on {}:{}", peer_id_hex(m.self).substr(0, 16),
                 m.config.listen_address, m.bound_port.load());
}

void Network::stop() {
    Impl& m = *m_impl;
    if (m.dispatcher->on_dispatch_thread()) {
        throw std::logic_error("p2p: Network::stop() called from a network callback");
    }
    {
        const std::lock_guard lock(m.mutex);
        if (!m.started) return;
        m.started = false;
        m.stopping = true;
    }
    m.wake();
    if (m.io_thread.joinable()) m.io_thread.join();
    m.dispatcher->stop();
    if (m.wake_fd >= 0) ::close(m.wake_fd);
    m.wake_fd = -1;
}

std::uint16_t Network::listen_port() const noexcept { return m_impl->bound_port.load(); }

const PeerId& Network::self_id() const noexcept { return m_impl->self; }

bool Network::send(const PeerId& peer, MessageType type, BytesView payload, Priority priority) {
    Impl& m = *m_impl;
    if (type < kFirstApplicationType || payload.size() > m.limits.limit_for(type)) return false;
    auto frame = std::make_shared<const Bytes>(encode_frame(type, payload));
    const std::lock_guard lock(m.mutex);
    Connection* c = m.active_connection(peer);
    if (c == nullptr) return false;
    const bool was_idle = !c->has_output();
    if (!c->queue.push(priority, std::move(frame))) {
        ++c->messages_dropped;
        return false;
    }
    if (was_idle) m.wake();
    return true;
}

std::size_t Network::broadcast(MessageType type, BytesView payload, Priority priority,
                               const std::optional<PeerId>& except) {
    Impl& m = *m_impl;
    if (type < kFirstApplicationType || payload.size() > m.limits.limit_for(type)) return 0;
    const auto frame = std::make_shared<const Bytes>(encode_frame(type, payload));
    const std::lock_guard lock(m.mutex);
    std::size_t taken = 0;
    bool wake = false;
    for (const auto& [id, serial] : m.active) {
        if (except && *except == id) continue;
        Connection& c = *m.conns.at(serial);
        if (c.state != Connection::State::kActive) continue;
        const bool was_idle = !c.has_output();
        if (!c.queue.push(priority, frame)) {
            ++c.messages_dropped;
            continue;
        }
        wake = wake || was_idle;
        ++taken;
    }
    if (wake) m.wake();
    return taken;
}

void Network::penalize(const PeerId& peer, const std::string& reason) {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    const SteadyTime now = SteadyClock::now();
    Connection* c = m.active_connection(peer);
    if (c == nullptr) {
        m.ban_peer(peer, std::nullopt, reason, now);
        return;
    }
    const bool inbound = c->direction == Direction::kInbound;
    const auto ip =
        inbound && m.ip_bannable(c->remote_ip) ? std::optional(c->remote_ip) : std::nullopt;
    m.ban_peer(peer, ip, reason, now);
    m.close_with_notice(*c, "banned: " + reason);
}

void Network::disconnect(const PeerId& peer, const std::string& reason) {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    if (Connection* c = m.active_connection(peer)) m.close_with_notice(*c, reason);
}

void Network::add_peer(const PeerAddress& address) {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    const std::string key = target_key(address);
    auto [it, inserted] = m.targets.try_emplace(key);
    DialTarget& t = it->second;
    t.address = address;
    t.permanent = true;
    if (address.expected_id) t.id = address.expected_id;
    if (inserted) t.next_attempt = SteadyClock::now();
    m.wake();
}

void Network::set_isolated(bool isolated) {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    if (m.isolated.exchange(isolated) == isolated) return;
    spdlog::warn("p2p: {} isolation", isolated ? "entering" : "leaving");
    if (isolated) {
        for (auto& [serial, c] : m.conns) m.close_with_notice(*c, "isolated");
    } else {
        const SteadyTime now = SteadyClock::now();
        for (auto& [key, t] : m.targets) {
            t.failures = 0;
            t.next_attempt = now;
        }
    }
    m.wake();
}

bool Network::isolated() const noexcept { return m_impl->isolated.load(); }

std::vector<PeerInfo> Network::peers() const {
    const Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    std::vector<PeerInfo> out;
    out.reserve(m.active.size());
    for (const auto& [id, serial] : m.active) out.push_back(m.info_of(*m.conns.at(serial)));
    return out;
}

std::size_t Network::peer_count() const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->active.size();
}

bool Network::is_connected(const PeerId& peer) const {
    const std::lock_guard lock(m_impl->mutex);
    return m_impl->active.contains(peer);
}

std::vector<BanRecord> Network::bans() const {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    return m.bans.list(SteadyClock::now());
}

NetworkStats Network::stats() const {
    Impl& m = *m_impl;
    const std::lock_guard lock(m.mutex);
    NetworkStats out = m.counters;
    for (const auto& [id, serial] : m.active) out.peers.push_back(m.info_of(*m.conns.at(serial)));
    out.bans = m.bans.list(SteadyClock::now());
    return out;
}

}  // namespace yunlian::p2p
