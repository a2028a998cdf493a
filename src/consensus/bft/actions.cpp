// Names of steps and misbehaviour reasons, and the persisted last-signed record.

#include "consensus/bft/actions.hpp"

#include <algorithm>

#include "consensus/bft/field_reader.hpp"

namespace yunlian::consensus::bft {

std::string_view to_string(Step step) noexcept {
    switch (step) {
        case Step::kPropose:
            return "propose";
        case Step::kPrevote:
            return "prevote";
        case Step::kPrecommit:
            return "precommit";
        case Step::kCommit:
            return "commit";
    }
    return "unknown";
}

std::string_view to_string(MisbehaviourReason reason) noexcept {
    switch (reason) {
        case MisbehaviourReason::kBadSignature:
            return "bad signature";
        case MisbehaviourReason::kUnknownValidator:
            return "unknown validator index";
        case MisbehaviourReason::kNotValidator:
            return "signer is not a validator";
        case MisbehaviourReason::kWrongSigner:
            return "signed by another validator";
        case MisbehaviourReason::kWrongProposer:
            return "proposal from a non-proposer";
        case MisbehaviourReason::kConflictingProposal:
            return "two proposals for one round";
        case MisbehaviourReason::kDoubleVote:
            return "double vote";
        case MisbehaviourReason::kInvalidBlock:
            return "invalid proposed block";
    }
    return "unknown misbehaviour";
}

Bytes encode_last_signed(const LastSigned& record) {
    Bytes payload;
    rlp::encode_uint(payload, record.height);
    rlp::encode_uint(payload, record.round);
    rlp::encode_uint(payload, static_cast<std::uint64_t>(record.step));
    rlp::encode_string(payload, record.block_hash ? record.block_hash->view() : BytesView{});
    rlp::encode_uint(payload, record.locked_round ? *record.locked_round + 1 : 0);
    rlp::encode_string(payload, record.locked_hash ? record.locked_hash->view() : BytesView{});
    rlp::encode_string(payload, record.locked_block);
    Bytes votes;
    for (const Vote& vote : record.locked_polka) append(votes, encode_vote(vote));
    append(payload, rlp::wrap_list(votes));
    return rlp::wrap_list(payload);
}

Result<LastSigned, DecodeError> decode_last_signed(BytesView encoded) {
    detail::FieldReader fields = detail::FieldReader::open(encoded);
    LastSigned record;
    record.height = fields.uint64();
    record.round = fields.uint64();
    const std::uint64_t step = fields.uint64();
    record.block_hash = fields.hash(true);
    const std::uint64_t locked = fields.uint64();
    record.locked_hash = fields.hash(true);
    const BytesView block = fields.bytes();
    detail::FieldReader votes = fields.list();
    while (fields.ok() && votes.ok() && !votes.empty()) {
        auto vote = decode_vote(votes.raw_item());
        if (!votes.ok()) break;
        if (!vote) return Unexpected(vote.error());
        record.locked_polka.push_back(*vote);
    }
    if (auto done = votes.finish(); !done) return Unexpected(done.error());
    if (fields.ok() && (step < 1 || step > 3)) fields.fail(DecodeErrorCode::kBadStep);
    // A lock is a round and a block together, never one without the other; it cannot be from a
    // later round than the last signature (locking happens when precommitting).
    if (fields.ok() && ((locked == 0) != !record.locked_hash.has_value() ||
                        (locked != 0 && locked - 1 > record.round))) {
        fields.fail(DecodeErrorCode::kBadPolRound);
    }
    // The proof travels with the lock, and proves that lock.
    const bool proof_fits =
        std::all_of(record.locked_polka.begin(), record.locked_polka.end(), [&](const Vote& vote) {
            return vote.kind == VoteKind::kPrevote && vote.height == record.height && locked != 0 &&
                   vote.round == locked - 1 && vote.block_hash == record.locked_hash;
        });
    if (fields.ok() && (!proof_fits || (locked == 0) != block.empty())) {
        fields.fail(DecodeErrorCode::kBadPolRound);
    }
    if (auto done = fields.finish(); !done) return Unexpected(done.error());
    record.step = static_cast<Step>(step);
    if (locked != 0) record.locked_round = locked - 1;
    record.locked_block = to_bytes(block);
    return record;
}

}  // namespace yunlian::consensus::bft
