// BftEngine: construction, the public inputs, and height / round transitions
// (arXiv:1807.04938 Algorithm 1, StartRound and the timeout handlers).

#include "consensus/bft/bft_engine.hpp"

#include <limits>

namespace yunlian::consensus::bft {

std::uint64_t TimeoutConfig::after_ms(Step step, std::uint64_t round) const noexcept {
    std::uint64_t base = propose_ms;
    if (step == Step::kPrevote) base = prevote_ms;
    if (step == Step::kPrecommit) base = precommit_ms;
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    if (delta_ms != 0 && round > (kMax - base) / delta_ms) return kMax;
    return base + round * delta_ms;
}

BftEngine::BftEngine(ValidatorSet validators, std::uint64_t chain_id,
                     std::optional<crypto::PrivateKey> key, TimeoutConfig timeouts,
                     std::optional<LastSigned> last_signed)
    : m_validators(std::move(validators)),
      m_chain_id(chain_id),
      m_timeouts(timeouts),
      m_last_signed(last_signed),
      m_votes(m_validators.size()) {
    if (key) {
        if (auto pub = crypto::public_key_of(*key)) {
            m_own_index = m_validators.index_of(crypto::address_of(*pub));
        }
    }
    if (m_own_index) m_key = key;
}

Actions BftEngine::start_height(std::uint64_t height) {
    Actions out;
    if (m_started && height <= m_height) return out;
    m_started = true;
    enter_height(height, out);
    return out;
}

Actions BftEngine::on_synced_commit(const QuorumCert& qc) {
    Actions out;
    if (m_started && qc.height < m_height) return out;
    if (!m_last_qc || m_last_qc->height <= qc.height) m_last_qc = qc;
    m_started = true;
    enter_height(qc.height + 1, out);
    return out;
}

Actions BftEngine::on_message(const Message& message) {
    if (const auto* proposal = std::get_if<Proposal>(&message)) return on_proposal(*proposal);
    return on_vote(std::get<Vote>(message));
}

Actions BftEngine::on_proposal(const Proposal& proposal) {
    Actions out;
    if (!m_started) return out;
    handle_proposal(proposal, out);
    update(out);
    return out;
}

Actions BftEngine::on_vote(const Vote& vote) {
    Actions out;
    if (!m_started) return out;
    handle_vote(vote, out);
    update(out);
    return out;
}

Actions BftEngine::on_timeout(std::uint64_t height, std::uint64_t round, Step step) {
    Actions out;
    if (!m_started || height != m_height || round != m_round || m_step == Step::kCommit) {
        return out;
    }
    // Algorithm 1 lines 57-65: each step gives up on its own wait with a nil vote; the
    // precommit timeout ends the round.
    if (step == Step::kPropose && m_step == Step::kPropose) {
        cast_vote(VoteKind::kPrevote, std::nullopt, out);
        enter_step(Step::kPrevote, out);
    } else if (step == Step::kPrevote && m_step == Step::kPrevote) {
        cast_vote(VoteKind::kPrecommit, std::nullopt, out);
        enter_step(Step::kPrecommit, out);
    } else if (step == Step::kPrecommit) {
        start_round(m_round + 1, out);
    }
    update(out);
    return out;
}

Actions BftEngine::on_block_built(std::uint64_t height, std::uint64_t round, Bytes block,
                                  const Hash& hash) {
    Actions out;
    if (!m_started || height != m_height || round != m_round || !m_build_requested ||
        m_proposals.contains(round)) {
        return out;
    }
    m_build_requested = false;
    Proposal proposal{height, round, std::nullopt, hash, std::move(block), {}};
    // The node built it on our head and executed it: valid by construction.
    m_validity[hash] = Validity::kValid;
    send_proposal(std::move(proposal), out);
    update(out);
    return out;
}

Actions BftEngine::on_block_validated(std::uint64_t height, const Hash& hash, bool valid) {
    Actions out;
    if (!m_started || height != m_height) return out;
    auto it = m_validity.find(hash);
    if (it == m_validity.end() || it->second != Validity::kPending) return out;
    it->second = valid ? Validity::kValid : Validity::kInvalid;
    if (!valid) {
        for (const auto& [round, proposal] : m_proposals) {
            if (proposal.block_hash == hash) {
                out.push_back(Misbehaviour{m_validators.proposer(m_height, round),
                                           MisbehaviourReason::kInvalidBlock, true});
            }
        }
    }
    update(out);
    return out;
}

void BftEngine::enter_height(std::uint64_t height, Actions& out) {
    m_height = height;
    m_locked_round.reset();
    m_locked_hash.reset();
    m_locked_block.clear();
    m_locked_polka.clear();
    m_valid_round.reset();
    m_valid_hash.reset();
    m_proposals.clear();
    m_validity.clear();
    m_flags.clear();
    m_votes = VoteBook(m_validators.size());
    std::uint64_t first_round = 0;
    // After a restart within a height, resume at the round last signed in, under the lock held
    // then: rounds before it could only be re-run without votes, and forgetting the lock could
    // let this validator help a conflicting block to a polka (docs/BFT.md "Persistence").
    if (m_last_signed && m_last_signed->height == height) {
        first_round = m_last_signed->round;
        restore_lock(*m_last_signed);
    }
    start_round(first_round, out);
    replay_future(out);
    update(out);
}

void BftEngine::restore_lock(const LastSigned& record) {
    if (!record.locked_round || !record.locked_hash) return;
    m_locked_round = record.locked_round;
    m_locked_hash = record.locked_hash;
    m_locked_block = record.locked_block;
    m_locked_polka = record.locked_polka;
    // The node validated the block before this validator locked on it; the polka makes it the
    // valid value to re-propose with its proof.
    m_validity[*m_locked_hash] = Validity::kValid;
    for (const Vote& vote : m_locked_polka) {
        if (vote.height == m_height && verify_vote(vote, m_validators, m_chain_id)) {
            m_votes.add(vote);
        }
    }
    if (m_votes.count(*m_locked_round, VoteKind::kPrevote, m_locked_hash) >=
        m_validators.quorum()) {
        m_valid_round = m_locked_round;
        m_valid_hash = m_locked_hash;
    }
}

void BftEngine::start_round(std::uint64_t round, Actions& out) {
    m_round = round;
    forget_old_rounds();
    m_step = Step::kPropose;
    m_build_requested = false;
    schedule(Step::kPropose, out);
    if (m_own_index && *m_own_index == m_validators.proposer(m_height, round)) propose(out);
}

void BftEngine::forget_old_rounds() {
    // Bounded memory in a long height (validators down for hours): what a later round can still
    // need from old ones is the lock's and the valid value's polka and block.
    if (m_round <= kPastRounds) return;
    const std::uint64_t oldest = m_round - kPastRounds;
    std::vector<std::uint64_t> keep;
    if (m_locked_round) keep.push_back(*m_locked_round);
    if (m_valid_round) keep.push_back(*m_valid_round);
    m_votes.forget_below(oldest, keep);
    for (auto it = m_proposals.begin(); it != m_proposals.end() && it->first < oldest;) {
        const Hash& hash = it->second.block_hash;
        if (hash == m_locked_hash || hash == m_valid_hash) {
            ++it;
        } else {
            it = m_proposals.erase(it);
        }
    }
    std::erase_if(m_validity, [&](const auto& entry) {
        return entry.first != m_locked_hash && entry.first != m_valid_hash &&
               block_bytes(entry.first) == nullptr;
    });
    m_flags.erase(m_flags.begin(), m_flags.lower_bound(oldest));
}

void BftEngine::propose(Actions& out) {
    // Algorithm 1 lines 14-19: re-propose the block of the latest polka if there is one, so a
    // block some honest validator may be locked on can still be decided.
    if (m_valid_hash) {
        if (const Bytes* block = block_bytes(*m_valid_hash)) {
            // Relay the polka with it: validators that missed those prevotes (a lossy link, a
            // restart) could otherwise never accept the re-proposal, and a validator locked on
            // it would never prevote anything else.
            for (const Vote& vote :
                 m_votes.votes_for(*m_valid_round, VoteKind::kPrevote, m_valid_hash)) {
                out.push_back(Broadcast{Message{vote}});
            }
            Proposal proposal{m_height, m_round, m_valid_round, *m_valid_hash, *block, {}};
            send_proposal(std::move(proposal), out);
            return;
        }
    }
    if (!may_build(m_round)) return;
    m_build_requested = true;
    out.push_back(BuildBlock{m_height, m_round});
}

void BftEngine::enter_step(Step step, Actions& out) {
    m_step = step;
    if (step == Step::kPrevote || step == Step::kPrecommit) schedule(step, out);
}

void BftEngine::schedule(Step step, Actions& out) {
    RoundFlags& flags = m_flags[m_round];
    bool& done = step == Step::kPropose   ? flags.propose_timeout_scheduled
                 : step == Step::kPrevote ? flags.prevote_timeout_scheduled
                                          : flags.precommit_timeout_scheduled;
    if (done) return;
    done = true;
    out.push_back(ScheduleTimeout{m_height, m_round, step, m_timeouts.after_ms(step, m_round)});
}

const Proposal* BftEngine::proposal_in(std::uint64_t round) const {
    auto it = m_proposals.find(round);
    return it == m_proposals.end() ? nullptr : &it->second;
}

const Bytes* BftEngine::block_bytes(const Hash& hash) const {
    if (m_locked_hash == hash && !m_locked_block.empty()) return &m_locked_block;
    for (const auto& [round, proposal] : m_proposals) {
        if (proposal.block_hash == hash) return &proposal.block;
    }
    return nullptr;
}

std::optional<BftEngine::Validity> BftEngine::validity(const Hash& hash) const {
    auto it = m_validity.find(hash);
    if (it == m_validity.end()) return std::nullopt;
    return it->second;
}

void BftEngine::request_validation(const Proposal& proposal, Actions& out) {
    if (m_validity.contains(proposal.block_hash)) return;
    m_validity[proposal.block_hash] = Validity::kPending;
    out.push_back(ValidateBlock{m_height, proposal.block_hash, proposal.block});
}

}  // namespace yunlian::consensus::bft
