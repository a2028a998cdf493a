// Frames, Hello and peer-exchange codecs, and peer address parsing, including malformed input.

#include <gtest/gtest.h>

#include "crypto/keccak.hpp"
#include "p2p/frame.hpp"
#include "p2p/hello.hpp"
#include "p2p/peer_address.hpp"
#include "p2p/pex.hpp"
#include "test_util.hpp"

namespace yunlian::p2p {
namespace {

using test::id_of;
using test::key_of;

Bytes payload_of(std::size_t size) {
    Bytes out(size);
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(i * 7 + 1);
    return out;
}

TEST(Frame, HeaderIsTypeThenBigEndianLength) {
    const Bytes frame = encode_frame(0x1234, payload_of(3));
    ASSERT_EQ(frame.size(), 9u);
    EXPECT_EQ(frame[0], 0x12);
    EXPECT_EQ(frame[1], 0x34);
    EXPECT_EQ(frame[2], 0);
    EXPECT_EQ(frame[5], 3);
}

TEST(Frame, DecodesAcrossEveryPossibleSplit) {
    Bytes stream = encode_frame(20, payload_of(100));
    append(stream, encode_frame(21, {}));
    append(stream, encode_frame(22, payload_of(5)));
    for (std::size_t split = 0; split <= stream.size(); ++split) {
        FrameDecoder decoder(FrameLimits{});
        std::vector<Frame> frames;
        ASSERT_TRUE(decoder.feed(BytesView(stream).first(split), frames));
        ASSERT_TRUE(decoder.feed(BytesView(stream).subspan(split), frames));
        ASSERT_EQ(frames.size(), 3u) << split;
        EXPECT_EQ(frames[0].type, 20);
        EXPECT_EQ(frames[0].payload, payload_of(100));
        EXPECT_EQ(frames[1].type, 21);
        EXPECT_TRUE(frames[1].payload.empty());
        EXPECT_EQ(frames[2].payload, payload_of(5));
        EXPECT_EQ(decoder.buffered(), 0u);
    }
}

TEST(Frame, OversizedIsRejectedFromTheHeaderAlone) {
    FrameLimits limits;
    limits.max_frame_size = 1000;
    limits.by_type[30] = 10;
    FrameDecoder decoder(limits);
    std::vector<Frame> frames;
    Bytes header(kFrameHeaderSize);
    write_frame_header(header.data(), 20, 1001);
    auto r = decoder.feed(header, frames);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), FrameError::kOversized);

    FrameDecoder per_type(limits);
    write_frame_header(header.data(), 30, 11);
    EXPECT_FALSE(per_type.feed(header, frames));
    FrameDecoder at_limit(limits);
    EXPECT_TRUE(at_limit.feed(encode_frame(30, payload_of(10)), frames));
    EXPECT_EQ(frames.size(), 1u);
}

TEST(Frame, PerTypeLimitNeverExceedsTheDefault) {
    FrameLimits limits;
    limits.max_frame_size = 100;
    limits.by_type[40] = 1'000'000;
    EXPECT_EQ(limits.limit_for(40), 100u);
}

TEST(Frame, ControlTypesHaveFixedLimitsAndUndefinedOnesAreRejected) {
    FrameLimits limits;
    EXPECT_EQ(limits.limit_for(static_cast<MessageType>(ControlType::kHello)), kHelloSize);
    EXPECT_EQ(limits.limit_for(static_cast<MessageType>(ControlType::kPexRequest)), 0u);
    FrameDecoder decoder(limits);
    std::vector<Frame> frames;
    auto r = decoder.feed(encode_frame(9, {}), frames);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), FrameError::kReservedType);
    FrameDecoder big_ping(limits);
    EXPECT_FALSE(big_ping.feed(encode_frame(1, payload_of(9)), frames));
}

TEST(Hello, RoundTripsAndVerifies) {
    const Bytes binding = payload_of(kSessionBindingSize);
    Hello hello;
    hello.network_id_hash = crypto::keccak256(as_bytes("net"));
    hello.listen_port = 30303;
    auto signed_hello = sign_hello(hello, key_of(1), TlsRole::kClient, binding);
    ASSERT_TRUE(signed_hello);
    EXPECT_EQ(signed_hello->node_key, id_of(1));
    const Bytes wire = encode_hello(*signed_hello);
    ASSERT_EQ(wire.size(), kHelloSize);
    auto decoded = decode_hello(wire);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, *signed_hello);
    EXPECT_TRUE(verify_hello(*decoded, TlsRole::kClient, binding));
}

