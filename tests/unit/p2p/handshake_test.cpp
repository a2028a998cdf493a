// The handshake over real TLS on 127.0.0.1: success, identity proof, and every refusal.

#include <gtest/gtest.h>

#include "crypto/keccak.hpp"
#include "p2p/hello.hpp"
#include "raw_client.hpp"
#include "test_util.hpp"

namespace yunlian::p2p {
namespace {

using namespace test;

TEST(Handshake, TwoNodesConnectAndKnowEachOthersKey) {
    Node a(test_config(1));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(a.rec.wait([&] { return a.rec.connected.size() == 1; }));
    ASSERT_TRUE(b.rec.wait([&] { return b.rec.connected.size() == 1; }));
    EXPECT_EQ(a.rec.connected[0], id_of(2));
    EXPECT_EQ(b.rec.connected[0], id_of(1));
    EXPECT_EQ(a.net.self_id(), id_of(1));
    const auto peers = b.net.peers();
    ASSERT_EQ(peers.size(), 1u);
    EXPECT_EQ(peers[0].direction, Direction::kOutbound);
    EXPECT_EQ(peers[0].node_address, node_address_of(id_of(1)));
    EXPECT_EQ(peers[0].listen_port, a.net.listen_port());
    EXPECT_EQ(a.net.peers()[0].direction, Direction::kInbound);
    EXPECT_TRUE(a.net.is_connected(id_of(2)));
}

TEST(Handshake, ExpectedKeyIsEnforced) {
    Node a(test_config(1));
    auto cb = test_config(2);
    cb.static_peers = {PeerAddress{"127.0.0.1", a.net.listen_port(), id_of(9)}};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return b.net.stats().handshakes_failed >= 1; }));
    EXPECT_EQ(b.net.peer_count(), 0u);

    auto cc = test_config(3);
    cc.static_peers = {PeerAddress{"127.0.0.1", a.net.listen_port(), id_of(1)}};
    Node c(std::move(cc));
    EXPECT_TRUE(eventually([&] { return c.net.is_connected(id_of(1)); }));
}

/// Connects a raw TLS client, reads the node's Hello and answers with `make(binding)`.
bool node_accepts_hello(std::uint16_t port, const std::function<Hello(BytesView)>& make) {
    RawClient client;
    if (!client.connect_tls(port)) return false;
    const Bytes binding = client.binding();
    auto server_hello = client.read_frame();
    if (!server_hello || server_hello->type != 0) return false;
    const Hello hello = make(binding);
    client.write(encode_frame(0, encode_hello(hello)));
    // A refused peer is closed at once; an accepted one stays open (it is pinged after 1 s and
    // dropped only after 3 s of silence from it).
    return !client.closed_by_peer(std::chrono::milliseconds(800));
}

Hello good_hello(BytesView binding, std::uint8_t seed) {
    Hello h;
    h.network_id_hash = crypto::keccak256(as_bytes("yunlian-test-net"));
    return *sign_hello(h, key_of(seed), TlsRole::kClient, binding);
}

TEST(Handshake, APeerClaimingAnotherKeyIsRefused) {
    Node a(test_config(1));
    // Control: a correct Hello is accepted.
    EXPECT_TRUE(
        node_accepts_hello(a.net.listen_port(), [](BytesView b) { return good_hello(b, 5); }));
    // Signed by key 6 but claiming key 7.
    EXPECT_FALSE(node_accepts_hello(a.net.listen_port(), [](BytesView b) {
        Hello h = good_hello(b, 6);
        h.node_key = id_of(7);
        return h;
    }));
    // A valid Hello of key 8 replayed from another session.
    const Hello replayed = good_hello(Bytes(kSessionBindingSize, 0x42), 8);
    EXPECT_FALSE(node_accepts_hello(a.net.listen_port(), [&](BytesView) { return replayed; }));
    // The node's own Hello reflected back at it.
    {
        RawClient client;
        ASSERT_TRUE(client.connect_tls(a.net.listen_port()));
        auto server_hello = client.read_frame();
        ASSERT_TRUE(server_hello);
        client.write(encode_frame(0, server_hello->payload));
        EXPECT_TRUE(client.closed_by_peer());
    }
    EXPECT_GE(a.net.stats().handshakes_failed, 3u);
    EXPECT_FALSE(a.net.is_connected(id_of(7)));
    EXPECT_FALSE(a.net.is_connected(id_of(8)));
    // A forged claim never bans the claimed key (that would let anyone get it banned).
    EXPECT_TRUE(a.net.bans().empty());
}

