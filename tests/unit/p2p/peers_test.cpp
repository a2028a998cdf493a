// Peer management between real nodes: reconnect after a restart, peer exchange, isolation,
// and bans from the application that expire.

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace yunlian::p2p {
namespace {

using namespace test;

TEST(Peers, ReconnectsWithBackoffAfterTheRemoteRestarts) {
    auto a = std::make_unique<Node>(test_config(1));
    const std::uint16_t port = a->net.listen_port();
    auto cb = test_config(2);
    cb.static_peers = {local(port)};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return b.net.is_connected(id_of(1)); }));
    a.reset();  // a goes away; b sees it and keeps redialling
    ASSERT_TRUE(b.rec.wait([&] { return b.rec.disconnected.size() == 1; }));
    std::this_thread::sleep_for(600ms);  // several failed attempts: backoff reaches its cap
    auto ca = test_config(1);
    ca.listen_port = port;
    Node a2(std::move(ca));
    // The cap is 400 ms: b is back within a couple of periods.
    ASSERT_TRUE(eventually([&] { return b.net.is_connected(id_of(1)); }, 3s));
    EXPECT_TRUE(a2.rec.wait([&] { return a2.rec.connected.size() == 1; }));
    EXPECT_GE(b.net.stats().connections_dialled, 3u);
    EXPECT_EQ(b.rec.connected.size(), 2u);
}

TEST(Peers, PeerExchangeFindsAThirdNode) {
    auto with_pex = [](std::uint8_t seed) {
        auto c = test_config(seed);
        c.peer_exchange = true;
        return c;
    };
    Node a(with_pex(1));
    auto cb = with_pex(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(2)); }));
    auto cc = with_pex(3);
    cc.static_peers = {local(a.net.listen_port())};
    Node c(std::move(cc));
    // b and c know only a; through a's peer list they find each other.
    EXPECT_TRUE(eventually([&] { return b.net.is_connected(id_of(3)); }, 5s));
    EXPECT_TRUE(eventually([&] { return c.net.is_connected(id_of(2)); }, 5s));
}

TEST(Peers, IsolationDropsAndRefusesConnectionsUntilLifted) {
    Node a(test_config(1));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    auto cc = test_config(3);
    Node c(std::move(cc));
    a.net.add_peer(local(c.net.listen_port()));
    ASSERT_TRUE(eventually([&] { return a.net.peer_count() == 2; }));
    a.net.set_isolated(true);
    EXPECT_TRUE(a.net.isolated());
    ASSERT_TRUE(eventually([&] { return a.net.peer_count() == 0; }));
    EXPECT_TRUE(b.rec.wait([&] { return b.rec.disconnected.size() == 1; }));
    // b keeps trying and is refused; a dials nobody.
    const auto dialled = a.net.stats().connections_dialled;
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_isolated >= 2; }));
    EXPECT_TRUE(stays([&] { return a.net.peer_count() == 0 && b.net.peer_count() == 0; }, 300ms));
    EXPECT_EQ(a.net.stats().connections_dialled, dialled);
    EXPECT_FALSE(a.net.send(id_of(2), 20, Bytes{1}));
    a.net.set_isolated(false);
    EXPECT_TRUE(eventually([&] { return a.net.peer_count() == 2; }, 3s));
}

TEST(Peers, PenalizeBansUntilTheBanExpires) {
    auto ca = test_config(1);
    ca.ban_duration = 700ms;
    Node a(std::move(ca));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(2)); }));
    a.net.penalize(id_of(2), "invalid block 7");
    EXPECT_FALSE(a.net.is_connected(id_of(2)));
    auto bans = a.net.bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].id, id_of(2));
    EXPECT_EQ(bans[0].reason, "invalid block 7");
    EXPECT_TRUE(bans[0].ip.empty());  // loopback IPs are not banned by default
    EXPECT_TRUE(a.rec.wait([&] { return a.rec.disconnected.size() == 1; }));
    EXPECT_EQ(a.rec.disconnected[0].second, "banned: invalid block 7");
    // Refused while banned...
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_banned >= 1; }));
    EXPECT_FALSE(a.net.is_connected(id_of(2)));
    // ...and back after it ends.
    EXPECT_TRUE(eventually([&] { return a.net.is_connected(id_of(2)); }, 3s));
    EXPECT_TRUE(a.net.bans().empty());
}