TEST(Hello, ProofIsBoundToSessionRoleAndKey) {
    const Bytes binding = payload_of(kSessionBindingSize);
    auto hello = sign_hello(Hello{}, key_of(1), TlsRole::kClient, binding);
    ASSERT_TRUE(hello);
    // Another session (a relay or a replay) has other keying material.
    Bytes other = binding;
    other[0] ^= 1;
    EXPECT_FALSE(verify_hello(*hello, TlsRole::kClient, other));
    // Reflected back as the other side's Hello.
    EXPECT_FALSE(verify_hello(*hello, TlsRole::kServer, binding));
    // Claiming another key with this signature.
    Hello claimed = *hello;
    claimed.node_key = id_of(2);
    auto r = verify_hello(claimed, TlsRole::kClient, binding);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), HelloError::kBadSignature);
    // Any signed field changed.
    Hello port = *hello;
    port.listen_port = 1;
    EXPECT_FALSE(verify_hello(port, TlsRole::kClient, binding));
}

TEST(Hello, MalformedIsRejected) {
    EXPECT_EQ(decode_hello(payload_of(kHelloSize - 1)).error(), HelloError::kWrongSize);
    EXPECT_EQ(decode_hello(payload_of(kHelloSize + 1)).error(), HelloError::kWrongSize);
    Bytes wire = encode_hello(Hello{});
    wire.back() = 2;
    EXPECT_EQ(decode_hello(wire).error(), HelloError::kInvalidRecoveryId);
    // A zero signature decodes but never verifies.
    auto zero = decode_hello(encode_hello(Hello{}));
    ASSERT_TRUE(zero);
    EXPECT_FALSE(verify_hello(*zero, TlsRole::kClient, payload_of(32)));
}

TEST(Pex, RoundTrips) {
    const std::vector<PexEntry> entries{{id_of(1), "127.0.0.1", 30303},
                                        {id_of(2), "node.example", 1}};
    auto decoded = decode_pex(encode_pex(entries));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, entries);
    EXPECT_LE(encode_pex(entries).size(), kMaxPexPayload);
}

TEST(Pex, EncodeKeepsAtMostTheLimitAndSkipsUndialable) {
    std::vector<PexEntry> entries(kMaxPexEntries + 10, PexEntry{id_of(1), "h", 1});
    entries.push_back({id_of(2), "", 5});
    auto decoded = decode_pex(encode_pex(entries));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->size(), kMaxPexEntries);
}

TEST(Pex, MalformedIsRejected) {
    const Bytes good = encode_pex(std::vector<PexEntry>{{id_of(1), "10.0.0.1", 9}});
    EXPECT_EQ(decode_pex(Bytes{0}).error(), PexError::kTruncated);
    EXPECT_EQ(decode_pex(BytesView(good).first(good.size() - 1)).error(), PexError::kTruncated);
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(decode_pex(trailing).error(), PexError::kTrailingBytes);
    EXPECT_EQ(decode_pex(Bytes{0, kMaxPexEntries + 1}).error(), PexError::kTooMany);
    Bytes bad_host = good;
    bad_host[2 + 64 + 1] = '\n';
    EXPECT_EQ(decode_pex(bad_host).error(), PexError::kBadHost);
    Bytes zero_port = good;
    zero_port[zero_port.size() - 1] = 0;
    zero_port[zero_port.size() - 2] = 0;
    EXPECT_EQ(decode_pex(zero_port).error(), PexError::kZeroPort);
}

TEST(PeerAddress, Parses) {
    auto a = parse_peer_address("127.0.0.1:30303");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 30303);
    EXPECT_FALSE(a->expected_id);
    auto v6 = parse_peer_address("[::1]:7");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(to_string(*v6), "[::1]:7");
    const std::string with_id = peer_id_hex(id_of(3)) + "@host:1";
    auto b = parse_peer_address(with_id);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->expected_id, id_of(3));
    EXPECT_EQ(to_string(*b), with_id);
}

TEST(PeerAddress, MalformedIsRejected) {
    EXPECT_EQ(parse_peer_address("host").error(), PeerAddressError::kMissingPort);
    EXPECT_EQ(parse_peer_address(":1").error(), PeerAddressError::kEmptyHost);
    EXPECT_EQ(parse_peer_address("h:0").error(), PeerAddressError::kInvalidPort);
    EXPECT_EQ(parse_peer_address("h:65536").error(), PeerAddressError::kInvalidPort);
    EXPECT_EQ(parse_peer_address("h:1x").error(), PeerAddressError::kInvalidPort);
    EXPECT_EQ(parse_peer_address("h:").error(), PeerAddressError::kInvalidPort);
    EXPECT_EQ(parse_peer_address("abcd@h:1").error(), PeerAddressError::kInvalidId);
    EXPECT_EQ(parse_peer_address("[[x]]:1").error(), PeerAddressError::kInvalidHost);
    EXPECT_EQ(parse_peer_address("a b:1").error(), PeerAddressError::kInvalidHost);
}

TEST(PeerAddress, NodeAddressIsTheAccountDerivation) {
    EXPECT_EQ(node_address_of(id_of(1)), crypto::address_of(id_of(1)));
}

}  // namespace
}  // namespace yunlian::p2p
