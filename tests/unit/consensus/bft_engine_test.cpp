// BftEngine driven by hand, one input at a time: the action sequences of a round, the
// persist-before-broadcast order, the last-signed guard across restarts, locks, observers,
// misbehaviour reports, bounded buffering and the round skip.

#include <gtest/gtest.h>

#include "bft_sim.hpp"

namespace yunlian::consensus::bft {
namespace {

constexpr std::uint64_t kChain = 20261;
const TimeoutConfig kTimeouts{300, 200, 200, 100};

ValidatorSet four() {
    std::vector<Address> addresses;
    for (std::uint32_t i = 0; i < 4; ++i) {
        addresses.push_back(crypto::address_of(*crypto::public_key_of(sim::key_of(i))));
    }
    return *ValidatorSet::create(addresses);
}

BftEngine engine_for(std::uint32_t index, std::optional<LastSigned> record = std::nullopt) {
    return BftEngine(four(), kChain, sim::key_of(index), kTimeouts, std::move(record));
}

Bytes block_for(std::uint64_t height, std::uint8_t salt = 0) {
    return sim::encode_toy({height, 0, 0, Hash{}, true, salt});
}

Proposal proposal_for(std::uint64_t height, std::uint64_t round, const Bytes& block,
                      std::optional<std::uint64_t> pol = std::nullopt) {
    const std::uint32_t proposer = four().proposer(height, round);
    return *sign_proposal(Proposal{height, round, pol, sim::hash_of(block), block, {}}, kChain,
                          sim::key_of(proposer));
}

Vote vote_by(std::uint32_t who, VoteKind kind, std::uint64_t height, std::uint64_t round,
             std::optional<Hash> hash) {
    return *sign_vote(Vote{kind, height, round, hash, who, {}}, kChain, sim::key_of(who));
}

template <typename T>
std::vector<T> all_of(const Actions& actions) {
    std::vector<T> out;
    for (const Action& a : actions) {
        if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
    }
    return out;
}

std::vector<Vote> votes_in(const Actions& actions) {
    std::vector<Vote> out;
    for (const Broadcast& b : all_of<Broadcast>(actions)) {
        if (const auto* v = std::get_if<Vote>(&b.message)) out.push_back(*v);
    }
    return out;
}

std::vector<Proposal> proposals_in(const Actions& actions) {
    std::vector<Proposal> out;
    for (const Broadcast& b : all_of<Broadcast>(actions)) {
        if (const auto* p = std::get_if<Proposal>(&b.message)) out.push_back(*p);
    }
    return out;
}

// Every own signed message is preceded, in the same vector, by the PersistSigned covering it.
void expect_persisted_first(const Actions& actions, std::uint32_t self) {
    std::optional<LastSigned> durable;
    for (const Action& a : actions) {
        if (const auto* p = std::get_if<PersistSigned>(&a)) durable = p->record;
        const auto* b = std::get_if<Broadcast>(&a);
        if (b == nullptr) continue;
        if (const auto* v = std::get_if<Vote>(&b->message)) {
            if (v->validator_index != self) continue;  // a relayed vote of another validator
            ASSERT_TRUE(durable.has_value());
            EXPECT_EQ(durable->round, v->round);
            EXPECT_EQ(durable->block_hash, v->block_hash);
            EXPECT_EQ(durable->step,
                      v->kind == VoteKind::kPrevote ? Step::kPrevote : Step::kPrecommit);
        } else {
            ASSERT_TRUE(durable.has_value());
            EXPECT_EQ(durable->step, Step::kPropose);
        }
    }
}

TEST(BftEngine, ProposerBuildsProposesAndPrevotes) {
    BftEngine engine = engine_for(1);  // proposer of (1, 0)
    const Actions start = engine.start_height(1);
    ASSERT_EQ(all_of<BuildBlock>(start).size(), 1U);
    EXPECT_EQ(all_of<BuildBlock>(start)[0].height, 1U);
    ASSERT_EQ(all_of<ScheduleTimeout>(start).size(), 1U);
    EXPECT_EQ(all_of<ScheduleTimeout>(start)[0].after_ms, 300U);
    const Bytes block = block_for(1);
    const Actions built = engine.on_block_built(1, 0, block, sim::hash_of(block));
    expect_persisted_first(built, 1);
    ASSERT_EQ(proposals_in(built).size(), 1U);
    EXPECT_TRUE(verify_proposal(proposals_in(built)[0], 1, four(), kChain));
    ASSERT_EQ(votes_in(built).size(), 1U);
    EXPECT_EQ(votes_in(built)[0].block_hash, sim::hash_of(block));
    EXPECT_EQ(engine.step(), Step::kPrevote);
    // A second answer, or one for another round, is ignored.
    EXPECT_TRUE(
        engine.on_block_built(1, 0, block_for(1, 7), sim::hash_of(block_for(1, 7))).empty());
}

TEST(BftEngine, OneHeightFromProposalToCommit) {
    BftEngine engine = engine_for(0);
    EXPECT_TRUE(all_of<BuildBlock>(engine.start_height(1)).empty());
    const Bytes block = block_for(1);
    const Hash hash = sim::hash_of(block);
    const Actions got = engine.on_proposal(proposal_for(1, 0, block));
    ASSERT_EQ(all_of<ValidateBlock>(got).size(), 1U);
    EXPECT_EQ(all_of<ValidateBlock>(got)[0].hash, hash);
    EXPECT_TRUE(votes_in(got).empty()) << "no prevote before the block is validated";
    const Actions valid = engine.on_block_validated(1, hash, true);
    expect_persisted_first(valid, 0);
    ASSERT_EQ(votes_in(valid).size(), 1U);
    EXPECT_EQ(votes_in(valid)[0].block_hash, hash);
    EXPECT_TRUE(engine.on_vote(vote_by(1, VoteKind::kPrevote, 1, 0, hash)).empty() ||
                votes_in(engine.on_vote(vote_by(1, VoteKind::kPrevote, 1, 0, hash))).empty());
    const Actions polka = engine.on_vote(vote_by(2, VoteKind::kPrevote, 1, 0, hash));
    expect_persisted_first(polka, 0);
    ASSERT_EQ(votes_in(polka).size(), 1U);
    EXPECT_EQ(votes_in(polka)[0].kind, VoteKind::kPrecommit);
    EXPECT_EQ(engine.locked_round(), 0U);
    EXPECT_EQ(engine.locked_hash(), hash);
    const auto persisted = all_of<PersistSigned>(polka);
    ASSERT_EQ(persisted.size(), 1U);
    EXPECT_EQ(persisted[0].record.locked_block, block);
    EXPECT_EQ(persisted[0].record.locked_polka.size(), 3U);
    EXPECT_TRUE(
        all_of<CommitBlock>(engine.on_vote(vote_by(1, VoteKind::kPrecommit, 1, 0, hash))).empty());
    const Actions decided = engine.on_vote(vote_by(3, VoteKind::kPrecommit, 1, 0, hash));
    const auto commits = all_of<CommitBlock>(decided);
    ASSERT_EQ(commits.size(), 1U);
    EXPECT_EQ(commits[0].block, block);
    EXPECT_EQ(commits[0].qc.signatures.size(), 3U);
    EXPECT_TRUE(verify_quorum_cert_for(commits[0].qc, four(), kChain, 1, hash));
    EXPECT_EQ(engine.step(), Step::kCommit);
    EXPECT_EQ(engine.last_qc(), commits[0].qc);
    // Waits for the node; then height 2 starts clean.
    EXPECT_TRUE(engine.on_timeout(1, 0, Step::kPrecommit).empty());
    (void)engine.start_height(2);
    EXPECT_EQ(engine.height(), 2U);
    EXPECT_EQ(engine.round(), 0U);
    EXPECT_FALSE(engine.locked_round().has_value());
    // Messages of the finished height are dropped.
    EXPECT_TRUE(engine.on_vote(vote_by(2, VoteKind::kPrecommit, 1, 0, hash)).empty());
}

TEST(BftEngine, InvalidBlockGetsNilAndReportsProposer) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    const Bytes block = block_for(1);
    (void)engine.on_proposal(proposal_for(1, 0, block));
    const Actions answer = engine.on_block_validated(1, sim::hash_of(block), false);
    ASSERT_EQ(votes_in(answer).size(), 1U);
    EXPECT_FALSE(votes_in(answer)[0].block_hash.has_value());
    const auto bad = all_of<Misbehaviour>(answer);
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].validator_index, 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kInvalidBlock);
}

