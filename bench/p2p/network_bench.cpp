// The network's throughput and latency over real TLS on loopback (both ends in this process,
// so the figures include both sides' CPU on the shared cores).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "p2p/network.hpp"

namespace yunlian::p2p {
namespace {

using namespace std::chrono_literals;

constexpr MessageType kData = 20;
constexpr MessageType kEcho = 21;

crypto::PrivateKey key_of(std::uint8_t seed) {
    crypto::PrivateKey key;
    key[0] = 0x22;
    key[31] = seed;
    return key;
}

NetworkConfig config_of(std::uint8_t seed) {
    NetworkConfig c;
    c.node_key = key_of(seed);
    c.network_id = Bytes{1, 2, 3};
    c.reconnect_initial = 20ms;
    c.reconnect_max = 200ms;
    c.peer_exchange = false;
    return c;
}

/// Counts received messages and wakes a waiter at a target; echoes kEcho back when asked.
struct Sink {
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t received = 0;
    Network* echo_through = nullptr;

    NetworkHandlers handlers() {
        NetworkHandlers h;
        h.on_message = [this](const PeerId& from, MessageType type, Bytes payload) {
            if (type == kEcho && echo_through != nullptr) {
                echo_through->send(from, kData, payload, Priority::kConsensus);
                return;
            }
            const std::lock_guard lock(mutex);
            ++received;
            cv.notify_all();
        };
        return h;
    }

    bool wait_for(std::uint64_t target) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, 30s, [&] { return received >= target; });
    }
};

struct Node {
    explicit Node(NetworkConfig config) : net(std::move(config), sink.handlers()) {
        sink.echo_through = &net;
        net.start();
    }
    Sink sink;
    Network net;
};

void wait_connected(const Network& net, std::size_t peers) {
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (net.peer_count() < peers && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(2ms);
    }
}

/// One sender, one receiver: `batch` messages of range(0) bytes per iteration, waiting until all
/// arrived (a refused send is retried: the queue bound is part of what is measured).
void BM_Throughput(benchmark::State& state) {
    spdlog::set_level(spdlog::level::warn);
    const auto size = static_cast<std::size_t>(state.range(0));
    const std::size_t batch = size <= 1024 ? 2000 : size <= 65536 ? 200 : 20;
    Node receiver(config_of(1));
    auto sender_config = config_of(2);
    sender_config.static_peers = {PeerAddress{"127.0.0.1", receiver.net.listen_port(), {}}};
    Node sender(std::move(sender_config));
    wait_connected(sender.net, 1);
    const PeerId to = receiver.net.self_id();
    const Bytes payload(size, 0x5a);
    std::uint64_t target = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < batch; ++i) {
            while (!sender.net.send(to, kData, payload, Priority::kGossip))
                std::this_thread::yield();
        }
        target += batch;
        if (!receiver.sink.wait_for(target)) state.SkipWithError("messages lost");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(target));
    state.SetBytesProcessed(static_cast<std::int64_t>(target * size));
}
BENCHMARK(BM_Throughput)->Arg(200)->Arg(4096)->Arg(65536)->Arg(1 << 20)->UseRealTime();

/// A hub broadcasting 200-byte messages to three peers (tx gossip's shape).
void BM_Broadcast3(benchmark::State& state) {
    spdlog::set_level(spdlog::level::warn);
    Node hub(config_of(1));
    std::vector<std::unique_ptr<Node>> leaves;
    for (std::uint8_t i = 2; i <= 4; ++i) {
        auto c = config_of(i);
        c.static_peers = {PeerAddress{"127.0.0.1", hub.net.listen_port(), {}}};
        leaves.push_back(std::make_unique<Node>(std::move(c)));
    }
    wait_connected(hub.net, 3);
    const Bytes payload(200, 0x33);
    constexpr std::size_t kBatch = 2000;
    std::uint64_t target = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < kBatch; ++i) {
            while (hub.net.broadcast(kData, payload, Priority::kGossip) < 3) {
                std::this_thread::sleep_for(100us);
            }
        }
        target += kBatch;
        for (auto& leaf : leaves) {
            if (!leaf->sink.wait_for(target)) state.SkipWithError("messages lost");
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(target));
}
BENCHMARK(BM_Broadcast3)->UseRealTime();

/// Request and echo: one round trip of a range(0)-byte consensus message per iteration.
void BM_RoundTrip(benchmark::State& state) {
    spdlog::set_level(spdlog::level::warn);
    const Bytes payload(static_cast<std::size_t>(state.range(0)), 0x11);
    Node a(config_of(1));
    auto cb = config_of(2);
    cb.static_peers = {PeerAddress{"127.0.0.1", a.net.listen_port(), {}}};
    Node b(std::move(cb));
    wait_connected(b.net, 1);
    std::uint64_t target = 0;
    for (auto _ : state) {
        b.net.send(a.net.self_id(), kEcho, payload, Priority::kConsensus);
        if (!b.sink.wait_for(++target)) state.SkipWithError("echo lost");
    }
}
BENCHMARK(BM_RoundTrip)->Arg(200)->Arg(65536)->UseRealTime();

}  // namespace
}  // namespace yunlian::p2p
