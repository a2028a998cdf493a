// Application messages between real nodes: round trips, limits, bans for oversized frames, and
// the bounded send queue under a slow reader.

#include <atomic>
#include <latch>

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace yunlian::p2p {
namespace {

using namespace test;

constexpr MessageType kTx = 20;
constexpr MessageType kVote = 21;

Bytes payload_of(std::size_t size, std::uint8_t salt) {
    Bytes out(size);
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(i * 31 + salt);
    return out;
}

/// Two connected nodes, b dialling a.
struct Pair {
    explicit Pair(NetworkConfig ca, NetworkConfig cb)
        : a(std::move(ca)), b([&] {
              cb.static_peers = {local(a.net.listen_port())};
              return std::move(cb);
          }()) {
        EXPECT_TRUE(eventually([&] {
            return a.net.is_connected(b.net.self_id()) && b.net.is_connected(a.net.self_id());
        }));
    }
    Node a;
    Node b;
};

TEST(Messages, SmallMaxSizeAndManyRoundTripInOrder) {
    auto ca = test_config(1);
    ca.max_frame_size = 1024 * 1024;
    auto cb = test_config(2);
    cb.max_frame_size = 1024 * 1024;
    Pair p(std::move(ca), std::move(cb));
    ASSERT_TRUE(p.b.net.send(id_of(1), kTx, payload_of(3, 1)));
    ASSERT_TRUE(p.b.net.send(id_of(1), kTx, {}));
    ASSERT_TRUE(p.b.net.send(id_of(1), kVote, payload_of(1024 * 1024, 2)));
    EXPECT_FALSE(p.b.net.send(id_of(1), kVote, payload_of(1024 * 1024 + 1, 2)));
    constexpr std::size_t kMany = 5000;
    for (std::size_t i = 0; i < kMany; ++i) {
        Bytes msg = payload_of(8 + i % 300, static_cast<std::uint8_t>(i));
        msg[0] = static_cast<std::uint8_t>(i);
        msg[1] = static_cast<std::uint8_t>(i >> 8);
        ASSERT_TRUE(p.b.net.send(id_of(1), kTx, msg, Priority::kSync)) << i;
    }
    ASSERT_TRUE(p.a.rec.wait([&] { return p.a.rec.messages.size() == kMany + 3; }, 20s));
    const auto& m = p.a.rec.messages;
    EXPECT_EQ(m[0].from, id_of(2));
    EXPECT_EQ(m[0].type, kTx);
    EXPECT_EQ(m[0].payload, payload_of(3, 1));
    EXPECT_TRUE(m[1].payload.empty());
    EXPECT_EQ(m[2].type, kVote);
    EXPECT_EQ(m[2].payload, payload_of(1024 * 1024, 2));
    for (std::size_t i = 0; i < kMany; ++i) {
        const Bytes& got = m[3 + i].payload;
        ASSERT_EQ(got.size(), 8 + i % 300) << i;
        ASSERT_EQ(got[0] | (got[1] << 8), static_cast<int>(i & 0xffff)) << i;
    }
    // The other direction works too.
    ASSERT_TRUE(p.a.net.send(id_of(2), kVote, payload_of(10, 3), Priority::kConsensus));
    EXPECT_TRUE(p.b.rec.wait([&] { return p.b.rec.messages.size() == 1; }));
    const auto stats = p.b.net.peers();
    ASSERT_EQ(stats.size(), 1u);
    // Frames sent count the network's own (the Hello) too.
    EXPECT_GE(stats[0].messages_sent, kMany + 3);
    EXPECT_EQ(stats[0].queued_bytes, 0u);
}

TEST(Messages, ReservedTypesAndUnknownPeersAreRefusedBySend) {
    Pair p(test_config(1), test_config(2));
    EXPECT_FALSE(p.b.net.send(id_of(1), 3, payload_of(1, 1)));
    EXPECT_FALSE(p.b.net.send(id_of(9), kTx, payload_of(1, 1)));
    EXPECT_EQ(p.b.net.broadcast(0, payload_of(1, 1)), 0u);
}

TEST(Messages, BroadcastReachesEveryPeerButTheExcludedOne) {
    Node hub(test_config(1));
    auto leaf = [&](std::uint8_t seed) {
        auto c = test_config(seed);
        c.static_peers = {local(hub.net.listen_port())};
        return c;
    };
    Node b(leaf(2));
    Node c(leaf(3));
    Node d(leaf(4));
    ASSERT_TRUE(eventually([&] { return hub.net.peer_count() == 3; }));
    EXPECT_EQ(hub.net.broadcast(kTx, payload_of(50, 9), Priority::kGossip, id_of(3)), 2u);
    EXPECT_TRUE(b.rec.wait([&] { return b.rec.messages.size() == 1; }));
    EXPECT_TRUE(d.rec.wait([&] { return d.rec.messages.size() == 1; }));
    EXPECT_TRUE(stays([&] { return c.rec.message_count() == 0; }, 200ms));
}

TEST(Messages, OversizedFrameBansTheSenderWithAReason) {
    auto ca = test_config(1);
    ca.max_frame_size = 64 * 1024;
    auto cb = test_config(2);
    cb.max_frame_size = 1024 * 1024;  // b believes larger frames are fine
    Pair p(std::move(ca), std::move(cb));
    ASSERT_TRUE(p.b.net.send(id_of(1), kTx, payload_of(200 * 1024, 1)));
    ASSERT_TRUE(eventually([&] { return !p.a.net.bans().empty(); }));
    const auto bans = p.a.net.bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].id, id_of(2));
    EXPECT_EQ(bans[0].reason, "oversized frame");
    EXPECT_GT(bans[0].until, bans[0].since);
    EXPECT_TRUE(eventually([&] { return p.b.net.peer_count() == 0; }));
    // b sees the connection go (the reason it is told may be lost to the TCP reset that its
    // own unread bytes cause; the ban record on a's side keeps it).
    EXPECT_TRUE(p.b.rec.wait([&] { return !p.b.rec.disconnected.empty(); }));
    // b keeps redialling and is refused while banned.
    ASSERT_TRUE(eventually([&] { return p.a.net.stats().refused_banned >= 1; }));
    EXPECT_FALSE(p.a.net.is_connected(id_of(2)));
    EXPECT_TRUE(p.a.rec.messages.empty());
}