TEST(BftEngine, TimeoutsWalkTheRoundAndGrow) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    EXPECT_TRUE(engine.on_timeout(1, 1, Step::kPropose).empty()) << "stale round";
    EXPECT_TRUE(engine.on_timeout(2, 0, Step::kPropose).empty()) << "stale height";
    const Actions nil = engine.on_timeout(1, 0, Step::kPropose);
    ASSERT_EQ(votes_in(nil).size(), 1U);
    EXPECT_FALSE(votes_in(nil)[0].block_hash.has_value());
    EXPECT_EQ(engine.step(), Step::kPrevote);
    const Actions nil2 = engine.on_timeout(1, 0, Step::kPrevote);
    ASSERT_EQ(votes_in(nil2).size(), 1U);
    EXPECT_EQ(votes_in(nil2)[0].kind, VoteKind::kPrecommit);
    const Actions next = engine.on_timeout(1, 0, Step::kPrecommit);
    EXPECT_EQ(engine.round(), 1U);
    const auto timers = all_of<ScheduleTimeout>(next);
    ASSERT_FALSE(timers.empty());
    EXPECT_EQ(timers[0].round, 1U);
    EXPECT_EQ(timers[0].after_ms, 400U);  // 300 + 1 * 100
    EXPECT_EQ(kTimeouts.after_ms(Step::kPrecommit, 10), 1200U);
    EXPECT_EQ(kTimeouts.after_ms(Step::kPropose, ~0ULL), ~0ULL) << "saturates";
}

