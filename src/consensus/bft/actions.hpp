#pragma once
// What the BFT engine asks the node to do (issue 6; docs/BFT.md "Driving the engine"). Every
// input of BftEngine returns an ordered vector of these; the node carries them out in order. In
// particular a PersistSigned must be durable before any later Broadcast of the same vector: the
// engine emits it before the message it covers, so a crash can never leave a signed message out
// in the network that the restarted validator does not know it signed.

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "consensus/bft/messages.hpp"

namespace yunlian::consensus::bft {

/// Where a round is. Also the step of a signed message and of a timeout.
enum class Step : std::uint8_t {
    kPropose = 1,    ///< waiting for the round's proposal
    kPrevote = 2,    ///< prevoted; waiting for +2/3 prevotes
    kPrecommit = 3,  ///< precommitted; waiting for +2/3 precommits
    kCommit = 4,     ///< decided the height; waiting for the node to start the next one
};

[[nodiscard]] std::string_view to_string(Step step) noexcept;

/// The last message this validator signed and its lock (Tendermint's lockedRound/lockedValue),
/// which change only together with a signature. The node persists it (PersistSigned) and gives
/// it back to the engine after a restart, so the validator never signs two different messages
/// for one (height, round, step) and never forgets a lock it precommitted under.
struct LastSigned {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    /// kPropose (a proposal), kPrevote or kPrecommit.
    Step step = Step::kPropose;
    /// The block signed for; nullopt for a nil vote.
    std::optional<Hash> block_hash;
    /// The round and block this validator is locked on at `height`, if any.
    std::optional<std::uint64_t> locked_round;
    std::optional<Hash> locked_hash;
    /// The locked block's RLP and the +2/3 prevotes (the polka) it was locked on; empty when not
    /// locked. A restarted validator needs both to re-propose the block with its proof: without
    /// them, validators locked on a block nobody else can still prove would stall the chain.
    Bytes locked_block;
    std::vector<Vote> locked_polka;

    friend bool operator==(const LastSigned&, const LastSigned&) = default;
};

/// RLP [height, round, step, hash or "", locked_round + 1 (0 = none), locked hash or "",
/// locked block or "", [vote, ...]]. Decoding checks that the lock fields agree (all or none;
/// polka votes are prevotes of this height and the lock's round, for the locked block).
[[nodiscard]] Bytes encode_last_signed(const LastSigned& record);
[[nodiscard]] Result<LastSigned, DecodeError> decode_last_signed(BytesView encoded);

/// Write `record` durably (fsync) before carrying out any later action of the same vector.
struct PersistSigned {
    LastSigned record;
};

/// Send a proposal or vote to every peer (the engine has already taken it into account itself).
struct Broadcast {
    Message message;
};

/// Build a block on the current head for (height, round) and answer with on_block_built().
struct BuildBlock {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
};

/// Check the proposed block and answer with on_block_validated(height, hash, valid). Valid means:
/// `block` decodes, its header hashes to `hash`, its number is `height`, it extends the current
/// head, and executing it reproduces its header (state root, receipts, gas).
struct ValidateBlock {
    std::uint64_t height = 0;
    Hash hash;
    Bytes block;
};

/// The height is decided: store `block` with its finality proof `qc` as the new head, then call
/// start_height(height + 1).
struct CommitBlock {
    std::uint64_t height = 0;
    Hash hash;
    Bytes block;
    QuorumCert qc;
};

/// Call on_timeout(height, round, step) `after_ms` milliseconds from now.
struct ScheduleTimeout {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    Step step = Step::kPropose;
    std::uint64_t after_ms = 0;
};

/// A validator signed two conflicting votes; the engine keeps it too (BftEngine::evidence()).
struct ReportEvidence {
    Evidence evidence;
};

/// Why a message was refused as misbehaviour (the node penalizes the peer that relayed it).
enum class MisbehaviourReason {
    kBadSignature,         ///< a signature that does not recover, or has high S
    kUnknownValidator,     ///< a validator index outside the set
    kNotValidator,         ///< signed by a key that is not a validator's
    kWrongSigner,          ///< signed by a validator other than the one it names
    kWrongProposer,        ///< a proposal from a validator that does not propose that round
    kConflictingProposal,  ///< a second, different proposal for one (height, round)
    kDoubleVote,           ///< two different votes for one (height, round, kind)
    kInvalidBlock,         ///< a proposed block the node found invalid
};

[[nodiscard]] std::string_view to_string(MisbehaviourReason reason) noexcept;

/// A message broke a rule.
///
/// `proven` says who is to blame. True (kWrongProposer, kConflictingProposal, kDoubleVote,
/// kInvalidBlock): validator `validator_index` signed what breaks the rule, whoever relayed it;
/// penalize that validator. False (kBadSignature, kUnknownValidator, kNotValidator,
/// kWrongSigner): the message is not authentic, so it proves nothing against the validator it
/// names (`validator_index` is only the index it claims, possibly none); penalize the peer that
/// relayed it, never the named validator, or anyone could get an honest validator banned.
struct Misbehaviour {
    std::uint32_t validator_index = 0;
    MisbehaviourReason reason = MisbehaviourReason::kBadSignature;
    bool proven = false;
};

/// One thing to do.
using Action = std::variant<PersistSigned, Broadcast, BuildBlock, ValidateBlock, CommitBlock,
                            ScheduleTimeout, ReportEvidence, Misbehaviour>;

/// The engine's answer to one input, in the order to carry it out.
using Actions = std::vector<Action>;

}  // namespace yunlian::consensus::bft
