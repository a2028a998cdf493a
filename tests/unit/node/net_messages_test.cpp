// The node's p2p messages: round trips, and every malformed payload refused with its own error.

#include "node/net_messages.hpp"

#include <gtest/gtest.h>

namespace yunlian::node {
namespace {

Hash hash_of(std::uint8_t b) {
    Hash h{};
    h[0] = b;
    return h;
}

TEST(NetMessages, StatusRoundTrip) {
    const StatusMessage m{1234, hash_of(1), hash_of(2)};
    const auto decoded = decode_status(encode(m));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, m);
}

TEST(NetMessages, TxnsRoundTrip) {
    const TxnsMessage m{{Bytes{0x02, 0xf8, 0x01}, Bytes(300, 0xab)}};
    const auto decoded = decode_txns(encode(m));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, m);
    EXPECT_TRUE(decode_txns(encode(TxnsMessage{}))->txns.empty());
}

TEST(NetMessages, SyncRoundTrip) {
    const SyncRequest req{100, 64};
    EXPECT_EQ(*decode_sync_request(encode(req)), req);
    const SyncResponse resp{
        100, {SyncBlock{Bytes{1, 2}, Bytes{3}}, SyncBlock{Bytes(70, 7), Bytes(90, 9)}}};
    EXPECT_EQ(*decode_sync_response(encode(resp)), resp);
    const SyncResponse none{5, {}};
    EXPECT_EQ(*decode_sync_response(encode(none)), none);
}

TEST(NetMessages, MalformedStatus) {
    Bytes good = encode(StatusMessage{1, hash_of(1), hash_of(2)});
    Bytes trailing = good;
    trailing.push_back(0x80);
    EXPECT_EQ(decode_status(trailing).error().code, NetMessageError::kRlp);
    EXPECT_EQ(decode_status(trailing).error().rlp, rlp::RlpError::kTrailingBytes);
    EXPECT_EQ(decode_status(Bytes{}).error().rlp, rlp::RlpError::kInputTooShort);
    EXPECT_EQ(decode_status(Bytes{0x80}).error().rlp, rlp::RlpError::kUnexpectedString);
    // A 31-byte hash.
    Bytes payload;
    rlp::encode_uint(payload, 1);
    rlp::encode_string(payload, Bytes(31, 1));
    rlp::encode_string(payload, Bytes(32, 1));
    EXPECT_EQ(decode_status(rlp::wrap_list(payload)).error().rlp, rlp::RlpError::kUnexpectedLength);
    // A missing field.
    Bytes short_payload;
    rlp::encode_uint(short_payload, 1);
    rlp::encode_string(short_payload, Bytes(32, 1));
    EXPECT_EQ(decode_status(rlp::wrap_list(short_payload)).error().code, NetMessageError::kRlp);
    // An extra field.
    rlp::encode_string(payload, Bytes(32, 1));
    EXPECT_EQ(decode_status(rlp::wrap_list(payload)).error().code, NetMessageError::kRlp);
}

TEST(NetMessages, MalformedTxns) {
    Bytes payload;
    rlp::encode_string(payload, Bytes{});
    EXPECT_EQ(decode_txns(rlp::wrap_list(payload)).error().code, NetMessageError::kEmptyItem);
    Bytes nested;
    rlp::encode_list_header(nested, 0);
    EXPECT_EQ(decode_txns(rlp::wrap_list(nested)).error().rlp, rlp::RlpError::kUnexpectedList);
    TxnsMessage many;
    many.txns.assign(kMaxTxnsPerMessage + 1, Bytes{1});
    EXPECT_EQ(decode_txns(encode(many)).error().code, NetMessageError::kTooManyItems);
    many.txns.pop_back();
    EXPECT_TRUE(decode_txns(encode(many)));
}

TEST(NetMessages, MalformedSyncRequest) {
    EXPECT_EQ(decode_sync_request(encode(SyncRequest{1, 0})).error().code,
              NetMessageError::kZeroCount);
    EXPECT_EQ(decode_sync_request(encode(SyncRequest{1, kMaxSyncBlocks + 1})).error().code,
              NetMessageError::kTooManyItems);
    EXPECT_EQ(decode_sync_request(encode(SyncRequest{UINT64_MAX, 2})).error().code,
              NetMessageError::kRangeOverflow);
    // A non-canonical integer (leading zero).
    const Bytes leading_zero{0xc4, 0x82, 0x00, 0x01, 0x01};
    EXPECT_EQ(decode_sync_request(leading_zero).error().rlp, rlp::RlpError::kLeadingZeros);
}

TEST(NetMessages, MalformedSyncResponse) {
    SyncResponse many{1, {}};
    many.blocks.assign(kMaxSyncBlocks + 1, SyncBlock{Bytes{1}, Bytes{2}});
    EXPECT_EQ(decode_sync_response(encode(many)).error().code, NetMessageError::kTooManyItems);
    EXPECT_EQ(
        decode_sync_response(encode(SyncResponse{1, {SyncBlock{Bytes{1}, Bytes{}}}})).error().code,
        NetMessageError::kEmptyItem);
    EXPECT_EQ(
        decode_sync_response(encode(SyncResponse{UINT64_MAX, {SyncBlock{Bytes{1}, Bytes{2}}}}))
            .error()
            .code,
        NetMessageError::kRangeOverflow);
    // Blocks as a string instead of a list.
    Bytes payload;
    rlp::encode_uint(payload, 1);
    rlp::encode_string(payload, Bytes{1});
    EXPECT_EQ(decode_sync_response(rlp::wrap_list(payload)).error().rlp,
              rlp::RlpError::kUnexpectedString);
    const NetDecodeError trailing{NetMessageError::kRlp, rlp::RlpError::kTrailingBytes};
    const std::string expected = "status: malformed rlp (" +
                                 std::string(rlp::to_string(rlp::RlpError::kTrailingBytes)) + ")";
    EXPECT_EQ(trailing.describe("status"), expected);
}

TEST(NetMessages, ArbitraryBytesNeverCrash) {
    // Every prefix and every single-byte mutation of valid messages decodes or fails cleanly.
    const std::vector<Bytes> samples = {
        encode(StatusMessage{7, hash_of(3), hash_of(4)}),
        encode(TxnsMessage{{Bytes{1, 2, 3}, Bytes(60, 5)}}),
        encode(SyncRequest{9, 3}),
        encode(SyncResponse{9, {SyncBlock{Bytes(60, 1), Bytes{2}}}}),
    };
    for (const Bytes& s : samples) {
        for (std::size_t cut = 0; cut <= s.size(); ++cut) {
            const BytesView v(s.data(), cut);
            (void)decode_status(v);
            (void)decode_txns(v);
            (void)decode_sync_request(v);
            (void)decode_sync_response(v);
        }
        for (std::size_t i = 0; i < s.size(); ++i) {
            Bytes m = s;
            m[i] ^= 0x41;
            (void)decode_status(m);
            (void)decode_txns(m);
            (void)decode_sync_request(m);
            (void)decode_sync_response(m);
        }
    }
}

}  // namespace
}  // namespace yunlian::node
