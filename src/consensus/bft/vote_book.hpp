#pragma once
// The votes of one height, as BftEngine counts them: per (round, kind) each validator's signed
// votes, tallies per block, and each validator's highest round seen for the +1/3 round skip. A
// second, different vote of one validator for one (round, kind) is a double vote: it is handed
// back as evidence AND still counted for its block. Counting an equivocator towards both blocks
// is safe (a quorum is any 2f+1 distinct validators that signed a block, and any two quorums
// share an honest one whatever the faulty do) and needed for liveness: otherwise validators that
// saw the equivocator's votes in different orders could never agree on a polka. Only
// signature-checked votes of the current height come in; memory is bounded per validator.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "consensus/bft/messages.hpp"

namespace yunlian::consensus::bft {

class VoteBook {
  public:
    /// Most votes stored per validator and height; past it, new votes of that validator are
    /// dropped (still counted for the round skip). 2 kinds x 512 rounds.
    static constexpr std::size_t kMaxVotesPerValidator = 1024;

    /// What add() did with a vote.
    enum class Outcome {
        kAdded,      ///< new; counted
        kDuplicate,  ///< the same vote again; ignored
        kConflict,   ///< counted, but the validator already voted otherwise in this (round, kind)
        kDropped,    ///< over the per-validator cap; not counted
    };

    /// The outcome and, for kConflict, the vote stored first.
    struct AddResult {
        Outcome outcome = Outcome::kAdded;
        std::optional<Vote> earlier;
    };

    VoteBook() = default;
    /// An empty book for `validators` validators.
    explicit VoteBook(std::size_t validators);

    /// Records a signature-checked vote of this height (validator index < size).
    AddResult add(const Vote& vote);
    /// Whether exactly this vote (same signature) is already stored.
    [[nodiscard]] bool contains(const Vote& vote) const;

    /// Votes of `kind` in `round` for `block_hash` (nullopt counts nil votes).
    [[nodiscard]] std::size_t count(std::uint64_t round, VoteKind kind,
                                    const std::optional<Hash>& block_hash) const;
    /// Votes of `kind` in `round` for anything (blocks and nil).
    [[nodiscard]] std::size_t count_any(std::uint64_t round, VoteKind kind) const;
    /// A block (or nil) with at least `threshold` votes of `kind` in `round`, if any.
    [[nodiscard]] std::optional<std::optional<Hash>> value_with(std::uint64_t round, VoteKind kind,
                                                                std::size_t threshold) const;
    /// Every round in which some block (not nil) has at least `threshold` precommits, with it.
    [[nodiscard]] std::vector<std::pair<std::uint64_t, Hash>> decisions(
        std::size_t threshold) const;
    /// The precommit signatures for `block_hash` in `round`, by increasing validator index.
    [[nodiscard]] std::vector<CommitSignature> precommits_for(std::uint64_t round,
                                                              const Hash& block_hash) const;

    /// The votes of `kind` in `round` for `block_hash`, by increasing validator index.
    [[nodiscard]] std::vector<Vote> votes_for(std::uint64_t round, VoteKind kind,
                                              const std::optional<Hash>& block_hash) const;

    /// Forgets the votes of every round below `round` except those in `keep` (the rounds of the
    /// lock and the valid value); the round-skip record stays.
    void forget_below(std::uint64_t round, const std::vector<std::uint64_t>& keep);

    /// Notes that `validator` sent a signed message of `round` (vote or proposal).
    void note_round(std::uint32_t validator, std::uint64_t round);
    /// The highest round r above `current` that at least `threshold` validators have reached
    /// (sent a message of round r or later), if any: a round some honest validator is in.
    [[nodiscard]] std::optional<std::uint64_t> skip_round(std::uint64_t current,
                                                          std::size_t threshold) const;

  private:
    struct RoundVotes {
        /// Per validator, its distinct votes (by block) in this round and kind.
        std::vector<std::vector<Vote>> by_validator;
        std::map<std::optional<Hash>, std::size_t> tally;
        /// Distinct validators with a vote here.
        std::size_t total = 0;
    };

    [[nodiscard]] const RoundVotes* find(std::uint64_t round, VoteKind kind) const;

    std::size_t m_validators = 0;
    std::map<std::pair<std::uint64_t, VoteKind>, RoundVotes> m_rounds;
    std::vector<std::size_t> m_stored;
    std::vector<std::optional<std::uint64_t>> m_max_round;
};

}  // namespace yunlian::consensus::bft