TEST(Peers, LoopbackIpBansCanBeSwitchedOn) {
    auto ca = test_config(1);
    ca.ban_loopback_ips = true;
    Node a(std::move(ca));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(2)); }));
    a.net.penalize(id_of(2), "flood");
    const auto bans = a.net.bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].ip, "127.0.0.1");
    // Any other node from that IP is now refused before TLS.
    auto cc = test_config(3);
    cc.static_peers = {local(a.net.listen_port())};
    Node c(std::move(cc));
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_banned >= 1; }));
    EXPECT_FALSE(a.net.is_connected(id_of(3)));
}

TEST(Peers, FourNodesDiallingEveryoneFormOneStableMesh) {
    // The devnet's shape: every node lists every node, itself included.
    std::vector<std::unique_ptr<Node>> nodes;
    for (std::uint8_t seed = 1; seed <= 4; ++seed) {
        auto c = test_config(seed);
        c.handshake_timeout = 300ms;  // retired duplicates close after this: inside the check
        nodes.push_back(std::make_unique<Node>(std::move(c)));
    }
    for (auto& n : nodes) {
        for (auto& m : nodes) n->net.add_peer(local(m->net.listen_port()));
    }
    auto meshed = [&] {
        return std::all_of(nodes.begin(), nodes.end(),
                           [](const auto& n) { return n->net.peer_count() == 3; });
    };
    ASSERT_TRUE(eventually(meshed));
    EXPECT_TRUE(stays(meshed, 800ms));
    for (auto& n : nodes) {
        EXPECT_TRUE(n->rec.wait([&] { return n->rec.connected.size() == 3; }));
        EXPECT_TRUE(n->rec.wait([&] { return n->rec.disconnected.empty(); }));
        EXPECT_GE(n->net.stats().refused_self, 1u);
    }
}

TEST(Peers, NewPeersBeyondMaxPeersAreRefused) {
    auto ca = test_config(1);
    ca.max_peers = 2;
    Node a(std::move(ca));
    std::vector<std::unique_ptr<Node>> others;
    for (std::uint8_t seed = 2; seed <= 4; ++seed) {
        auto c = test_config(seed);
        c.static_peers = {local(a.net.listen_port())};
        others.push_back(std::make_unique<Node>(std::move(c)));
    }
    ASSERT_TRUE(eventually([&] { return a.net.peer_count() == 2; }));
    EXPECT_TRUE(stays([&] { return a.net.peer_count() == 2; }, 300ms));
    std::size_t connected = 0;
    for (auto& n : others) connected += n->net.peer_count();
    EXPECT_EQ(connected, 2u);
}

TEST(Peers, StopFromACallbackIsRefused) {
    Network* self = nullptr;
    std::atomic<bool> threw{false};
    NetworkHandlers h;
    h.on_peer_connected = [&](const PeerInfo&) {
        try {
            self->stop();
        } catch (const std::logic_error&) {
            threw = true;
        }
    };
    Network a(test_config(1), h);
    self = &a;
    a.start();
    auto cb = test_config(2);
    cb.static_peers = {local(a.listen_port())};
    Node b(std::move(cb));
    EXPECT_TRUE(eventually([&] { return threw.load(); }));
    EXPECT_TRUE(a.is_connected(id_of(2)));
    a.stop();
}

TEST(Peers, StopIsIdempotentAndPeersSeeTheDisconnect) {
    auto a = std::make_unique<Node>(test_config(1));
    auto cb = test_config(2);
    cb.static_peers = {local(a->net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return b.net.is_connected(id_of(1)); }));
    a->net.stop();
    a->net.stop();
    EXPECT_EQ(a->net.peer_count(), 0u);
    EXPECT_TRUE(b.rec.wait([&] { return b.rec.disconnected.size() == 1; }));
    EXPECT_NE(b.rec.disconnected[0].second.find("shutting down"), std::string::npos);
}

}  // namespace
}  // namespace yunlian::p2p
