#pragma once
// The node's messages on the p2p network (issue 6; docs/NETWORK.md, "Messages"): each is one
// p2p frame of an application type with an RLP payload, decoded strictly (every field checked,
// nothing left over, counts bounded) so that a peer sending anything else can be blamed and
// penalized with the reason. Consensus payloads (proposals, votes) are the BFT engine's own
// encodings and stay opaque here.

#include <cstdint>
#include <string_view>
#include <vector>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::node {

/// Frame types (p2p::MessageType values, all >= p2p::kFirstApplicationType).
enum class NetMessageType : std::uint16_t {
    kStatus = 16,        ///< Status: head and genesis
    kTxns = 17,          ///< a batch of transactions in their network encoding
    kConsensus = 18,     ///< a BFT proposal (with its block) or vote: bft::encode_message
    kSyncRequest = 19,   ///< a range of blocks wanted
    kSyncResponse = 20,  ///< blocks with their quorum certificates
};

/// Bounds a peer's message must respect (a larger count is misbehaviour, not a slow peer).
inline constexpr std::size_t kMaxTxnsPerMessage = 8192;
inline constexpr std::uint64_t kMaxSyncBlocks = 64;

/// Why a payload is refused; data from a peer, so the peer is to blame.
enum class NetMessageError {
    kRlp,            ///< not strict RLP of the expected shape (see the RlpError)
    kTooManyItems,   ///< more transactions or blocks than the bounds above
    kZeroCount,      ///< a sync request for no blocks
    kRangeOverflow,  ///< from + count passes 2^64
    kEmptyItem,      ///< an empty transaction, block or proposal field
};

[[nodiscard]] std::string_view to_string(NetMessageError error) noexcept;

/// A decoding failure: the rule broken and, for kRlp, the RLP rule.
struct NetDecodeError {
    NetMessageError code = NetMessageError::kRlp;
    rlp::RlpError rlp = rlp::RlpError::kInputTooShort;
    /// "status: rlp: trailing bytes" and the like, for a ban reason or a log.
    [[nodiscard]] std::string describe(std::string_view message) const;
};

/// RLP([head block number, head hash, genesis hash]): sent on connect and every few seconds.
struct StatusMessage {
    std::uint64_t head_num = 0;
    Hash head_hash;
    Hash genesis_hash;
    friend bool operator==(const StatusMessage&, const StatusMessage&) = default;
};

/// RLP([txn, ...]): each txn a string holding its network encoding (as eth_sendRawTransaction).
struct TxnsMessage {
    std::vector<Bytes> txns;
    friend bool operator==(const TxnsMessage&, const TxnsMessage&) = default;
};

/// RLP([from, count]): blocks from..from+count-1, 1 <= count <= kMaxSyncBlocks.
struct SyncRequest {
    std::uint64_t from = 0;
    std::uint64_t count = 0;
    friend bool operator==(const SyncRequest&, const SyncRequest&) = default;
};

/// One block with its finality proof (the engine's quorum certificate encoding).
struct SyncBlock {
    Bytes block;
    Bytes qc;
    friend bool operator==(const SyncBlock&, const SyncBlock&) = default;
};

/// RLP([from, [[block, qc], ...]]): consecutive blocks from `from`; fewer than asked (even none)
/// when the peer has fewer.
struct SyncResponse {
    std::uint64_t from = 0;
    std::vector<SyncBlock> blocks;
    friend bool operator==(const SyncResponse&, const SyncResponse&) = default;
};

[[nodiscard]] Bytes encode(const StatusMessage& m);
[[nodiscard]] Bytes encode(const TxnsMessage& m);
[[nodiscard]] Bytes encode(const SyncRequest& m);
[[nodiscard]] Bytes encode(const SyncResponse& m);

[[nodiscard]] Result<StatusMessage, NetDecodeError> decode_status(BytesView payload) noexcept;
[[nodiscard]] Result<TxnsMessage, NetDecodeError> decode_txns(BytesView payload);
[[nodiscard]] Result<SyncRequest, NetDecodeError> decode_sync_request(BytesView payload) noexcept;
[[nodiscard]] Result<SyncResponse, NetDecodeError> decode_sync_response(BytesView payload);

}  // namespace yunlian::node
