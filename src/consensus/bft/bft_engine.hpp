#pragma once
// The Tendermint BFT consensus engine (issue 6; docs/BFT.md; Buchman, Kwon, Milosevic, "The
// latest gossip on BFT consensus", arXiv:1807.04938, Algorithm 1). A pure state machine: the node
// feeds it messages, timer expiries and answers to its requests, and carries out the actions it
// returns in order. It reads no clock, socket, thread or randomness, so a test can run many
// engines on a simulated network and replay any schedule.
//
// Per height: rounds of propose -> prevote -> precommit with a round-robin proposer; a validator
// locks on a block when it precommits it after +2/3 prevotes (a polka) and only prevotes another
// block on a newer polka; +2/3 precommits for one block decide the height (one-block finality,
// the precommits are the quorum certificate). Timeouts grow by `delta_ms` per round, so after
// global stabilization every honest validator eventually shares a round long enough to decide.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "common/bytes.hpp"
#include "consensus/bft/actions.hpp"
#include "consensus/bft/messages.hpp"
#include "consensus/bft/validator_set.hpp"
#include "consensus/bft/vote_book.hpp"
#include "crypto/secp256k1.hpp"

namespace yunlian::consensus::bft {

/// Round timeouts. The timeout of `step` in round r is base(step) + r * delta_ms.
struct TimeoutConfig {
    /// Waiting for the round's proposal (then prevote nil).
    std::uint64_t propose_ms = 1000;
    /// After +2/3 prevotes for different things (then precommit nil).
    std::uint64_t prevote_ms = 1000;
    /// After +2/3 precommits for different things (then the next round).
    std::uint64_t precommit_ms = 1000;
    /// Added per round to every timeout: the view-change backoff.
    std::uint64_t delta_ms = 500;

    /// The timeout of `step` (kPropose, kPrevote or kPrecommit) in `round`, saturating.
    [[nodiscard]] std::uint64_t after_ms(Step step, std::uint64_t round) const noexcept;
};

/// The BFT engine of one node. A validator when it has a key of the set; an observer (follows,
/// decides, never signs) otherwise.
class BftEngine {
  public:
    /// Rounds ahead of the current one whose votes are stored (later ones only count for the
    /// round skip).
    static constexpr std::uint64_t kFutureRounds = 8;
    /// Rounds behind the current one whose votes and proposals are kept (besides those of the
    /// lock and the valid value). Older ones come back, if ever needed, relayed with the
    /// re-proposal that cites them.
    static constexpr std::uint64_t kPastRounds = 16;
    /// Heights ahead of the current one whose messages are kept until the engine gets there.
    static constexpr std::uint64_t kFutureHeights = 2;
    /// Most stored evidence records (the oldest are dropped first).
    static constexpr std::size_t kMaxEvidence = 256;

    /// `key` is the validator's signing key (nullopt, or a key outside the set: an observer).
    /// `last_signed` is the record the node persisted last (nullopt on first start). No actions
    /// happen until start_height().
    BftEngine(ValidatorSet validators, std::uint64_t chain_id,
              std::optional<crypto::PrivateKey> key, TimeoutConfig timeouts,
              std::optional<LastSigned> last_signed);

    // ---- inputs -------------------------------------------------------------------------------

    /// Starts height `height` (the head is height - 1), at start-up and after every commit, by
    /// this engine or by sync. Ignored unless above the current height (or the first call).
    [[nodiscard]] Actions start_height(std::uint64_t height);
    /// Block sync committed block `qc.height` with the (already verified) proof `qc`: remembers
    /// the QC and starts height qc.height + 1 (nothing if the engine is already past it).
    [[nodiscard]] Actions on_synced_commit(const QuorumCert& qc);
    /// A proposal or vote from a peer.
    [[nodiscard]] Actions on_message(const Message& message);
    /// A proposal from a peer.
    [[nodiscard]] Actions on_proposal(const Proposal& proposal);
    /// A vote from a peer.
    [[nodiscard]] Actions on_vote(const Vote& vote);
    /// A timer asked for by ScheduleTimeout fired (stale ones are ignored).
    [[nodiscard]] Actions on_timeout(std::uint64_t height, std::uint64_t round, Step step);
    /// The answer to BuildBlock: the block's RLP and header hash.
    [[nodiscard]] Actions on_block_built(std::uint64_t height, std::uint64_t round, Bytes block,
                                         const Hash& hash);
    /// The answer to ValidateBlock.
    [[nodiscard]] Actions on_block_validated(std::uint64_t height, const Hash& hash, bool valid);

    // ---- accessors (RPC, tests) ---------------------------------------------------------------

