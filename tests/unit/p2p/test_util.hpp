#pragma once
// Helpers for the p2p tests: deterministic node keys, a config with short timers, an event
// recorder with condition waits, and polling waits on a Network's state (all bounded in time).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "p2p/network.hpp"

namespace yunlian::p2p::test {

using namespace std::chrono_literals;

/// A valid secp256k1 key whose last byte is `seed` (seed > 0).
inline crypto::PrivateKey key_of(std::uint8_t seed) {
    crypto::PrivateKey key;
    key[31] = seed;
    key[0] = 0x11;
    return key;
}

inline PeerId id_of(std::uint8_t seed) { return *crypto::public_key_of(key_of(seed)); }

/// A config for tests: ephemeral port, short backoff, pings and peer exchange.
inline NetworkConfig test_config(std::uint8_t seed) {
    NetworkConfig c;
    c.node_key = key_of(seed);
    c.network_id = to_bytes(as_bytes("yunlian-test-net"));
    c.listen_port = 0;
    c.reconnect_initial = 50ms;
    c.reconnect_max = 400ms;
    c.ban_duration = 30s;
    c.handshake_timeout = 2s;
    c.ping_interval = 1s;
    c.peer_exchange = false;
    c.peer_exchange_interval = 200ms;
    return c;
}

inline PeerAddress local(std::uint16_t port) { return PeerAddress{"127.0.0.1", port, {}}; }

/// Records callbacks; tests wait on it with timeouts.
class Recorder {
  public:
    struct Message {
        PeerId from;
        MessageType type;
        Bytes payload;
    };

    NetworkHandlers handlers() {
        NetworkHandlers h;
        h.on_peer_connected = [this](const PeerInfo& info) {
            const std::lock_guard lock(m_mutex);
            connected.push_back(info.id);
            m_cv.notify_all();
        };
        h.on_peer_disconnected = [this](const PeerId& id, const std::string& reason) {
            const std::lock_guard lock(m_mutex);
            disconnected.emplace_back(id, reason);
            m_cv.notify_all();
        };
        h.on_message = [this](const PeerId& id, MessageType type, Bytes payload) {
            if (before_message) before_message();
            const std::lock_guard lock(m_mutex);
            messages.push_back({id, type, std::move(payload)});
            m_cv.notify_all();
        };
        return h;
    }

    /// Waits until `pred` (called with the lock held) holds, or the timeout passes.
    bool wait(const std::function<bool()>& pred, std::chrono::milliseconds timeout = 5s) {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, pred);
    }

    std::size_t message_count() {
        const std::lock_guard lock(m_mutex);
        return messages.size();
    }

    /// Runs on the dispatch thread before each message is recorded (to block it in tests).
    std::function<void()> before_message;
    std::vector<PeerId> connected;
    std::vector<std::pair<PeerId, std::string>> disconnected;
    std::vector<Message> messages;

  private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
};

/// Polls `pred` every 5 ms until it holds or `timeout` passes.
inline bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = 5s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return pred();
}

/// Holds `pred` true for the whole of `period` (checked every 10 ms).
inline bool stays(const std::function<bool()>& pred, std::chrono::milliseconds period) {
    const auto end = std::chrono::steady_clock::now() + period;
    while (std::chrono::steady_clock::now() < end) {
        if (!pred()) return false;
        std::this_thread::sleep_for(10ms);
    }
    return pred();
}

/// A network plus its recorder, started.
struct Node {
    explicit Node(NetworkConfig config) : net(std::move(config), rec.handlers()) { net.start(); }
    Recorder rec;
    Network net;
};

}  // namespace yunlian::p2p::test
