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
    auto it = m_rounds.find({vote.round, vote.kind});
    if (it != m_rounds.end()) {
        for (const Vote& earlier : it->second.by_validator[who]) {
            // Same block with another signature is no conflict (only the key holder can make
            // one; we require low S); keep the first.
            if (earlier.block_hash == vote.block_hash) return {Outcome::kDuplicate, std::nullopt};
        }
    }
    if (m_stored[who] >= kMaxVotesPerValidator) return {Outcome::kDropped, std::nullopt};
    if (it == m_rounds.end()) {
        it = m_rounds.emplace(std::make_pair(vote.round, vote.kind), RoundVotes{}).first;
        it->second.by_validator.resize(m_validators);
    }
    RoundVotes& slot = it->second;
    std::vector<Vote>& mine = slot.by_validator[who];
    AddResult result{Outcome::kAdded, std::nullopt};
    if (mine.empty()) {
        ++slot.total;
    } else {
        result = {Outcome::kConflict, mine.front()};
    }
    mine.push_back(vote);
    ++slot.tally[vote.block_hash];
    ++m_stored[who];
    return result;
}

bool VoteBook::contains(const Vote& vote) const {
    const RoundVotes* slot = find(vote.round, vote.kind);
    if (slot == nullptr || vote.validator_index >= slot->by_validator.size()) return false;
    const auto& mine = slot->by_validator[vote.validator_index];
    return std::find(mine.begin(), mine.end(), vote) != mine.end();
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
    for (const Vote& vote : votes_for(round, VoteKind::kPrecommit, block_hash)) {
        out.push_back({vote.validator_index, vote.signature});
    }
    return out;
}

std::vector<Vote> VoteBook::votes_for(std::uint64_t round, VoteKind kind,
                                      const std::optional<Hash>& block_hash) const {
    std::vector<Vote> out;
    const RoundVotes* slot = find(round, kind);
    if (slot == nullptr) return out;
    for (const auto& mine : slot->by_validator) {
        for (const Vote& vote : mine) {
            if (vote.block_hash == block_hash) out.push_back(vote);
        }
    }
    return out;
}

void VoteBook::forget_below(std::uint64_t round, const std::vector<std::uint64_t>& keep) {
    for (auto it = m_rounds.begin(); it != m_rounds.end() && it->first.first < round;) {
        if (std::find(keep.begin(), keep.end(), it->first.first) != keep.end()) {
            ++it;
            continue;
        }
        for (std::size_t who = 0; who < it->second.by_validator.size(); ++who) {
            m_stored[who] -= it->second.by_validator[who].size();
        }
        it = m_rounds.erase(it);
    }
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
