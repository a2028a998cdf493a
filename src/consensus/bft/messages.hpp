#pragma once
// BFT consensus messages (issue 6; docs/BFT.md "Message formats"): proposals, prevotes and
// precommits, quorum certificates (the finality proof of a block) and evidence of a double vote.
// Every message has one canonical RLP encoding (codec/rlp.hpp) and decoding is strict: any other
// byte string is rejected with the rule it breaks. Signatures are recoverable secp256k1 (low S)
// over keccak256 of a domain-separated RLP list that includes the chain id, so a signature made
// for one chain, or for one kind of message, is worthless for any other.

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "consensus/bft/validator_set.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::consensus::bft {

/// The two kinds of vote (Tendermint's prevote and precommit). Encoded as 1 and 2.
enum class VoteKind : std::uint8_t {
    kPrevote = 1,
    kPrecommit = 2,
};

/// A vote of validator `validator_index` for `block_hash` (or for nil: no block) at
/// (height, round). Signed by the validator's key over vote_digest().
struct Vote {
    VoteKind kind = VoteKind::kPrevote;
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    /// The block voted for; nullopt is a nil vote.
    std::optional<Hash> block_hash;
    std::uint32_t validator_index = 0;
    crypto::Signature signature;

    friend bool operator==(const Vote&, const Vote&) = default;
};

/// The proposer's block for (height, round). `pol_round` is the round of the proof-of-lock the
/// proposer re-proposes a block from (Tendermint's validRound; always below `round`), nullopt for
/// a fresh block. `block` is the block's RLP (types::encode_block) and `block_hash` its header
/// hash; the engine treats both as opaque and the node checks that they match when it validates.
struct Proposal {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    std::optional<std::uint64_t> pol_round;
    Hash block_hash;
    Bytes block;
    crypto::Signature signature;

    friend bool operator==(const Proposal&, const Proposal&) = default;
};

/// One precommit signature inside a quorum certificate.
struct CommitSignature {
    std::uint32_t validator_index = 0;
    crypto::Signature signature;

    friend bool operator==(const CommitSignature&, const CommitSignature&) = default;
};

/// The finality proof of a block: +2/3 precommits for `block_hash` at (height, round), as
/// signatures sorted by strictly increasing validator index.
struct QuorumCert {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    Hash block_hash;
    std::vector<CommitSignature> signatures;

    friend bool operator==(const QuorumCert&, const QuorumCert&) = default;
};

/// Proof that one validator signed two different votes for one (height, round, kind).
struct Evidence {
    Vote first;
    Vote second;

    friend bool operator==(const Evidence&, const Evidence&) = default;
};

/// What travels between validators: a proposal or a vote.
using Message = std::variant<Proposal, Vote>;

/// The height a proposal or vote is for.
[[nodiscard]] inline std::uint64_t height_of(const Message& message) noexcept {
    return std::visit([](const auto& m) { return m.height; }, message);
}

/// The leading byte of an encoded Message (encode_message).
enum class MessageType : std::uint8_t {
    kProposal = 1,
    kVote = 2,
};

/// The rule an encoding breaks.
enum class DecodeErrorCode {
    kRlp,                 ///< not canonical RLP of the expected shape (see DecodeError::rlp)
    kEmpty,               ///< an empty message
    kUnknownMessageType,  ///< a leading type byte that is not a MessageType
    kBadVoteKind,         ///< a vote kind other than 1 (prevote) or 2 (precommit)
    kBadHashLength,       ///< a block hash that is neither 32 bytes nor (nil votes only) empty
    kBadSignatureScalar,  ///< r or s not 32 bytes
    kBadRecoveryId,       ///< a recovery id other than 0 or 1
    kHighS,               ///< s above n / 2 (EIP-2): a second encoding of the same signature
    kBadPolRound,         ///< a proof-of-lock round not below the proposal's round
    kIndexTooLarge,       ///< a validator index above ValidatorSet::kMaxValidators
    kUnsortedSignatures,  ///< QC signatures not by strictly increasing validator index
    kNotConflicting,      ///< evidence whose votes differ in signer, height, round or kind, or
                          ///< agree on the block, or are not in canonical (sorted) order
    kBadStep,             ///< a signed-record step other than 1, 2 or 3
};

/// A decoding failure: the rule broken and, for kRlp, the RLP rule.
struct DecodeError {
    DecodeErrorCode code = DecodeErrorCode::kRlp;
    rlp::RlpError rlp = rlp::RlpError::kInputTooShort;

    friend bool operator==(const DecodeError&, const DecodeError&) = default;
};

[[nodiscard]] std::string_view to_string(DecodeErrorCode code) noexcept;

// ---- codecs ---------------------------------------------------------------------------------

/// RLP [kind, height, round, hash or "", validator_index, r, s, recovery_id].
[[nodiscard]] Bytes encode_vote(const Vote& vote);
[[nodiscard]] Result<Vote, DecodeError> decode_vote(BytesView encoded);

