// Signing and checking BFT messages: domain-separated digests (docs/BFT.md "Signatures"), vote
// and proposal signatures, quorum certificates and evidence.

#include "consensus/bft/messages.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::consensus::bft {

namespace {

// Distinct tags keep a vote signature from ever passing for a proposal signature (and the other
// way round); the chain id keeps signatures of one network from replaying on another.
constexpr std::string_view kVoteDomain = "yunlian/bft/vote/v1";
constexpr std::string_view kProposalDomain = "yunlian/bft/proposal/v1";

Result<Address, SignatureError> signer_of(const Hash& digest, const crypto::Signature& sig) {
    if (!crypto::is_low_s(sig.s) || sig.recovery_id > 1) {
        return Unexpected(SignatureError::kBadSignature);
    }
    auto address = crypto::recover_address(digest, sig);
    if (!address) return Unexpected(SignatureError::kBadSignature);
    return *address;
}

Result<void, SignatureError> check_signer(const Hash& digest, const crypto::Signature& sig,
                                          std::uint32_t index, const ValidatorSet& validators) {
    if (index >= validators.size()) return Unexpected(SignatureError::kUnknownValidator);
    auto signer = signer_of(digest, sig);
    if (!signer) return Unexpected(signer.error());
    if (*signer == validators.address(index)) return {};
    if (validators.index_of(*signer)) return Unexpected(SignatureError::kWrongSigner);
    return Unexpected(SignatureError::kNotValidator);
}

QcError qc_error_of(SignatureError error) {
    switch (error) {
        case SignatureError::kUnknownValidator:
            return QcError::kUnknownValidator;
        case SignatureError::kBadSignature:
            return QcError::kBadSignature;
        case SignatureError::kNotValidator:
            return QcError::kNotValidator;
        case SignatureError::kWrongSigner:
            return QcError::kWrongSigner;
    }
    return QcError::kBadSignature;
}

}  // namespace

std::string_view to_string(SignatureError error) noexcept {
    switch (error) {
        case SignatureError::kUnknownValidator:
            return "unknown validator index";
        case SignatureError::kBadSignature:
            return "bad signature";
        case SignatureError::kNotValidator:
            return "signer is not a validator";
        case SignatureError::kWrongSigner:
            return "signed by another validator";
    }
    return "unknown signature error";
}

std::string_view to_string(QcError error) noexcept {
    switch (error) {
        case QcError::kTooFewSignatures:
            return "fewer than +2/3 precommits";
        case QcError::kDuplicateSigner:
            return "validator signs twice";
        case QcError::kUnsortedSigners:
            return "signers not sorted by index";
        case QcError::kUnknownValidator:
            return "unknown validator index";
        case QcError::kBadSignature:
            return "bad precommit signature";
        case QcError::kNotValidator:
            return "precommit from a non-validator";
        case QcError::kWrongSigner:
            return "precommit signed by another validator";
        case QcError::kWrongBlock:
            return "certificate for another block";
    }
    return "unknown quorum certificate error";
}

Hash vote_digest(std::uint64_t chain_id, VoteKind kind, std::uint64_t height, std::uint64_t round,
                 const std::optional<Hash>& block_hash) {
    Bytes payload;
    rlp::encode_string(payload, as_bytes(kVoteDomain));
    rlp::encode_uint(payload, chain_id);
    rlp::encode_uint(payload, static_cast<std::uint64_t>(kind));
    rlp::encode_uint(payload, height);
    rlp::encode_uint(payload, round);
    rlp::encode_string(payload, block_hash ? block_hash->view() : BytesView{});
    return crypto::keccak256(rlp::wrap_list(payload));
}

