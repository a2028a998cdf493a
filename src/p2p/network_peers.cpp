// Peers: the Hello exchange and who is admitted, frame handling, bans and peer exchange
// (docs/P2P.md, "Handshake", "Bans", "Peer exchange").

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "p2p/network_impl.hpp"
#include "p2p/pex.hpp"

namespace yunlian::p2p {

namespace {

/// The role the other end of `c` plays in the TLS session (it signed its Hello under it).
TlsRole peer_role(const Connection& c) {
    return c.direction == Direction::kOutbound ? TlsRole::kServer : TlsRole::kClient;
}

TlsRole own_role(const Connection& c) {
    return c.direction == Direction::kOutbound ? TlsRole::kClient : TlsRole::kServer;
}

std::string short_id(const PeerId& id) { return peer_id_hex(id).substr(0, 16); }

}  // namespace

void Network::Impl::queue_control(Connection& c, ControlType type, BytesView payload,
                                  Priority priority) {
    c.queue.push_unbounded(priority, std::make_shared<const Bytes>(
                                         encode_frame(static_cast<MessageType>(type), payload)));
}

void Network::Impl::send_hello(Connection& c) {
    Hello hello;
    hello.network_id_hash = network_id_hash;
    hello.listen_port = bound_port.load();
    auto signed_hello = sign_hello(hello, config.node_key, own_role(c), c.binding);
    if (!signed_hello) {
        close(c, std::string(to_string(signed_hello.error())));
        return;
    }
    queue_control(c, ControlType::kHello, encode_hello(*signed_hello), Priority::kConsensus);
}

void Network::Impl::on_frame(Connection& c, Frame&& frame, SteadyTime now) {
    if (c.state == Connection::State::kHello) {
        if (frame.type != static_cast<MessageType>(ControlType::kHello)) {
            misbehaved(c, "first frame is not a hello", now);
            return;
        }
        on_hello(c, frame.payload, now);
        return;
    }
    ++c.messages_received;
    if (frame.type >= kFirstApplicationType) {
        PeerEvent event;
        event.kind = PeerEvent::Kind::kMessage;
        event.id = c.id;
        event.type = frame.type;
        event.payload = std::move(frame.payload);
        dispatcher->post(std::move(event));
        return;
    }
    switch (static_cast<ControlType>(frame.type)) {
        case ControlType::kHello:
            misbehaved(c, "second hello", now);
            return;
        case ControlType::kPing:
            if (frame.payload.size() != 8) {
                misbehaved(c, "ping payload is not 8 bytes", now);
                return;
            }
            queue_control(c, ControlType::kPong, frame.payload, Priority::kConsensus);
            return;
        case ControlType::kPong:
            return;
        case ControlType::kPexRequest:
            if (config.peer_exchange) {
                queue_control(c, ControlType::kPex, pex_payload(c.id), Priority::kSync);
            }
            return;
        case ControlType::kPex:
            on_pex(c, frame.payload, now);
            return;
        case ControlType::kDisconnect: {
            const std::string reason(frame.payload.begin(), frame.payload.end());
            close(c, "peer closed: " + reason);
            return;
        }
    }
}

void Network::Impl::on_hello(Connection& c, BytesView payload, SteadyTime now) {
    auto hello = decode_hello(payload);
    if (hello) {
        auto verified = verify_hello(*hello, peer_role(c), c.binding);
        if (!verified) hello = Unexpected(verified.error());
    }
    if (!hello) {
        // The claimed key is unproven, so only the IP is blamed: banning the claimed id would let
        // anyone get an honest node banned by naming its key.
        ++counters.handshakes_failed;
        const std::string reason = "bad hello: " + std::string(to_string(hello.error()));
        if (c.direction == Direction::kInbound && ip_bannable(c.remote_ip)) {
            bans.ban_ip(c.remote_ip, reason, config.ban_duration, now);
            spdlog::warn("p2p: banned {} for {} ms: {}", c.remote_ip, config.ban_duration.count(),
                         reason);
        }
        close_with_notice(c, reason);
        return;
    }
    c.id = hello->node_key;
    c.listen_port = hello->listen_port;
    if (auto reason = refusal(c, *hello, now)) {
        spdlog::debug("p2p: refused {} ({}:{}): {}", short_id(c.id), c.remote_ip, c.remote_port,
                      *reason);
        close_with_notice(c, *reason);
        return;
    }
    if (resolve_duplicate(c, now)) return;
    admit(c, now);
}

std::optional<std::string> Network::Impl::refusal(Connection& c, const Hello& hello,
                                                  SteadyTime now) {
    DialTarget* target = nullptr;
    if (!c.target_key.empty()) {
        if (auto it = targets.find(c.target_key); it != targets.end()) target = &it->second;
    }
    if (hello.version != kProtocolVersion) {
        ++counters.handshakes_failed;
        return "unsupported protocol version " + std::to_string(hello.version);
    }
    if (hello.network_id_hash != network_id_hash) {
        ++counters.refused_network_id;
        return std::string("wrong network id");
    }
    if (hello.node_key == self) {
        ++counters.refused_self;
        if (target != nullptr) target->is_self = true;
        // The inbound end of a dial to ourselves: the outbound end shares this very session
        // (same exported keying material); stop its target from being redialled too.
        for (auto& [serial, other] : conns) {
            if (other.get() != &c && other->binding == c.binding && !other->target_key.empty()) {
                if (auto it = targets.find(other->target_key); it != targets.end()) {
                    it->second.is_self = true;
                }
            }
        }
        return std::string("connection to self");
    }
    if (target != nullptr && target->address.expected_id &&
        *target->address.expected_id != hello.node_key) {
        ++counters.handshakes_failed;
        return std::string("unexpected node key");
    }
    if (config.consortium && !allow.contains(hello.node_key)) {
        ++counters.refused_allow_list;
        return std::string("node key not on the allow-list");
    }
    if (bans.is_banned(hello.node_key, now)) {
        ++counters.refused_banned;
        return std::string("banned");
    }
    if (isolated.load()) {
        ++counters.refused_isolated;
        return std::string("isolated");
    }
    if (!active.contains(hello.node_key) && active.size() >= config.max_peers) {
        return std::string("too many peers");
    }
    return std::nullopt;
}

void Network::Impl::retire(Connection& c, SteadyTime now) {
    c.state = Connection::State::kRetired;
    c.deadline = now + config.handshake_timeout;
    c.benign_close = true;
}

bool Network::Impl::resolve_duplicate(Connection& c, SteadyTime now) {
    const auto existing = active.find(c.id);
    if (existing == active.end()) return false;
    // A second connection to the same peer (both dialled at once, or the peer restarted). Keep
    // the one dialled by the smaller node key: both ends compute the same answer. When both were
    // dialled by the same side, the newer wins: the older is likely a dead socket. The loser is
    // retired, not closed: it still delivers what the peer sent on it until the peer retires it
    // too (or the handshake timeout passes), so neither side sees the peer flap.
    Connection& old = *conns.at(existing->second);
    const PeerId& new_dialer = c.direction == Direction::kOutbound ? self : c.id;
    const PeerId& old_dialer = old.direction == Direction::kOutbound ? self : c.id;
    const PeerId& preferred = std::min(self, c.id);
    if (new_dialer != old_dialer && old_dialer == preferred) {
        ++counters.refused_duplicate;
        if (!c.target_key.empty()) {
            if (auto it = targets.find(c.target_key); it != targets.end()) it->second.id = c.id;
        }
        retire(c, now);
        return true;
    }
    active.erase(existing);
    retire(old, now);
    c.replacing = true;  // the application is told of neither the swap nor the retired socket
    return false;
}

void Network::Impl::admit(Connection& c, SteadyTime now) {
    c.state = Connection::State::kActive;
    c.last_received = now;
    c.last_ping = now;
    active[c.id] = c.serial;
    if (!c.target_key.empty()) {
        if (auto it = targets.find(c.target_key); it != targets.end()) {
            it->second.failures = 0;
            it->second.id = c.id;
        }
    }
    spdlog::info("p2p: peer {} connected ({} {}:{})", short_id(c.id),
                 c.direction == Direction::kInbound ? "inbound" : "outbound", c.remote_ip,
                 c.remote_port);
    if (!c.replacing) {
        PeerEvent event;
        event.kind = PeerEvent::Kind::kConnected;
        event.id = c.id;
        event.info = info_of(c);
        dispatcher->post(std::move(event));
    }
    if (config.peer_exchange) queue_control(c, ControlType::kPexRequest, {}, Priority::kSync);
}

bool Network::Impl::ip_bannable(const std::string& ip) const {
    if (config.ban_loopback_ips) return true;
    const bool loopback = ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
    return !loopback;
}

void Network::Impl::ban_peer(const PeerId& id, const std::optional<std::string>& ip,
                             const std::string& reason, SteadyTime now) {
    bans.ban(id, ip, reason, config.ban_duration, now);
    spdlog::warn("p2p: banned peer {}{} for {} ms: {}", short_id(id),
                 ip ? " and IP " + *ip : std::string(), config.ban_duration.count(), reason);
}

void Network::Impl::misbehaved(Connection& c, const std::string& reason, SteadyTime now) {
    const bool inbound = c.direction == Direction::kInbound;
    const std::optional<std::string> ip =
        inbound && ip_bannable(c.remote_ip) ? std::optional(c.remote_ip) : std::nullopt;
    if (c.state == Connection::State::kActive || c.state == Connection::State::kRetired) {
        ban_peer(c.id, ip, reason, now);
    } else if (ip) {
        ++counters.handshakes_failed;
        bans.ban_ip(*ip, reason, config.ban_duration, now);
        spdlog::warn("p2p: banned {} for {} ms: {}", *ip, config.ban_duration.count(), reason);
    } else {
        ++counters.handshakes_failed;
    }
    close_with_notice(c, "banned: " + reason);
}

Bytes Network::Impl::pex_payload(const PeerId& to) const {
    std::vector<PexEntry> entries;
    for (const auto& [id, serial] : active) {
        if (id == to || entries.size() == kMaxPexEntries) continue;
        const Connection& c = *conns.at(serial);
        if (c.direction == Direction::kOutbound) {
            const auto t = targets.find(c.target_key);
            if (t != targets.end()) {
                entries.push_back({id, t->second.address.host, t->second.address.port});
                continue;
            }
        }
        if (c.listen_port != 0) entries.push_back({id, c.remote_ip, c.listen_port});
    }
    return encode_pex(entries);
}

void Network::Impl::on_pex(Connection& c, BytesView payload, SteadyTime now) {
    auto entries = decode_pex(payload);
    if (!entries) {
        misbehaved(c, std::string(to_string(entries.error())), now);
        return;
    }
    if (!config.peer_exchange) return;  // checked, then ignored: we did not ask
    for (const PexEntry& e : *entries) {
        if (e.id == self || active.contains(e.id)) continue;
        if (config.consortium && !allow.contains(e.id)) continue;
        const PeerAddress address{e.host, e.port, e.id};
        const std::string key = e.host + ":" + std::to_string(e.port);
        if (targets.contains(key)) continue;
        DialTarget t;
        t.address = address;
        t.permanent = false;
        t.id = e.id;
        t.next_attempt = now;
        targets.emplace(key, std::move(t));
    }
}

PeerInfo Network::Impl::info_of(const Connection& c) const {
    PeerInfo info;
    info.id = c.id;
    info.node_address = node_address_of(c.id);
    info.remote_endpoint = c.remote_ip.find(':') != std::string::npos
                               ? "[" + c.remote_ip + "]:" + std::to_string(c.remote_port)
                               : c.remote_ip + ":" + std::to_string(c.remote_port);
    info.listen_port = c.listen_port;
    info.direction = c.direction;
    info.queued_bytes = c.queue.bytes() + (c.out.size() - c.out_pos);
    info.queued_messages = c.queue.messages();
    info.bytes_sent = c.bytes_sent;
    info.bytes_received = c.bytes_received;
    info.messages_sent = c.messages_sent;
    info.messages_received = c.messages_received;
    info.messages_dropped = c.messages_dropped;
    return info;
}

Connection* Network::Impl::active_connection(const PeerId& id) {
    const auto it = active.find(id);
    if (it == active.end()) return nullptr;
    Connection& c = *conns.at(it->second);
    return c.state == Connection::State::kActive ? &c : nullptr;
}

}  // namespace yunlian::p2p
