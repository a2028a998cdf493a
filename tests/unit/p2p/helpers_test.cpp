// The seen cache, the send queue and the ban list on their own.

#include <gtest/gtest.h>

#include "p2p/ban_list.hpp"
#include "p2p/seen_cache.hpp"
#include "p2p/send_queue.hpp"
#include "test_util.hpp"

namespace yunlian::p2p {
namespace {

using namespace std::chrono_literals;

Hash hash_of(std::uint32_t n) {
    Hash h;
    h[0] = static_cast<std::uint8_t>(n);
    h[1] = static_cast<std::uint8_t>(n >> 8);
    h[31] = 0xee;
    return h;
}

SharedFrame frame_of(MessageType type, std::size_t size) {
    return std::make_shared<const Bytes>(
        encode_frame(type, Bytes(size, static_cast<std::uint8_t>(type))));
}

TEST(SeenCache, DeduplicatesAndForgetsTheOldestInsertion) {
    SeenCache cache(3);
    EXPECT_TRUE(cache.insert(hash_of(1)));
    EXPECT_FALSE(cache.insert(hash_of(1)));
    EXPECT_TRUE(cache.insert(hash_of(2)));
    EXPECT_TRUE(cache.insert(hash_of(3)));
    EXPECT_FALSE(cache.insert(hash_of(1)));  // seen again: not refreshed
    EXPECT_TRUE(cache.insert(hash_of(4)));   // evicts 1, the oldest insertion
    EXPECT_FALSE(cache.contains(hash_of(1)));
    EXPECT_TRUE(cache.contains(hash_of(2)));
    EXPECT_EQ(cache.size(), 3u);
}

TEST(SeenCache, StaysBounded) {
    SeenCache cache(1000);
    for (std::uint32_t i = 0; i < 50'000; ++i) cache.insert(hash_of(i));
    EXPECT_EQ(cache.size(), 1000u);
    EXPECT_EQ(SeenCache(0).capacity(), 1u);
}

TEST(SendQueue, DrainsByPriorityAndFinishesAStartedFrameFirst) {
    SendQueue q(SendQueueLimits{});
    ASSERT_TRUE(q.push(Priority::kGossip, frame_of(30, 100)));
    ASSERT_TRUE(q.push(Priority::kSync, frame_of(20, 100)));
    Bytes out;
    // Take part of the sync frame, then a consensus frame arrives: the sync frame ends first.
    EXPECT_EQ(q.fill(out, 50), 0u);
    ASSERT_TRUE(q.push(Priority::kConsensus, frame_of(16, 10)));
    EXPECT_EQ(q.fill(out, 1000), 3u);
    ASSERT_EQ(out.size(), 3 * kFrameHeaderSize + 210);
    EXPECT_EQ(out[1], 20);                               // sync
    EXPECT_EQ(out[kFrameHeaderSize + 100 + 1], 16);      // then consensus
    EXPECT_EQ(out[2 * kFrameHeaderSize + 110 + 1], 30);  // then gossip
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.bytes(), 0u);
}

TEST(SendQueue, PeekPinsTheNextFrameUntilConsumed) {
    SendQueue q(SendQueueLimits{});
    ASSERT_TRUE(q.push(Priority::kSync, frame_of(20, 100)));
    BytesView first = q.peek();
    ASSERT_EQ(first.size(), kFrameHeaderSize + 100);
    EXPECT_EQ(q.consume(40), 0u);
    // A consensus frame queued now waits: the started frame is finished first.
    ASSERT_TRUE(q.push(Priority::kConsensus, frame_of(16, 1)));
    BytesView rest = q.peek();
    EXPECT_EQ(rest.size(), kFrameHeaderSize + 60);
    EXPECT_EQ(q.consume(rest.size()), 1u);
    EXPECT_EQ(q.peek()[1], 16);
    EXPECT_EQ(q.bytes(), kFrameHeaderSize + 1);
    Bytes out;
    EXPECT_EQ(q.fill(out, 1000), 1u);
    EXPECT_TRUE(q.peek().empty());
    EXPECT_TRUE(q.empty());
}

TEST(SendQueue, RefusesPastItsLimitsGossipFirst) {
    SendQueueLimits limits;
    limits.max_bytes = 10'000;
    limits.gossip_max_bytes = 2'000;
    limits.max_messages = 100;
    SendQueue q(limits);
    std::size_t gossip = 0;
    while (q.push(Priority::kGossip, frame_of(30, 94))) ++gossip;
    EXPECT_EQ(gossip, 20u);
    EXPECT_LE(q.bytes(), limits.gossip_max_bytes);
    // Consensus still has room above the gossip limit.
    std::size_t consensus = 0;
    while (q.push(Priority::kConsensus, frame_of(16, 94))) ++consensus;
    EXPECT_EQ(consensus, 80u);
    EXPECT_LE(q.bytes(), limits.max_bytes);
    SendQueue by_count(SendQueueLimits{1'000'000, 1'000'000, 3});
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(by_count.push(Priority::kSync, frame_of(20, 1)));
    EXPECT_FALSE(by_count.push(Priority::kConsensus, frame_of(16, 1)));
}

TEST(BanList, BansIdsAndIpsUntilExpiry) {
    BanList bans;
    const auto t0 = std::chrono::steady_clock::now();
    const PeerId id = test::id_of(1);
    bans.ban(id, std::string("10.0.0.1"), "invalid block", 1000ms, t0);
    bans.ban_ip("10.0.0.2", "garbage", 500ms, t0);
    EXPECT_TRUE(bans.is_banned(id, t0 + 999ms));
    EXPECT_FALSE(bans.is_banned(id, t0 + 1000ms));
    EXPECT_TRUE(bans.is_ip_banned("10.0.0.1", t0));
    EXPECT_TRUE(bans.is_ip_banned("10.0.0.2", t0 + 499ms));
    EXPECT_FALSE(bans.is_ip_banned("10.0.0.2", t0 + 500ms));
    EXPECT_FALSE(bans.is_banned(test::id_of(2), t0));
    auto list = bans.list(t0);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].reason, "invalid block");
    EXPECT_EQ(list[0].id, id);
    EXPECT_EQ(list[0].ip, "10.0.0.1");
    EXPECT_EQ(list[1].reason, "garbage");
    EXPECT_TRUE(list[1].id.is_zero());
    EXPECT_TRUE(bans.list(t0 + 2s).empty());
}

TEST(BanList, ALongerBanIsNotShortened) {
    BanList bans;
    const auto t0 = std::chrono::steady_clock::now();
    bans.ban(test::id_of(1), std::nullopt, "first", 10s, t0);
    bans.ban(test::id_of(1), std::nullopt, "second", 1s, t0);
    EXPECT_TRUE(bans.is_banned(test::id_of(1), t0 + 5s));
    EXPECT_EQ(bans.list(t0)[0].reason, "first");
}

}  // namespace
}  // namespace yunlian::p2p
