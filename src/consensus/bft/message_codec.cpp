// Canonical RLP encodings of the BFT messages (docs/BFT.md "Message formats") and their strict
// decoders.

#include <algorithm>

#include "consensus/bft/field_reader.hpp"
#include "consensus/bft/messages.hpp"

namespace yunlian::consensus::bft {

using detail::FieldReader;

namespace {

void put_hash(Bytes& out, const std::optional<Hash>& hash) {
    if (hash) {
        rlp::encode_string(out, hash->view());
    } else {
        rlp::encode_string(out, BytesView{});
    }
}

void put_signature(Bytes& out, const crypto::Signature& sig) {
    rlp::encode_string(out, sig.r.view());
    rlp::encode_string(out, sig.s.view());
    rlp::encode_uint(out, sig.recovery_id);
}

std::uint32_t read_index(FieldReader& fields) {
    const std::uint64_t index = fields.uint64();
    if (fields.ok() && index >= ValidatorSet::kMaxValidators) {
        fields.fail(DecodeErrorCode::kIndexTooLarge);
    }
    return static_cast<std::uint32_t>(index);
}

Result<Vote, DecodeError> read_vote(FieldReader fields) {
    Vote vote;
    const std::uint64_t kind = fields.uint64();
    vote.height = fields.uint64();
    vote.round = fields.uint64();
    vote.block_hash = fields.hash(true);
    vote.validator_index = read_index(fields);
    vote.signature = fields.signature();
    if (fields.ok() && kind != 1 && kind != 2) fields.fail(DecodeErrorCode::kBadVoteKind);
    vote.kind = static_cast<VoteKind>(kind);
    if (auto done = fields.finish(); !done) return Unexpected(done.error());
    return vote;
}

}  // namespace

std::string_view to_string(DecodeErrorCode code) noexcept {
    switch (code) {
        case DecodeErrorCode::kRlp:
            return "malformed RLP";
        case DecodeErrorCode::kEmpty:
            return "empty message";
        case DecodeErrorCode::kUnknownMessageType:
            return "unknown message type";
        case DecodeErrorCode::kBadVoteKind:
            return "bad vote kind";
        case DecodeErrorCode::kBadHashLength:
            return "bad block hash length";
        case DecodeErrorCode::kBadSignatureScalar:
            return "signature scalar not 32 bytes";
        case DecodeErrorCode::kBadRecoveryId:
            return "bad signature recovery id";
        case DecodeErrorCode::kHighS:
            return "signature with high s";
        case DecodeErrorCode::kBadPolRound:
            return "proof-of-lock round not below round";
        case DecodeErrorCode::kIndexTooLarge:
            return "validator index too large";
        case DecodeErrorCode::kUnsortedSignatures:
            return "signatures not sorted by validator";
        case DecodeErrorCode::kNotConflicting:
            return "evidence votes do not conflict";
        case DecodeErrorCode::kBadStep:
            return "bad step";
    }
    return "unknown decode error";
}

Bytes encode_vote(const Vote& vote) {
    Bytes payload;
    rlp::encode_uint(payload, static_cast<std::uint64_t>(vote.kind));
    rlp::encode_uint(payload, vote.height);
    rlp::encode_uint(payload, vote.round);
    put_hash(payload, vote.block_hash);
    rlp::encode_uint(payload, vote.validator_index);
    put_signature(payload, vote.signature);
    return rlp::wrap_list(payload);
}

Result<Vote, DecodeError> decode_vote(BytesView encoded) {
    return read_vote(FieldReader::open(encoded));
}

Bytes encode_proposal(const Proposal& proposal) {
    Bytes payload;
    rlp::encode_uint(payload, proposal.height);
    rlp::encode_uint(payload, proposal.round);
    rlp::encode_uint(payload, proposal.pol_round ? *proposal.pol_round + 1 : 0);
    rlp::encode_string(payload, proposal.block_hash.view());
    rlp::encode_string(payload, proposal.block);
    put_signature(payload, proposal.signature);
    return rlp::wrap_list(payload);
}

Result<Proposal, DecodeError> decode_proposal(BytesView encoded) {
    FieldReader fields = FieldReader::open(encoded);
    Proposal proposal;
    proposal.height = fields.uint64();
    proposal.round = fields.uint64();
    const std::uint64_t pol = fields.uint64();
    proposal.block_hash = fields.hash(false).value_or(Hash{});
    const BytesView block = fields.bytes();
    proposal.signature = fields.signature();
    // pol_round + 1 <= round also keeps pol_round + 1 from overflowing.
    if (fields.ok() && pol > proposal.round) fields.fail(DecodeErrorCode::kBadPolRound);
    if (auto done = fields.finish(); !done) return Unexpected(done.error());
    if (pol != 0) proposal.pol_round = pol - 1;
    proposal.block = to_bytes(block);
    return proposal;
}

Bytes encode_quorum_cert(const QuorumCert& qc) {
    Bytes sigs;
    for (const CommitSignature& entry : qc.signatures) {
        Bytes one;
        rlp::encode_uint(one, entry.validator_index);
        put_signature(one, entry.signature);
        append(sigs, rlp::wrap_list(one));
    }
    Bytes payload;
    rlp::encode_uint(payload, qc.height);
    rlp::encode_uint(payload, qc.round);
    rlp::encode_string(payload, qc.block_hash.view());
    append(payload, rlp::wrap_list(sigs));
    return rlp::wrap_list(payload);
}

Result<QuorumCert, DecodeError> decode_quorum_cert(BytesView encoded) {
    FieldReader fields = FieldReader::open(encoded);
    QuorumCert qc;
    qc.height = fields.uint64();
    qc.round = fields.uint64();
    qc.block_hash = fields.hash(false).value_or(Hash{});
    FieldReader sigs = fields.list();
    while (fields.ok() && sigs.ok() && !sigs.empty()) {
        FieldReader one = sigs.list();
        CommitSignature entry;
        entry.validator_index = read_index(one);
        entry.signature = one.signature();
        if (auto done = one.finish(); !done) return Unexpected(done.error());
        if (!qc.signatures.empty() &&
            qc.signatures.back().validator_index >= entry.validator_index) {
            return Unexpected(DecodeError{DecodeErrorCode::kUnsortedSignatures});
        }
        qc.signatures.push_back(entry);
    }
    if (auto done = sigs.finish(); !done) return Unexpected(done.error());
    if (auto done = fields.finish(); !done) return Unexpected(done.error());
    return qc;
}

Bytes encode_evidence(const Evidence& evidence) {
    Bytes first = encode_vote(evidence.first);
    Bytes second = encode_vote(evidence.second);
    if (second < first) std::swap(first, second);
    Bytes payload = std::move(first);
    append(payload, second);
    return rlp::wrap_list(payload);
}

Result<Evidence, DecodeError> decode_evidence(BytesView encoded) {
    FieldReader fields = FieldReader::open(encoded);
    const BytesView first_raw = fields.raw_item();
    const BytesView second_raw = fields.raw_item();
    if (auto done = fields.finish(); !done) return Unexpected(done.error());
    auto first = decode_vote(first_raw);
    if (!first) return Unexpected(first.error());
    auto second = decode_vote(second_raw);
    if (!second) return Unexpected(second.error());
    const bool ordered = std::lexicographical_compare(first_raw.begin(), first_raw.end(),
                                                      second_raw.begin(), second_raw.end());
    const bool conflicting = first->validator_index == second->validator_index &&
                             first->height == second->height && first->round == second->round &&
                             first->kind == second->kind && first->block_hash != second->block_hash;
    if (!ordered || !conflicting) {
        return Unexpected(DecodeError{DecodeErrorCode::kNotConflicting});
    }
    return Evidence{*first, *second};
}

Bytes encode_message(const Message& message) {
    Bytes out;
    if (const auto* proposal = std::get_if<Proposal>(&message)) {
        out.push_back(static_cast<std::uint8_t>(MessageType::kProposal));
        append(out, encode_proposal(*proposal));
    } else {
        out.push_back(static_cast<std::uint8_t>(MessageType::kVote));
        append(out, encode_vote(std::get<Vote>(message)));
    }
    return out;
}

Result<Message, DecodeError> decode_message(BytesView encoded) {
    if (encoded.empty()) return Unexpected(DecodeError{DecodeErrorCode::kEmpty});
    const BytesView body = encoded.subspan(1);
    switch (encoded[0]) {
        case static_cast<std::uint8_t>(MessageType::kProposal): {
            auto proposal = decode_proposal(body);
            if (!proposal) return Unexpected(proposal.error());
            return Message{std::move(*proposal)};
        }
        case static_cast<std::uint8_t>(MessageType::kVote): {
            auto vote = decode_vote(body);
            if (!vote) return Unexpected(vote.error());
            return Message{*vote};
        }
        default:
            return Unexpected(DecodeError{DecodeErrorCode::kUnknownMessageType});
    }
}

}  // namespace yunlian::consensus::bft