TEST(Handshake, AProvenPeerSendingUndecodableFramesIsBanned) {
    Node a(test_config(1));
    {
        RawClient client;
        ASSERT_TRUE(client.connect_tls(a.net.listen_port()));
        const Bytes binding = client.binding();
        ASSERT_TRUE(client.read_frame());
        client.write(encode_frame(0, encode_hello(good_hello(binding, 5))));
        ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(5)); }));
        // A peer list whose count promises more than it holds.
        client.write(encode_frame(4, Bytes{0, 3, 1, 2}));
        EXPECT_TRUE(client.closed_by_peer());
    }
    auto bans = a.net.bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].id, id_of(5));
    EXPECT_EQ(bans[0].reason, "peer list truncated");
    {
        RawClient client;  // a reserved message type
        ASSERT_TRUE(client.connect_tls(a.net.listen_port()));
        const Bytes binding = client.binding();
        ASSERT_TRUE(client.read_frame());
        client.write(encode_frame(0, encode_hello(good_hello(binding, 6))));
        ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(6)); }));
        client.write(encode_frame(9, {}));
        EXPECT_TRUE(client.closed_by_peer());
    }
    bans = a.net.bans();
    ASSERT_EQ(bans.size(), 2u);
    EXPECT_EQ(bans[1].reason, "undefined reserved message type");
    // The banned key is refused when it comes back, even with a valid Hello.
    EXPECT_FALSE(
        node_accepts_hello(a.net.listen_port(), [](BytesView b) { return good_hello(b, 5); }));
    EXPECT_GE(a.net.stats().refused_banned, 1u);
}

TEST(Handshake, WrongNetworkIdIsRefused) {
    Node a(test_config(1));
    auto cb = test_config(2);
    cb.network_id = to_bytes(as_bytes("another-chain"));
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_network_id >= 1; }));
    EXPECT_TRUE(eventually([&] { return b.net.stats().refused_network_id >= 1; }));
    EXPECT_TRUE(stays([&] { return a.net.peer_count() == 0 && b.net.peer_count() == 0; }, 200ms));
    EXPECT_TRUE(a.rec.connected.empty());
}

TEST(Handshake, ConsortiumAllowListIsEnforced) {
    auto ca = test_config(1);
    ca.consortium = true;
    ca.allow_list = {id_of(3)};
    Node a(std::move(ca));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    auto cc = test_config(3);
    cc.static_peers = {local(a.net.listen_port())};
    Node c(std::move(cc));
    ASSERT_TRUE(eventually([&] { return a.net.is_connected(id_of(3)); }));
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_allow_list >= 1; }));
    EXPECT_FALSE(a.net.is_connected(id_of(2)));
    EXPECT_EQ(b.net.peer_count(), 0u);
}

TEST(Handshake, ConnectionToSelfIsRefusedAndNotRedialled) {
    auto ca = test_config(1);
    Node a(std::move(ca));
    a.net.add_peer(local(a.net.listen_port()));
    ASSERT_TRUE(eventually([&] { return a.net.stats().refused_self >= 1; }));
    const auto dialled = a.net.stats().connections_dialled;
    std::this_thread::sleep_for(300ms);  // several backoff periods of 50 ms
    EXPECT_EQ(a.net.stats().connections_dialled, dialled);
    EXPECT_EQ(a.net.peer_count(), 0u);
}

TEST(Handshake, GarbageAndNonTlsClientsAreDropped) {
    auto ca = test_config(1);
    ca.handshake_timeout = 500ms;
    Node a(std::move(ca));
    {
        RawClient garbage;
        ASSERT_TRUE(garbage.connect_tcp(a.net.listen_port()));
        garbage.write(as_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        EXPECT_TRUE(garbage.closed_by_peer());
    }
    {
        RawClient silent;  // connects and says nothing: the handshake timeout drops it
        ASSERT_TRUE(silent.connect_tcp(a.net.listen_port()));
        EXPECT_TRUE(silent.closed_by_peer());
    }
    {
        RawClient tls_garbage;  // valid TLS, then bytes that are not a Hello frame
        ASSERT_TRUE(tls_garbage.connect_tls(a.net.listen_port()));
        tls_garbage.write(Bytes(100, 0xff));
        EXPECT_TRUE(tls_garbage.closed_by_peer());
    }
    EXPECT_GE(a.net.stats().handshakes_failed, 3u);
    // The node still works.
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    EXPECT_TRUE(eventually([&] { return a.net.is_connected(id_of(2)); }));
}

TEST(Handshake, BothSidesDiallingKeepOneConnection) {
    auto ca = test_config(1);
    Node a(std::move(ca));
    auto cb = test_config(2);
    cb.static_peers = {local(a.net.listen_port())};
    Node b(std::move(cb));
    a.net.add_peer(local(b.net.listen_port()));
    ASSERT_TRUE(eventually([&] { return a.net.peer_count() == 1 && b.net.peer_count() == 1; }));
    EXPECT_TRUE(stays([&] { return a.net.peer_count() == 1 && b.net.peer_count() == 1; }, 500ms));
    // The application saw one connection on each side, and no disconnect.
    EXPECT_EQ(a.rec.connected.size(), 1u);
    EXPECT_EQ(b.rec.connected.size(), 1u);
    EXPECT_TRUE(a.rec.disconnected.empty());
    EXPECT_TRUE(b.rec.disconnected.empty());
}

}  // namespace
}  // namespace yunlian::p2p