TEST(BftEngine, RestartRebroadcastsTheSameVoteAndNeverAnother) {
    const Bytes x = block_for(1, 1);
    const Bytes y = block_for(1, 2);
    // Before the crash: validator 0 prevoted X in (1, 0).
    BftEngine before = engine_for(0);
    (void)before.start_height(1);
    (void)before.on_proposal(proposal_for(1, 0, x));
    const Actions voted = before.on_block_validated(1, sim::hash_of(x), true);
    const auto record = all_of<PersistSigned>(voted).at(0).record;
    const Vote original = votes_in(voted).at(0);
    // After it: the proposer equivocates and sends Y to the restarted validator.
    BftEngine after = engine_for(0, record);
    (void)after.start_height(1);
    (void)after.on_proposal(proposal_for(1, 0, y));  // conflicting proposal is kept out anyway
    const Actions again = after.on_block_validated(1, sim::hash_of(y), true);
    for (const Vote& v : votes_in(again)) EXPECT_EQ(v, original) << "only the same vote";
    // The propose timeout would prevote nil: still the same vote, never a second one.
    const Actions timeout = after.on_timeout(1, 0, Step::kPropose);
    for (const Vote& v : votes_in(timeout)) EXPECT_EQ(v, original);
    EXPECT_TRUE(all_of<PersistSigned>(timeout).empty());
}

TEST(BftEngine, RestartResumesAtTheSignedRoundAndSkipsEarlierOnes) {
    const LastSigned record{1,  3, Step::kPrecommit, std::nullopt, std::nullopt, std::nullopt,
                            {}, {}};
    BftEngine engine = engine_for(0, record);
    (void)engine.start_height(1);
    EXPECT_EQ(engine.round(), 3U);
    // Round 3's prevote is before the record: no signature at all.
    const Actions nil = engine.on_timeout(1, 3, Step::kPropose);
    EXPECT_TRUE(votes_in(nil).empty());
    // The precommit of round 3 may only be the recorded nil.
    const Actions pre = engine.on_timeout(1, 3, Step::kPrevote);
    ASSERT_EQ(votes_in(pre).size(), 1U);
    EXPECT_FALSE(votes_in(pre)[0].block_hash.has_value());
    // A record of an older height does not hold back the new one.
    BftEngine fresh = engine_for(0, record);
    (void)fresh.start_height(2);
    EXPECT_EQ(fresh.round(), 0U);
    EXPECT_EQ(votes_in(fresh.on_timeout(2, 0, Step::kPropose)).size(), 1U);
}

