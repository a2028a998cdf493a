// Fuzzes the decoders of the node's own p2p messages (Status, Txns, SyncRequest, SyncResponse):
// any payload a peer sends is decoded or refused with a NetDecodeError, without crashing, reading
// out of bounds or allocating more than the payload justifies, and whatever decodes re-encodes to
// exactly the payload (one canonical encoding, so a message's hash names one message). The
// quorum certificate a sync block carries goes through the BFT decoder too, as the node does.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "consensus/bft/messages.hpp"
#include "node/net_messages.hpp"

namespace {

using namespace yunlian;

template <typename Decode>
void round_trip(BytesView in, Decode decode) {
    auto value = decode(in);
    if (!value) {
        // Every refusal names its rule (used as the peer's ban reason).
        if (value.error().describe("fuzz").empty()) std::abort();
        return;
    }
    const Bytes again = node::encode(*value);
    if (!std::equal(again.begin(), again.end(), in.begin(), in.end())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const BytesView in(data, size);
    round_trip(in, node::decode_status);
    round_trip(in, node::decode_txns);
    round_trip(in, node::decode_sync_request);
    round_trip(in, node::decode_sync_response);
    if (auto txns = node::decode_txns(in); txns && txns->txns.size() > node::kMaxTxnsPerMessage) {
        std::abort();
    }
    if (auto request = node::decode_sync_request(in)) {
        if (request->count == 0 || request->count > node::kMaxSyncBlocks) std::abort();
    }
    if (auto response = node::decode_sync_response(in)) {
        if (response->blocks.size() > node::kMaxSyncBlocks) std::abort();
        for (const auto& block : response->blocks)
            (void)consensus::bft::decode_quorum_cert(block.qc);
    }
    return 0;
}