TEST(Messages, SlowReaderDoesNotGrowTheSendQueue) {
    auto ca = test_config(1);
    ca.max_pending_dispatch_bytes = 256 * 1024;
    auto cb = test_config(2);
    cb.send_queue.gossip_max_bytes = 1024 * 1024;
    cb.send_queue.max_bytes = 4 * 1024 * 1024;
    Pair p(std::move(ca), std::move(cb));
    // a's application is stuck in its first callback until released.
    std::latch release(1);
    std::atomic<bool> blocked_once{false};
    p.a.rec.before_message = [&] {
        if (!blocked_once.exchange(true)) release.wait();
    };
    const Bytes chunk = payload_of(64 * 1024, 5);
    std::size_t accepted = 0;
    std::size_t refused = 0;
    for (int i = 0; i < 4000 && refused < 50; ++i) {
        if (p.b.net.send(id_of(1), kTx, chunk, Priority::kGossip)) {
            ++accepted;
        } else {
            ++refused;
            std::this_thread::sleep_for(1ms);
        }
    }
    EXPECT_EQ(refused, 50u);
    // What b holds is bounded by its limits (plus one staging batch), whatever it tried to send.
    const auto queued = p.b.net.peers().at(0).queued_bytes;
    EXPECT_LE(queued, 1024 * 1024 + 256 * 1024u + 6);
    // Accepted = delivered-or-buffered: the queue, the sockets and a's bounded backlog; far less
    // than the 250 MiB attempted.
    EXPECT_LT(accepted * chunk.size(), 64u * 1024 * 1024);
    // Consensus messages still have room while gossip is refused.
    EXPECT_FALSE(p.b.net.send(id_of(1), kTx, chunk, Priority::kGossip));
    EXPECT_TRUE(p.b.net.send(id_of(1), kVote, payload_of(100, 1), Priority::kConsensus));
    EXPECT_GT(p.b.net.peers().at(0).messages_dropped, 0u);
    release.count_down();
    // Everything accepted arrives once the reader catches up; the vote overtook the gossip
    // still queued.
    ASSERT_TRUE(p.a.rec.wait([&] { return p.a.rec.messages.size() == accepted + 1; }, 20s));
    const auto vote = std::find_if(p.a.rec.messages.begin(), p.a.rec.messages.end(),
                                   [](const auto& m) { return m.type == kVote; });
    ASSERT_NE(vote, p.a.rec.messages.end());
    EXPECT_NE(vote, p.a.rec.messages.end() - 1);
}

}  // namespace
}  // namespace yunlian::p2p