TEST(BftEngine, RestoredLockIsReproposedWithItsPolka) {
    // Validator 0 locks on X in (1, 0), then restarts. Round 3 of height 1 is its turn.
    const Bytes x = block_for(1, 1);
    const Hash hx = sim::hash_of(x);
    BftEngine before = engine_for(0);
    (void)before.start_height(1);
    (void)before.on_proposal(proposal_for(1, 0, x));
    (void)before.on_block_validated(1, hx, true);
    (void)before.on_vote(vote_by(1, VoteKind::kPrevote, 1, 0, hx));
    const Actions locked = before.on_vote(vote_by(2, VoteKind::kPrevote, 1, 0, hx));
    const auto record = all_of<PersistSigned>(locked).at(0).record;
    ASSERT_EQ(record.locked_round, 0U);
    BftEngine after = engine_for(0, record);
    (void)after.start_height(1);
    EXPECT_EQ(after.locked_round(), 0U);
    EXPECT_EQ(after.locked_hash(), hx);
    // A fresh block from another proposer in round 1: locked, so nil.
    (void)after.on_timeout(1, 0, Step::kPrecommit);
    const Bytes z = block_for(1, 3);
    (void)after.on_proposal(proposal_for(1, 1, z));
    const Actions nil = after.on_block_validated(1, sim::hash_of(z), true);
    ASSERT_EQ(votes_in(nil).size(), 1U);
    EXPECT_FALSE(votes_in(nil)[0].block_hash.has_value());
    (void)after.on_timeout(1, 1, Step::kPrevote);
    (void)after.on_timeout(1, 1, Step::kPrecommit);
    (void)after.on_timeout(1, 2, Step::kPropose);
    (void)after.on_timeout(1, 2, Step::kPrevote);
    const Actions turn = after.on_timeout(1, 2, Step::kPrecommit);
    ASSERT_EQ(after.round(), 3U);
    EXPECT_EQ(four().proposer(1, 3), 0U);
    EXPECT_TRUE(all_of<BuildBlock>(turn).empty());
    const auto proposals = proposals_in(turn);
    ASSERT_EQ(proposals.size(), 1U);
    EXPECT_EQ(proposals[0].block, x);
    EXPECT_EQ(proposals[0].pol_round, 0U);
    // The polka goes out with it, so validators that missed it can check the re-proposal.
    std::size_t relayed = 0;
    for (const Vote& v : votes_in(turn)) {
        if (v.round == 0 && v.kind == VoteKind::kPrevote && v.block_hash == hx) ++relayed;
    }
    EXPECT_GE(relayed, 3U);
    Actions own_new;  // the relayed polka holds validator 0's own old prevote, durable long ago
    for (const Action& a : turn) {
        const auto* b = std::get_if<Broadcast>(&a);
        const auto* v = b ? std::get_if<Vote>(&b->message) : nullptr;
        if (v == nullptr || v->round == 3) own_new.push_back(a);
    }
    expect_persisted_first(own_new, 0);
}

TEST(BftEngine, LockAndItsPolkaOutliveForgottenRounds) {
    const Bytes x = block_for(1, 1);
    const Hash hx = sim::hash_of(x);
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    (void)engine.on_proposal(proposal_for(1, 0, x));
    (void)engine.on_block_validated(1, hx, true);
    (void)engine.on_vote(vote_by(1, VoteKind::kPrevote, 1, 0, hx));
    (void)engine.on_vote(vote_by(2, VoteKind::kPrevote, 1, 0, hx));
    ASSERT_EQ(engine.locked_round(), 0U);
    // Rounds 1 .. 22 time out (validator 0 proposes in rounds 3, 7, ..., 23).
    Actions last;
    for (std::uint64_t r = 0; r < 23; ++r) {
        (void)engine.on_timeout(1, r, Step::kPropose);
        (void)engine.on_timeout(1, r, Step::kPrevote);
        last = engine.on_timeout(1, r, Step::kPrecommit);
    }
    ASSERT_EQ(engine.round(), 23U);
    ASSERT_GT(engine.round(), BftEngine::kPastRounds);
    const auto proposals = proposals_in(last);
    ASSERT_EQ(proposals.size(), 1U);
    EXPECT_EQ(proposals[0].block, x);
    EXPECT_EQ(proposals[0].pol_round, 0U);
    std::size_t relayed = 0;
    for (const Vote& v : votes_in(last)) relayed += v.round == 0 ? 1 : 0;
    EXPECT_EQ(relayed, 3U);
}