/// RLP [height, round, pol_round + 1 (0 = none), hash, block, r, s, recovery_id].
[[nodiscard]] Bytes encode_proposal(const Proposal& proposal);
[[nodiscard]] Result<Proposal, DecodeError> decode_proposal(BytesView encoded);

/// RLP [height, round, hash, [[validator_index, r, s, recovery_id], ...]].
[[nodiscard]] Bytes encode_quorum_cert(const QuorumCert& qc);
[[nodiscard]] Result<QuorumCert, DecodeError> decode_quorum_cert(BytesView encoded);

/// RLP [vote, vote], the two votes ordered by their encodings (smaller first).
[[nodiscard]] Bytes encode_evidence(const Evidence& evidence);
[[nodiscard]] Result<Evidence, DecodeError> decode_evidence(BytesView encoded);

/// One MessageType byte followed by the encoded proposal or vote (the p2p payload).
[[nodiscard]] Bytes encode_message(const Message& message);
[[nodiscard]] Result<Message, DecodeError> decode_message(BytesView encoded);

// ---- signing --------------------------------------------------------------------------------

/// keccak256(RLP["yunlian/bft/vote/v1", chain_id, kind, height, round, hash or ""]).
[[nodiscard]] Hash vote_digest(std::uint64_t chain_id, VoteKind kind, std::uint64_t height,
                               std::uint64_t round, const std::optional<Hash>& block_hash);
/// keccak256(RLP["yunlian/bft/proposal/v1", chain_id, height, round, pol_round + 1, hash]).
[[nodiscard]] Hash proposal_digest(std::uint64_t chain_id, std::uint64_t height,
                                   std::uint64_t round, std::optional<std::uint64_t> pol_round,
                                   const Hash& block_hash);

/// Why a signed message does not check out against the validator set.
enum class SignatureError {
    kUnknownValidator,  ///< the validator index is not below the set's size
    kBadSignature,      ///< no key can be recovered, or S is high
    kNotValidator,      ///< the signer is not a validator at all
    kWrongSigner,       ///< the signer is a validator, but not the one the message names
};

[[nodiscard]] std::string_view to_string(SignatureError error) noexcept;

/// Signs a vote (fills `signature`); fails only for an invalid key.
[[nodiscard]] Result<Vote, crypto::SecpError> sign_vote(Vote vote, std::uint64_t chain_id,
                                                        const crypto::PrivateKey& key);
/// Signs a proposal (fills `signature`).
[[nodiscard]] Result<Proposal, crypto::SecpError> sign_proposal(Proposal proposal,
                                                                std::uint64_t chain_id,
                                                                const crypto::PrivateKey& key);

/// Checks that validator `vote.validator_index` of `validators` signed `vote`.
[[nodiscard]] Result<void, SignatureError> verify_vote(const Vote& vote,
                                                       const ValidatorSet& validators,
                                                       std::uint64_t chain_id);
/// Checks that `proposer_index` signed `proposal` (the caller knows who proposes the round).
[[nodiscard]] Result<void, SignatureError> verify_proposal(const Proposal& proposal,
                                                           std::uint32_t proposer_index,
                                                           const ValidatorSet& validators,
                                                           std::uint64_t chain_id);

/// Why a quorum certificate is not a finality proof.
enum class QcError {
    kTooFewSignatures,  ///< fewer distinct validators than validators.quorum()
    kDuplicateSigner,   ///< one validator index listed twice
    kUnsortedSigners,   ///< indices not strictly increasing
    kUnknownValidator,  ///< an index not below the set's size
    kBadSignature,      ///< a signature from which no key can be recovered, or with high S
    kNotValidator,      ///< a signer outside the validator set
    kWrongSigner,       ///< a validator's signature listed under another validator's index
    kWrongBlock,        ///< height or hash differ from the block it should prove
};

[[nodiscard]] std::string_view to_string(QcError error) noexcept;

/// Checks that `qc` holds precommits of +2/3 of `validators` for (qc.height, qc.round,
/// qc.block_hash) on chain `chain_id`. Block sync calls it for every block it receives.
[[nodiscard]] Result<void, QcError> verify_quorum_cert(const QuorumCert& qc,
                                                       const ValidatorSet& validators,
                                                       std::uint64_t chain_id);
/// verify_quorum_cert() and also that the QC is for block `block_hash` at `height`.
[[nodiscard]] Result<void, QcError> verify_quorum_cert_for(const QuorumCert& qc,
                                                           const ValidatorSet& validators,
                                                           std::uint64_t chain_id,
                                                           std::uint64_t height,
                                                           const Hash& block_hash);

/// Checks evidence: both votes validly signed by the same validator, same (height, round,
/// kind), different blocks.
[[nodiscard]] bool verify_evidence(const Evidence& evidence, const ValidatorSet& validators,
                                   std::uint64_t chain_id);

}  // namespace yunlian::consensus::bft
