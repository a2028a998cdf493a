// BftEngine: taking in proposals and votes from peers. Everything is checked before it is
// counted (signature, proposer, height window), misbehaviour is reported, and memory stays
// bounded: messages of past heights are dropped, those of the next kFutureHeights heights wait in
// a capped buffer, and votes beyond kFutureRounds rounds ahead only count for the round skip.

#include <algorithm>

#include "consensus/bft/bft_engine.hpp"

namespace yunlian::consensus::bft {

namespace {

MisbehaviourReason reason_of(SignatureError error) {
    switch (error) {
        case SignatureError::kUnknownValidator:
            return MisbehaviourReason::kUnknownValidator;
        case SignatureError::kBadSignature:
            return MisbehaviourReason::kBadSignature;
        case SignatureError::kNotValidator:
            return MisbehaviourReason::kNotValidator;
        case SignatureError::kWrongSigner:
            return MisbehaviourReason::kWrongSigner;
    }
    return MisbehaviourReason::kBadSignature;
}

// The validator that signed a proposal verify_proposal() found signed by a validator other than
// the round's proposer.
std::uint32_t signer_index(const Proposal& proposal, const ValidatorSet& validators,
                           std::uint64_t chain_id) {
    const Hash digest = proposal_digest(chain_id, proposal.height, proposal.round,
                                        proposal.pol_round, proposal.block_hash);
    auto address = crypto::recover_address(digest, proposal.signature);
    if (!address) return 0;
    return validators.index_of(*address).value_or(0);
}

}  // namespace

bool BftEngine::in_window(std::uint64_t height, std::uint64_t round) const {
    // Cheap checks before any signature is recovered: a flood of far-away messages costs no
    // elliptic-curve work.
    if (height < m_height || height > m_height + kFutureHeights) return false;
    return height == m_height || round <= kFutureRounds;
}

void BftEngine::handle_proposal(const Proposal& proposal, Actions& out) {
    if (!in_window(proposal.height, proposal.round)) return;
    const std::uint32_t proposer = m_validators.proposer(proposal.height, proposal.round);
    if (proposal.height == m_height) {
        if (const Proposal* known = proposal_in(proposal.round)) {
            if (*known == proposal) return;  // a gossip duplicate; no signature check needed
        }
    }
    if (auto ok = verify_proposal(proposal, proposer, m_validators, m_chain_id); !ok) {
        // Another validator's valid signature: it proposed out of turn, and its signature
        // proves it. Anything else is a forgery that names the proposer but proves nothing.
        if (ok.error() == SignatureError::kWrongSigner) {
            out.push_back(Misbehaviour{signer_index(proposal, m_validators, m_chain_id),
                                       MisbehaviourReason::kWrongProposer, true});
        } else {
            out.push_back(Misbehaviour{proposer, reason_of(ok.error()), false});
        }
        return;
    }
    if (proposal.height > m_height) {
        buffer_future(proposal);
        return;
    }
    admit_proposal(proposal, out);
}

void BftEngine::admit_proposal(const Proposal& proposal, Actions& out) {
    const std::uint32_t proposer = m_validators.proposer(proposal.height, proposal.round);
    m_votes.note_round(proposer, proposal.round);
    if (proposal.round > m_round + kFutureRounds) return;
    if (const Proposal* known = proposal_in(proposal.round)) {
        // Two signed proposals for one round: keep the first, report the proposer.
        if (*known != proposal) {
            out.push_back(Misbehaviour{proposer, MisbehaviourReason::kConflictingProposal, true});
        }
        return;
    }
    const Proposal& stored = m_proposals.emplace(proposal.round, proposal).first->second;
    request_validation(stored, out);
}

void BftEngine::handle_vote(const Vote& vote, Actions& out) {
    if (!in_window(vote.height, vote.round)) return;
    if (vote.validator_index >= m_validators.size()) {
        out.push_back(
            Misbehaviour{vote.validator_index, MisbehaviourReason::kUnknownValidator, false});
        return;
    }
    if (vote.height == m_height && m_votes.contains(vote)) return;  // gossip duplicate
    if (auto ok = verify_vote(vote, m_validators, m_chain_id); !ok) {
        out.push_back(Misbehaviour{vote.validator_index, reason_of(ok.error()), false});
        return;
    }
    if (vote.height > m_height) {
        buffer_future(vote);
        return;
    }
    admit_vote(vote, out);
}

void BftEngine::admit_vote(const Vote& vote, Actions& out) {
    if (vote.round > m_round + kFutureRounds) {
        m_votes.note_round(vote.validator_index, vote.round);
        return;
    }
    const VoteBook::AddResult added = m_votes.add(vote);
    if (added.outcome == VoteBook::Outcome::kConflict) note_evidence(*added.earlier, vote, out);
}

bool BftEngine::buffer_future(const Message& message) {
    const std::uint64_t height = height_of(message);
    if (height > m_height + kFutureHeights) return false;
    const std::uint64_t round = std::visit([](const auto& m) { return m.round; }, message);
    if (round > kFutureRounds) return false;
    if (std::find(m_future.begin(), m_future.end(), message) != m_future.end()) return false;
    // Each validator may park at most two votes per (height, round) of the window; each
    // (height, round) at most one proposal (its proposer's first). Signatures were checked, so
    // nobody can use up another validator's share.
    const auto* vote = std::get_if<Vote>(&message);
    if (vote == nullptr) {
        const auto& proposal = std::get<Proposal>(message);
        const bool taken = std::any_of(m_future.begin(), m_future.end(), [&](const Message& m) {
            const auto* other = std::get_if<Proposal>(&m);
            return other != nullptr && other->height == proposal.height &&
                   other->round == proposal.round;
        });
        if (taken) return false;
    } else {
        const auto used = std::count_if(m_future.begin(), m_future.end(), [&](const Message& m) {
            const auto* other = std::get_if<Vote>(&m);
            return other != nullptr && other->validator_index == vote->validator_index;
        });
        if (static_cast<std::uint64_t>(used) >= 2 * (kFutureRounds + 1) * kFutureHeights) {
            return false;
        }
    }
    m_future.push_back(message);
    return true;
}

void BftEngine::replay_future(Actions& out) {
    std::vector<Message> parked = std::move(m_future);
    m_future.clear();
    for (Message& message : parked) {
        const std::uint64_t height = height_of(message);
        if (height < m_height) continue;
        if (height > m_height) {
            m_future.push_back(std::move(message));
            continue;
        }
        // Checked when parked; only the height-dependent bookkeeping is left.
        if (auto* proposal = std::get_if<Proposal>(&message)) {
            admit_proposal(*proposal, out);
        } else {
            admit_vote(std::get<Vote>(message), out);
        }
    }
}

void BftEngine::note_evidence(const Vote& earlier, const Vote& later, Actions& out) {
    Evidence evidence{earlier, later};
    if (encode_vote(later) < encode_vote(earlier)) std::swap(evidence.first, evidence.second);
    out.push_back(Misbehaviour{later.validator_index, MisbehaviourReason::kDoubleVote, true});
    if (std::find(m_evidence.begin(), m_evidence.end(), evidence) != m_evidence.end()) return;
    if (m_evidence.size() >= kMaxEvidence) m_evidence.erase(m_evidence.begin());
    m_evidence.push_back(evidence);
    out.push_back(ReportEvidence{std::move(evidence)});
}

}  // namespace yunlian::consensus::bft