TEST(BftEngine, ObserverFollowsWithoutSigning) {
    BftEngine observer(four(), kChain, std::nullopt, kTimeouts, std::nullopt);
    EXPECT_FALSE(observer.own_index().has_value());
    BftEngine outsider(four(), kChain, sim::key_of(9), kTimeouts, std::nullopt);
    EXPECT_FALSE(outsider.own_index().has_value());
    (void)observer.start_height(1);
    const Bytes block = block_for(1);
    const Hash hash = sim::hash_of(block);
    Actions all = observer.on_proposal(proposal_for(1, 0, block));
    for (const auto& a : observer.on_block_validated(1, hash, true)) all.push_back(a);
    for (std::uint32_t i = 0; i < 3; ++i) {
        for (const auto& a : observer.on_vote(vote_by(i, VoteKind::kPrevote, 1, 0, hash)))
            all.push_back(a);
        for (const auto& a : observer.on_vote(vote_by(i, VoteKind::kPrecommit, 1, 0, hash)))
            all.push_back(a);
    }
    for (const auto& a : observer.on_timeout(1, 0, Step::kPropose)) all.push_back(a);
    EXPECT_TRUE(all_of<PersistSigned>(all).empty());
    EXPECT_TRUE(all_of<Broadcast>(all).empty());
    EXPECT_TRUE(all_of<BuildBlock>(all).empty());
    EXPECT_EQ(all_of<CommitBlock>(all).size(), 1U);
}

TEST(BftEngine, ReportsMisbehaviour) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    const Bytes block = block_for(1);
    const Hash hash = sim::hash_of(block);
    // A proposal signed by a validator whose turn it is not.
    Proposal wrong =
        *sign_proposal(Proposal{1, 0, std::nullopt, hash, block, {}}, kChain, sim::key_of(2));
    auto bad = all_of<Misbehaviour>(engine.on_proposal(wrong));
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kWrongProposer);
    EXPECT_EQ(bad[0].validator_index, 2U) << "the signer, not the round's proposer";
    EXPECT_TRUE(bad[0].proven);
    // A forged proposal names the round's proposer but proves nothing against it.
    Proposal forged_proposal = proposal_for(1, 0, block);
    forged_proposal.signature.r = Hash{};
    bad = all_of<Misbehaviour>(engine.on_proposal(forged_proposal));
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kBadSignature);
    EXPECT_FALSE(bad[0].proven);
    // Two proposals for one round.
    (void)engine.on_proposal(proposal_for(1, 0, block));
    EXPECT_TRUE(all_of<Misbehaviour>(engine.on_proposal(proposal_for(1, 0, block))).empty())
        << "a duplicate is not a conflict";
    bad = all_of<Misbehaviour>(engine.on_proposal(proposal_for(1, 0, block_for(1, 5))));
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kConflictingProposal);
    EXPECT_EQ(bad[0].validator_index, 1U);
    EXPECT_TRUE(bad[0].proven);
    // Votes: unknown index, bad signature, double vote.
    Vote unknown = vote_by(1, VoteKind::kPrevote, 1, 0, hash);
    unknown.validator_index = 4;
    bad = all_of<Misbehaviour>(engine.on_vote(unknown));
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kUnknownValidator);
    EXPECT_FALSE(bad[0].proven);
    Vote forged = vote_by(1, VoteKind::kPrevote, 1, 0, hash);
    forged.signature.r = Hash{};
    bad = all_of<Misbehaviour>(engine.on_vote(forged));
    ASSERT_EQ(bad.size(), 1U);
    EXPECT_EQ(bad[0].reason, MisbehaviourReason::kBadSignature);
    EXPECT_FALSE(bad[0].proven);
    (void)engine.on_vote(vote_by(3, VoteKind::kPrevote, 1, 0, hash));
    EXPECT_TRUE(engine.on_vote(vote_by(3, VoteKind::kPrevote, 1, 0, hash)).empty());
    const Actions twice = engine.on_vote(vote_by(3, VoteKind::kPrevote, 1, 0, std::nullopt));
    const auto evidence = all_of<ReportEvidence>(twice);
    ASSERT_EQ(evidence.size(), 1U);
    EXPECT_TRUE(verify_evidence(evidence[0].evidence, four(), kChain));
    ASSERT_EQ(engine.evidence().size(), 1U);
    EXPECT_EQ(engine.evidence()[0], evidence[0].evidence);
    EXPECT_EQ(all_of<Misbehaviour>(twice).at(0).reason, MisbehaviourReason::kDoubleVote);
    EXPECT_TRUE(all_of<Misbehaviour>(twice).at(0).proven);
    // Nothing of this disturbs the honest path: validator 0 still prevotes the block.
    EXPECT_EQ(votes_in(engine.on_block_validated(1, hash, true)).at(0).block_hash, hash);
}

