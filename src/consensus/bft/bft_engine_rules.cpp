// BftEngine: the "upon" rules of arXiv:1807.04938 Algorithm 1, re-checked after every input
// until none fires. Each rule names the lines it implements.

#include <algorithm>

#include "consensus/bft/bft_engine.hpp"

namespace yunlian::consensus::bft {

void BftEngine::update(Actions& out) {
    bool changed = true;
    while (changed && m_started && m_step != Step::kCommit) {
        changed = rule_decide(out) || rule_round_skip(out) || rule_prevote_on_proposal(out) ||
                  rule_polka_block(out) || rule_polka_nil(out);
        rule_polka_any(out);
        rule_precommit_any(out);
        rule_late_polka();
    }
}

void BftEngine::rule_late_polka() {
    // A generalisation of lines 36-43 for rounds already left: a polka seen late (a slow link,
    // a restart, relayed by a re-proposal) still makes its block the valid value to re-propose,
    // if it is newer than the one held. Proposing a polka block with its round as pol_round is
    // always safe (receivers check the polka and their lock, lines 28-33), and it is how a
    // validator locked on that block gets to prevote again.
    for (auto it = m_proposals.rbegin(); it != m_proposals.rend(); ++it) {
        const auto& [round, proposal] = *it;
        if (round >= m_round) continue;
        if (m_valid_round && round <= *m_valid_round) return;
        if (m_votes.count(round, VoteKind::kPrevote, proposal.block_hash) < m_validators.quorum() ||
            validity(proposal.block_hash) != Validity::kValid) {
            continue;
        }
        m_valid_round = round;
        m_valid_hash = proposal.block_hash;
        return;
    }
}

bool BftEngine::rule_prevote_on_proposal(Actions& out) {
    // Lines 22-33: prevote the round's proposal if it is valid and does not contradict our
    // lock (a fresh block while unlocked or locked on it; a re-proposal whose polka is at least
    // as new as our lock), otherwise nil. Wait while the block is being validated or the
    // re-proposal's polka is still missing: the propose timeout bounds the wait.
    if (m_step != Step::kPropose) return false;
    const Proposal* proposal = proposal_in(m_round);
    if (proposal == nullptr) return false;
    const Hash& hash = proposal->block_hash;
    const auto valid = validity(hash);
    if (!valid || *valid == Validity::kPending) return false;
    bool acceptable = false;
    if (!proposal->pol_round) {
        acceptable = !m_locked_round || m_locked_hash == hash;
    } else {
        const std::uint64_t vr = *proposal->pol_round;
        if (vr >= m_round) return false;
        if (m_votes.count(vr, VoteKind::kPrevote, hash) < m_validators.quorum()) return false;
        acceptable = !m_locked_round || *m_locked_round <= vr || m_locked_hash == hash;
    }
    const bool yes = *valid == Validity::kValid && acceptable;
    cast_vote(VoteKind::kPrevote, yes ? std::optional<Hash>(hash) : std::nullopt, out);
    enter_step(Step::kPrevote, out);
    return true;
}

void BftEngine::rule_polka_any(Actions& out) {
    // Lines 34-35: +2/3 prevotes of any kind start the prevote timeout.
    if (m_step != Step::kPrevote) return;
    if (m_votes.count_any(m_round, VoteKind::kPrevote) >= m_validators.quorum()) {
        schedule(Step::kPrevote, out);
    }
}

bool BftEngine::rule_polka_block(Actions& out) {
    // Lines 36-43: a polka for the round's valid block. In prevote step, lock on it and
    // precommit it; in any later step remember it as the valid block to re-propose.
    if (m_step != Step::kPrevote && m_step != Step::kPrecommit) return false;
    RoundFlags& flags = m_flags[m_round];
    if (flags.polka_seen) return false;
    const Proposal* proposal = proposal_in(m_round);
    if (proposal == nullptr) return false;
    const Hash hash = proposal->block_hash;
    if (m_votes.count(m_round, VoteKind::kPrevote, hash) < m_validators.quorum()) return false;
    if (validity(hash) != Validity::kValid) return false;
    flags.polka_seen = true;
    if (m_step == Step::kPrevote) {
        // Lock only if the last-signed guard lets this validator precommit the block.
        if (signable(m_round, Step::kPrecommit, hash) == std::optional<std::optional<Hash>>(hash)) {
            m_locked_round = m_round;
            m_locked_hash = hash;
            m_locked_block = proposal->block;
            m_locked_polka = m_votes.votes_for(m_round, VoteKind::kPrevote, hash);
            m_locked_polka.resize(std::min(m_locked_polka.size(), m_validators.quorum()));
        }
        cast_vote(VoteKind::kPrecommit, hash, out);
        enter_step(Step::kPrecommit, out);
    }
    m_valid_round = m_round;
    m_valid_hash = hash;
    return true;
}

bool BftEngine::rule_polka_nil(Actions& out) {
    // Lines 44-46: +2/3 prevotes for nil: precommit nil.
    if (m_step != Step::kPrevote) return false;
    if (m_votes.count(m_round, VoteKind::kPrevote, std::nullopt) < m_validators.quorum()) {
        return false;
    }
    cast_vote(VoteKind::kPrecommit, std::nullopt, out);
    enter_step(Step::kPrecommit, out);
    return true;
}

void BftEngine::rule_precommit_any(Actions& out) {
    // Lines 47-48: +2/3 precommits of any kind start the precommit timeout.
    if (m_votes.count_any(m_round, VoteKind::kPrecommit) >= m_validators.quorum()) {
        schedule(Step::kPrecommit, out);
    }
}

bool BftEngine::rule_decide(Actions& out) {
    // Lines 49-54: +2/3 precommits for a block in any round of this height decide it, once
    // its bytes are known and valid. The precommits are the quorum certificate.
    for (const auto& [round, hash] : m_votes.decisions(m_validators.quorum())) {
        const Bytes* block = block_bytes(hash);
        if (block == nullptr || validity(hash) != Validity::kValid) continue;
        QuorumCert qc{m_height, round, hash, m_votes.precommits_for(round, hash)};
        m_last_qc = qc;
        m_step = Step::kCommit;
        out.push_back(CommitBlock{m_height, hash, *block, std::move(qc)});
        return true;
    }
    return false;
}

bool BftEngine::rule_round_skip(Actions& out) {
    // Lines 55-56: +1/3 of the validators are in a later round, so at least one honest one is:
    // catch up with it instead of waiting out this round's timeouts.
    const auto target = m_votes.skip_round(m_round, m_validators.one_third());
    if (!target) return false;
    start_round(*target, out);
    return true;
}

}  // namespace yunlian::consensus::bft