Hash proposal_digest(std::uint64_t chain_id, std::uint64_t height, std::uint64_t round,
                     std::optional<std::uint64_t> pol_round, const Hash& block_hash) {
    Bytes payload;
    rlp::encode_string(payload, as_bytes(kProposalDomain));
    rlp::encode_uint(payload, chain_id);
    rlp::encode_uint(payload, height);
    rlp::encode_uint(payload, round);
    rlp::encode_uint(payload, pol_round ? *pol_round + 1 : 0);
    rlp::encode_string(payload, block_hash.view());
    return crypto::keccak256(rlp::wrap_list(payload));
}

Result<Vote, crypto::SecpError> sign_vote(Vote vote, std::uint64_t chain_id,
                                          const crypto::PrivateKey& key) {
    auto sig = crypto::sign(
        vote_digest(chain_id, vote.kind, vote.height, vote.round, vote.block_hash), key);
    if (!sig) return Unexpected(sig.error());
    vote.signature = *sig;
    return vote;
}

Result<Proposal, crypto::SecpError> sign_proposal(Proposal proposal, std::uint64_t chain_id,
                                                  const crypto::PrivateKey& key) {
    auto sig = crypto::sign(proposal_digest(chain_id, proposal.height, proposal.round,
                                            proposal.pol_round, proposal.block_hash),
                            key);
    if (!sig) return Unexpected(sig.error());
    proposal.signature = *sig;
    return proposal;
}

Result<void, SignatureError> verify_vote(const Vote& vote, const ValidatorSet& validators,
                                         std::uint64_t chain_id) {
    if (vote.validator_index >= validators.size()) {
        return Unexpected(SignatureError::kUnknownValidator);
    }
    return check_signer(vote_digest(chain_id, vote.kind, vote.height, vote.round, vote.block_hash),
                        vote.signature, vote.validator_index, validators);
}

Result<void, SignatureError> verify_proposal(const Proposal& proposal, std::uint32_t proposer_index,
                                             const ValidatorSet& validators,
                                             std::uint64_t chain_id) {
    return check_signer(proposal_digest(chain_id, proposal.height, proposal.round,
                                        proposal.pol_round, proposal.block_hash),
                        proposal.signature, proposer_index, validators);
}

Result<void, QcError> verify_quorum_cert(const QuorumCert& qc, const ValidatorSet& validators,
                                         std::uint64_t chain_id) {
    // Structure first (cheap), signatures after.
    for (std::size_t i = 1; i < qc.signatures.size(); ++i) {
        const std::uint32_t prev = qc.signatures[i - 1].validator_index;
        const std::uint32_t cur = qc.signatures[i].validator_index;
        if (cur == prev) return Unexpected(QcError::kDuplicateSigner);
        if (cur < prev) return Unexpected(QcError::kUnsortedSigners);
    }
    if (qc.signatures.size() < validators.quorum()) {
        return Unexpected(QcError::kTooFewSignatures);
    }
    const Hash digest =
        vote_digest(chain_id, VoteKind::kPrecommit, qc.height, qc.round, qc.block_hash);
    for (const CommitSignature& entry : qc.signatures) {
        auto ok = check_signer(digest, entry.signature, entry.validator_index, validators);
        if (!ok) return Unexpected(qc_error_of(ok.error()));
    }
    return {};
}

Result<void, QcError> verify_quorum_cert_for(const QuorumCert& qc, const ValidatorSet& validators,
                                             std::uint64_t chain_id, std::uint64_t height,
                                             const Hash& block_hash) {
    if (qc.height != height || qc.block_hash != block_hash) {
        return Unexpected(QcError::kWrongBlock);
    }
    return verify_quorum_cert(qc, validators, chain_id);
}

bool verify_evidence(const Evidence& evidence, const ValidatorSet& validators,
                     std::uint64_t chain_id) {
    const Vote& a = evidence.first;
    const Vote& b = evidence.second;
    const bool conflicting = a.validator_index == b.validator_index && a.height == b.height &&
                             a.round == b.round && a.kind == b.kind && a.block_hash != b.block_hash;
    return conflicting && verify_vote(a, validators, chain_id) &&
           verify_vote(b, validators, chain_id);
}

}  // namespace yunlian::consensus::bft
