#include "consensus/bft/vote_book.hpp"

#include <algorithm>
#include <functional>

namespace yunlian::consensus::bft {

VoteBook::VoteBook(std::size_t validators)
    : m_validators(validators), m_stored(validators, 0), m_max_round(validators) {}

const VoteBook::RoundVotes* VoteBook::find(std::uint64_t round, VoteKind kind) const {
    auto it = m_rounds.find({round, kind});
    return it == m_rounds.end() ? nullptr : &it->second;
}

VoteBook::AddResult VoteBook::add(const Vote& vote) {
    const std::uint32_t who = vote.validator_index;
    note_round(who, vote.round);
    RoundVotes* slot = nullptr;
    if (auto it = m_rounds.find({vote.round, vote.kind}); it != m_rounds.end()) {
        slot = &it->second;
        if (const auto& earlier = slot->by_validator[who]) {
            if (*earlier == vote) return {Outcome::kDuplicate, std::nullopt};
            // Same block, another signature: ECDSA malleability aside (we require low S), only a
            // key holder makes these; it is not a conflicting vote, so keep the first.
            if (earlier->block_hash == vote.block_hash) return {Outcome::kDuplicate, std::nullopt};
            return {Outcome::kConflict, *earlier};
        }
    }
    if (m_stored[who] >= kMaxVotesPerValidator) return {Outcome::kDropped, std::nullopt};
    if (slot == nullptr) {
        slot = &m_rounds[{vote.round, vote.kind}];
        slot->by_validator.resize(m_validators);
    }
    slot->by_validator[who] = vote;
    ++slot->tally[vote.block_hash];
    ++slot->total;
    ++m_stored[who];
    return {Outcome::kAdded, std::nullopt};
}

bool VoteBook::contains(const Vote& vote) const {
    const RoundVotes* slot = find(vote.round, vote.kind);
    if (slot == nullptr || vote.validator_index >= slot->by_validator.size()) return false;
    const auto& stored = slot->by_validator[vote.validator_index];
    return stored.has_value() && *stored == vote;
}

std::size_t VoteBook::count(std::uint64_t round, VoteKind kind,
                            const std::optional<Hash>& block_hash) const {
    const RoundVotes* slot = find(round, kind);
    if (slot == nullptr) return 0;
    auto it = slot->tally.find(block_hash);
    return it == slot->tally.end() ? 0 : it->second;
}

std::size_t VoteBook::count_any(std::uint64_t round, VoteKind kind) const {
    const RoundVotes* slot = find(round, kind);
    return slot == nullptr ? 0 : slot->total;
}

std::optional<std::optional<Hash>> VoteBook::value_with(std::uint64_t round, VoteKind kind,
                                                        std::size_t threshold) const {
    const RoundVotes* slot = find(round, kind);
    if (slot == nullptr) return std::nullopt;
    for (const auto& [value, votes] : slot->tally) {
        if (votes >= threshold) return value;
    }
    return std::nullopt;
}

std::vector<std::pair<std::uint64_t, Hash>> VoteBook::decisions(std::size_t threshold) const {
    std::vector<std::pair<std::uint64_t, Hash>> out;
    for (const auto& [key, slot] : m_rounds) {
        if (key.second != VoteKind::kPrecommit) continue;
        for (const auto& [value, votes] : slot.tally) {
            if (value && votes >= threshold) out.emplace_back(key.first, *value);
        }
    }
    return out;
}

std::vector<CommitSignature> VoteBook::precommits_for(std::uint64_t round,
                                                      const Hash& block_hash) const {
    std::vector<CommitSignature> out;
    const RoundVotes* slot = find(round, VoteKind::kPrecommit);
    if (slot == nullptr) return out;
    for (const auto& vote : slot->by_validator) {
        if (vote && vote->block_hash == block_hash) {
            out.push_back({vote->validator_index, vote->signature});
        }
    }
    return out;
}

void VoteBook::note_round(std::uint32_t validator, std::uint64_t round) {
    if (validator >= m_max_round.size()) return;
    auto& seen = m_max_round[validator];
    if (!seen || *seen < round) seen = round;
}

std::optional<std::uint64_t> VoteBook::skip_round(std::uint64_t current,
                                                  std::size_t threshold) const {
    std::vector<std::uint64_t> ahead;
    for (const auto& seen : m_max_round) {
        if (seen && *seen > current) ahead.push_back(*seen);
    }
    if (threshold == 0 || ahead.size() < threshold) return std::nullopt;
    std::sort(ahead.begin(), ahead.end(), std::greater<>());
    return ahead[threshold - 1];
}

}  // namespace yunlian::consensus::bft