    [[nodiscard]] std::uint64_t height() const noexcept { return m_height; }
    [[nodiscard]] std::uint64_t round() const noexcept { return m_round; }
    [[nodiscard]] Step step() const noexcept { return m_step; }
    [[nodiscard]] const ValidatorSet& validators() const noexcept { return m_validators; }
    [[nodiscard]] std::uint64_t chain_id() const noexcept { return m_chain_id; }
    /// This node's validator index; nullopt for an observer.
    [[nodiscard]] std::optional<std::uint32_t> own_index() const noexcept { return m_own_index; }
    /// The proposer of (height, round).
    [[nodiscard]] std::uint32_t proposer(std::uint64_t height, std::uint64_t round) const noexcept {
        return m_validators.proposer(height, round);
    }
    /// The proof of the last block committed (by this engine or by sync), if any.
    [[nodiscard]] const std::optional<QuorumCert>& last_qc() const noexcept { return m_last_qc; }
    /// The double votes seen so far (at most kMaxEvidence, oldest first).
    [[nodiscard]] const std::vector<Evidence>& evidence() const noexcept { return m_evidence; }
    /// The last message signed (what the node should have persisted).
    [[nodiscard]] const std::optional<LastSigned>& last_signed() const noexcept {
        return m_last_signed;
    }
    /// The lock at the current height (Tendermint's lockedRound / lockedValue).
    [[nodiscard]] std::optional<std::uint64_t> locked_round() const noexcept {
        return m_locked_round;
    }
    [[nodiscard]] const std::optional<Hash>& locked_hash() const noexcept { return m_locked_hash; }

  private:
    enum class Validity { kPending, kValid, kInvalid };

    struct RoundFlags {
        bool propose_timeout_scheduled = false;
        bool prevote_timeout_scheduled = false;
        bool precommit_timeout_scheduled = false;
        bool polka_seen = false;
    };

    // Height, round and step transitions (bft_engine.cpp).
    void enter_height(std::uint64_t height, Actions& out);
    void restore_lock(const LastSigned& record);
    void start_round(std::uint64_t round, Actions& out);
    void enter_step(Step step, Actions& out);
    void forget_old_rounds();
    void propose(Actions& out);
    void schedule(Step step, Actions& out);
    void request_validation(const Proposal& proposal, Actions& out);
    [[nodiscard]] const Proposal* proposal_in(std::uint64_t round) const;
    [[nodiscard]] const Bytes* block_bytes(const Hash& hash) const;
    [[nodiscard]] std::optional<Validity> validity(const Hash& hash) const;
    // Message intake (bft_engine_input.cpp).
    [[nodiscard]] bool in_window(std::uint64_t height, std::uint64_t round) const;
    void handle_proposal(const Proposal& proposal, Actions& out);
    void admit_proposal(const Proposal& proposal, Actions& out);
    void handle_vote(const Vote& vote, Actions& out);
    void admit_vote(const Vote& vote, Actions& out);
    bool buffer_future(const Message& message);
    void replay_future(Actions& out);
    void note_evidence(const Vote& earlier, const Vote& later, Actions& out);
    // The upon-rules of Algorithm 1, applied until none fires (bft_engine_rules.cpp).
    void update(Actions& out);
    bool rule_prevote_on_proposal(Actions& out);
    void rule_polka_any(Actions& out);
    bool rule_polka_block(Actions& out);
    bool rule_polka_nil(Actions& out);
    void rule_precommit_any(Actions& out);
    void rule_late_polka();
    bool rule_decide(Actions& out);
    bool rule_round_skip(Actions& out);
    // Signing under the last-signed guard (bft_engine_sign.cpp).
    [[nodiscard]] std::optional<std::optional<Hash>> signable(
        std::uint64_t round, Step step, const std::optional<Hash>& wanted) const;
    [[nodiscard]] bool may_build(std::uint64_t round) const;
    void record_signed(std::uint64_t round, Step step, const std::optional<Hash>& hash,
                       Actions& out);
    void cast_vote(VoteKind kind, std::optional<Hash> block_hash, Actions& out);
    void send_proposal(Proposal proposal, Actions& out);

    ValidatorSet m_validators;
    std::uint64_t m_chain_id = 0;
    std::optional<crypto::PrivateKey> m_key;
    std::optional<std::uint32_t> m_own_index;
    TimeoutConfig m_timeouts;
    std::optional<LastSigned> m_last_signed;

    bool m_started = false;
    std::uint64_t m_height = 0;
    std::uint64_t m_round = 0;
    Step m_step = Step::kPropose;
    std::optional<std::uint64_t> m_locked_round;
    std::optional<Hash> m_locked_hash;
    Bytes m_locked_block;
    std::vector<Vote> m_locked_polka;
    std::optional<std::uint64_t> m_valid_round;
    std::optional<Hash> m_valid_hash;
    bool m_build_requested = false;

    std::map<std::uint64_t, Proposal> m_proposals;
    std::map<Hash, Validity> m_validity;
    std::map<std::uint64_t, RoundFlags> m_flags;
    VoteBook m_votes;
    std::vector<Message> m_future;
    std::optional<QuorumCert> m_last_qc;
    std::vector<Evidence> m_evidence;
};

}  // namespace yunlian::consensus::bft