TEST(BftEngine, FutureHeightIsBufferedThenReplayed) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    const Bytes block = block_for(2);
    const Hash hash = sim::hash_of(block);
    EXPECT_TRUE(engine.on_proposal(proposal_for(2, 0, block)).empty());
    for (std::uint32_t i = 1; i < 4; ++i) {
        EXPECT_TRUE(engine.on_vote(vote_by(i, VoteKind::kPrevote, 2, 0, hash)).empty());
        EXPECT_TRUE(engine.on_vote(vote_by(i, VoteKind::kPrecommit, 2, 0, hash)).empty());
    }
    // Too far ahead, or flooding: dropped silently (bounded), no effect.
    for (std::uint64_t r = 0; r < 100; ++r) {
        (void)engine.on_vote(vote_by(1, VoteKind::kPrevote, 3, r, std::nullopt));
        (void)engine.on_vote(vote_by(1, VoteKind::kPrevote, 9, r, std::nullopt));
    }
    const Actions start = engine.start_height(2);
    ASSERT_EQ(all_of<ValidateBlock>(start).size(), 1U);
    const auto commits = all_of<CommitBlock>(engine.on_block_validated(2, hash, true));
    ASSERT_EQ(commits.size(), 1U);
    EXPECT_EQ(commits[0].height, 2U);
}

TEST(BftEngine, FarAwayMessagesCostNoSignatureCheck) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(5);
    Vote forged = vote_by(1, VoteKind::kPrevote, 5, 0, std::nullopt);
    forged.signature.r = Hash{};
    EXPECT_EQ(all_of<Misbehaviour>(engine.on_vote(forged)).size(), 1U) << "checked: current";
    for (const std::uint64_t height : {4ULL, 8ULL}) {
        forged.height = height;
        EXPECT_TRUE(engine.on_vote(forged).empty()) << "dropped unchecked: height " << height;
    }
    forged.height = 6;
    forged.round = BftEngine::kFutureRounds + 1;
    EXPECT_TRUE(engine.on_vote(forged).empty()) << "dropped unchecked: next height, far round";
    forged.round = 0;
    EXPECT_EQ(all_of<Misbehaviour>(engine.on_vote(forged)).size(), 1U) << "checked: buffered";
}

TEST(BftEngine, SkipsToARoundOneThirdHasReached) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    (void)engine.on_vote(vote_by(1, VoteKind::kPrevote, 1, 5, std::nullopt));
    EXPECT_EQ(engine.round(), 0U) << "one validator may be byzantine";
    (void)engine.on_vote(vote_by(2, VoteKind::kPrecommit, 1, 7, std::nullopt));
    EXPECT_EQ(engine.round(), 5U) << "two of four: one of them is honest and in round >= 5";
    // Far-future rounds are not stored, but still count for the skip.
    (void)engine.on_vote(vote_by(3, VoteKind::kPrevote, 1, 1000, std::nullopt));
    (void)engine.on_vote(vote_by(1, VoteKind::kPrevote, 1, 2000, std::nullopt));
    EXPECT_EQ(engine.round(), 1000U);
}

TEST(BftEngine, SyncedCommitMovesOn) {
    BftEngine engine = engine_for(0);
    (void)engine.start_height(1);
    QuorumCert qc{4, 0, Hash{}, {}};
    (void)engine.on_synced_commit(qc);
    EXPECT_EQ(engine.height(), 5U);
    EXPECT_EQ(engine.last_qc(), qc);
    EXPECT_TRUE(engine.on_synced_commit(QuorumCert{3, 0, Hash{}, {}}).empty());
    EXPECT_EQ(engine.height(), 5U);
    EXPECT_TRUE(engine.start_height(5).empty());
}

}  // namespace
}  // namespace yunlian::consensus::bft
