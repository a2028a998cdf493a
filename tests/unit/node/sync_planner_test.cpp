// The sync planner: ranges, in-flight bound, rotation among peers, timeouts, short and empty
// answers, and the window above the head.

#include "node/sync_planner.hpp"

#include <gtest/gtest.h>

namespace yunlian::node {
namespace {

SyncPeer peer(std::uint8_t b) {
    SyncPeer p{};
    p[0] = b;
    return p;
}

TEST(SyncPlanner, NothingWhenNotBehind) {
    SyncPlanner planner;
    EXPECT_TRUE(planner.poll(10, 0).empty());
    planner.on_status(peer(1), 10);
    EXPECT_FALSE(planner.behind(10));
    EXPECT_TRUE(planner.poll(10, 0).empty());
}

TEST(SyncPlanner, SplitsIntoBatchesUpToInFlight) {
    SyncPlanner planner;
    planner.on_status(peer(1), 1000);
    const auto first = planner.poll(0, 0);
    ASSERT_EQ(first.size(), 4U);
    EXPECT_EQ(first[0], (SyncAssignment{peer(1), 1, 64}));
    EXPECT_EQ(first[3], (SyncAssignment{peer(1), 193, 64}));
    EXPECT_EQ(planner.in_flight(), 4U);
    EXPECT_TRUE(planner.poll(0, 1).empty());  // all slots busy
    // The second range arrives first: it waits, and one more range goes out.
    EXPECT_TRUE(planner.on_response(peer(1), 65, 64));
    const auto next = planner.poll(0, 2);
    ASSERT_EQ(next.size(), 1U);
    EXPECT_EQ(next[0].from, 257U);
    EXPECT_TRUE(planner.on_response(peer(1), 1, 64));
    // One more slot is free (the first range was answered): the next range goes out.
    const auto after = planner.poll(128, 3);
    ASSERT_EQ(after.size(), 1U);
    EXPECT_EQ(after[0].from, 321U);
    EXPECT_EQ(planner.in_flight(), 4U);
}

TEST(SyncPlanner, StopsAtBestHeadAndAsksOnlyWhatAPeerHas) {
    SyncPlanner planner;
    planner.on_status(peer(1), 70);
    planner.on_status(peer(2), 100);
    const auto out = planner.poll(0, 0);
    std::uint64_t covered = 0;
    for (const auto& a : out) {
        covered += a.count;
        if (a.peer == peer(1)) {
            EXPECT_LE(a.from + a.count - 1, 70U);
        }
    }
    EXPECT_EQ(covered, 100U);
    EXPECT_EQ(planner.best_head(), 100U);
}

TEST(SyncPlanner, RotatesAmongPeers) {
    SyncPlanner planner;
    planner.on_status(peer(1), 1000);
    planner.on_status(peer(2), 1000);
    const auto out = planner.poll(0, 0);
    ASSERT_EQ(out.size(), 4U);
    EXPECT_NE(out[0].peer, out[1].peer);
}

TEST(SyncPlanner, TimeoutReassignsToAnotherPeer) {
    SyncLimits limits;
    limits.max_in_flight = 1;
    limits.timeout_ms = 100;
    SyncPlanner planner(limits);
    planner.on_status(peer(1), 50);
    planner.on_status(peer(2), 50);
    const auto out = planner.poll(0, 0);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_TRUE(planner.poll(0, 99).empty());
    const auto again = planner.poll(0, 100);
    ASSERT_EQ(again.size(), 1U);
    EXPECT_EQ(again[0].from, 1U);
    EXPECT_NE(again[0].peer, out[0].peer);
    // The late answer of the first peer is now unsolicited.
    EXPECT_FALSE(planner.on_response(out[0].peer, 1, 50));
    EXPECT_TRUE(planner.on_response(again[0].peer, 1, 50));
}

TEST(SyncPlanner, ShortAndEmptyAnswers) {
    SyncLimits limits;
    limits.max_in_flight = 1;
    SyncPlanner planner(limits);
    planner.on_status(peer(1), 200);
    ASSERT_EQ(planner.poll(0, 0).size(), 1U);
    EXPECT_TRUE(planner.on_response(peer(1), 1, 10));  // only 1..10
    const auto rest = planner.poll(10, 1);
    ASSERT_EQ(rest.size(), 1U);
    EXPECT_EQ(rest[0].from, 11U);
    EXPECT_TRUE(planner.on_response(peer(1), 11, 0));  // it has nothing from 11
    EXPECT_EQ(planner.best_head(), 10U);
    EXPECT_TRUE(planner.poll(10, 2).empty());
    EXPECT_FALSE(planner.on_response(peer(2), 11, 5));  // never asked
}

TEST(SyncPlanner, PeerGoneAndInvalidRangesAreAskedAgain) {
    SyncPlanner planner;
    planner.on_status(peer(1), 100);
    planner.on_status(peer(2), 100);
    (void)planner.poll(0, 0);
    planner.on_peer_gone(peer(1));
    for (const auto& a : planner.poll(0, 1)) EXPECT_EQ(a.peer, peer(2));
    EXPECT_TRUE(planner.on_response(peer(2), 65, 36));
    planner.on_invalid(70);
    const auto again = planner.poll(0, 2);
    ASSERT_EQ(again.size(), 1U);
    EXPECT_EQ(again[0].from, 65U);
}

TEST(SyncPlanner, WindowBoundsTheRangesAboveTheHead) {
    SyncLimits limits;
    limits.window = 100;
    limits.max_in_flight = 10;
    SyncPlanner planner(limits);
    planner.on_status(peer(1), 100'000);
    std::uint64_t top = 0;
    for (const auto& a : planner.poll(0, 0)) top = std::max(top, a.from + a.count - 1);
    EXPECT_EQ(top, 100U);
}

}  // namespace
}  // namespace yunlian::node
