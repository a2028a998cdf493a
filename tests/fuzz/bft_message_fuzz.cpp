// Fuzzes the BFT decoders (message envelope, vote, proposal, quorum certificate, evidence,
// last-signed record): any input is decoded or rejected without crashing or reading out of
// bounds, and whatever decodes re-encodes to exactly the input (one canonical encoding). Decoded
// messages are then fed to a validator engine, which must take any of them without failing.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "consensus/bft/actions.hpp"
#include "consensus/bft/bft_engine.hpp"
#include "consensus/bft/messages.hpp"

namespace {

using namespace yunlian;
using namespace yunlian::consensus::bft;

template <typename T, typename Decode, typename Encode>
void round_trip(BytesView in, Decode decode, Encode encode) {
    auto value = decode(in);
    if (!value) return;
    const Bytes again = encode(*value);
    if (!std::equal(again.begin(), again.end(), in.begin(), in.end())) std::abort();
}

BftEngine make_engine() {
    crypto::PrivateKey key;
    key[31] = 1;
    const Address self = crypto::address_of(*crypto::public_key_of(key));
    std::vector<Address> set{self};
    for (std::uint8_t i = 1; i < 4; ++i) set.push_back(Address{{i}});
    return BftEngine(*ValidatorSet::create(set), 20261, key, TimeoutConfig{}, std::nullopt);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const BytesView in(data, size);
    round_trip<Vote>(in, decode_vote, encode_vote);
    round_trip<Proposal>(in, decode_proposal, encode_proposal);
    round_trip<QuorumCert>(in, decode_quorum_cert, encode_quorum_cert);
    round_trip<Evidence>(in, decode_evidence, encode_evidence);
    round_trip<LastSigned>(in, decode_last_signed, encode_last_signed);
    round_trip<Message>(in, decode_message, encode_message);
    if (auto message = decode_message(in)) {
        BftEngine engine = make_engine();
        (void)engine.start_height(height_of(*message));
        (void)engine.on_message(*message);
    }
    if (auto record = decode_last_signed(in)) {
        BftEngine engine(make_engine().validators(), 20261, std::nullopt, TimeoutConfig{}, *record);
        (void)engine.start_height(record->height);
    }
    return 0;
}
