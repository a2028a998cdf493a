// BftEngine: signing under the last-signed guard. A validator signs at most one message per
// (height, round, step), in increasing (height, round, step) order, across restarts: the guard
// compares with the record the node persisted, and for the very step last signed it re-signs the
// same content (RFC 6979 makes that the same signature) instead of anything new.

#include <tuple>

#include "consensus/bft/bft_engine.hpp"

namespace yunlian::consensus::bft {

std::optional<std::optional<Hash>> BftEngine::signable(std::uint64_t round, Step step,
                                                       const std::optional<Hash>& wanted) const {
    if (!m_key || !m_own_index) return std::nullopt;
    if (!m_last_signed) return wanted;
    const auto next = std::make_tuple(m_height, round, static_cast<int>(step));
    const auto last = std::make_tuple(m_last_signed->height, m_last_signed->round,
                                      static_cast<int>(m_last_signed->step));
    if (next > last) return wanted;
    if (next == last) return m_last_signed->block_hash;
    return std::nullopt;
}

bool BftEngine::may_build(std::uint64_t round) const {
    if (!m_key || !m_own_index) return false;
    if (!m_last_signed) return true;
    return std::make_tuple(m_height, round, static_cast<int>(Step::kPropose)) >
           std::make_tuple(m_last_signed->height, m_last_signed->round,
                           static_cast<int>(m_last_signed->step));
}

void BftEngine::record_signed(std::uint64_t round, Step step, const std::optional<Hash>& hash,
                              Actions& out) {
    LastSigned record{m_height,       round,         step,           hash,
                      m_locked_round, m_locked_hash, m_locked_block, m_locked_polka};
    if (m_last_signed == record) return;  // re-signing what is already durable
    m_last_signed = record;
    out.push_back(PersistSigned{record});
}

void BftEngine::cast_vote(VoteKind kind, std::optional<Hash> block_hash, Actions& out) {
    const Step step = kind == VoteKind::kPrevote ? Step::kPrevote : Step::kPrecommit;
    const auto allowed = signable(m_round, step, block_hash);
    if (!allowed) return;
    Vote vote{kind, m_height, m_round, *allowed, *m_own_index, {}};
    auto signed_vote = sign_vote(vote, m_chain_id, *m_key);
    if (!signed_vote) return;
    record_signed(m_round, step, *allowed, out);
    out.push_back(Broadcast{Message{*signed_vote}});
    m_votes.add(*signed_vote);
}

void BftEngine::send_proposal(Proposal proposal, Actions& out) {
    const auto allowed = signable(proposal.round, Step::kPropose, proposal.block_hash);
    if (!allowed || *allowed != proposal.block_hash) return;
    auto signed_proposal = sign_proposal(std::move(proposal), m_chain_id, *m_key);
    if (!signed_proposal) return;
    record_signed(signed_proposal->round, Step::kPropose, signed_proposal->block_hash, out);
    out.push_back(Broadcast{Message{*signed_proposal}});
    const std::uint64_t round = signed_proposal->round;
    m_votes.note_round(*m_own_index, round);
    m_proposals.emplace(round, std::move(*signed_proposal));
}

}  // namespace yunlian::consensus::bft
