// BftEngine on a simulated network (bft_sim.hpp): agreement and liveness under delays, drops,
// duplicates and reordering for many seeds; crashes, partitions, restarts and byzantine nodes.

#include "bft_sim.hpp"

#include <gtest/gtest.h>

namespace yunlian::consensus::bft::sim {
namespace {

void expect_clean(const Simulation& sim) {
    EXPECT_TRUE(sim.agreement());
    for (std::uint32_t i = 0; i < sim.validators().size(); ++i) {
        EXPECT_EQ(sim.record(i).persist_before_broadcast_violations, 0U) << "node " << i;
        if (sim.honest(i)) {
            EXPECT_TRUE(sim.record(i).misbehaviour.empty()) << "node " << i;
        }
    }
}

// No honest validator is ever proven guilty (forgeries may name one, unproven).
void expect_no_honest_blame(const Simulation& sim) {
    for (std::uint32_t i = 0; i < sim.validators().size(); ++i) {
        for (const Misbehaviour& m : sim.record(i).misbehaviour) {
            EXPECT_FALSE(m.proven && sim.honest(m.validator_index))
                << "node " << i << " blames honest " << m.validator_index << ": "
                << to_string(m.reason);
        }
    }
}

TEST(BftSim, FourValidatorsAgreeOverManySeeds) {
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.drop_permille = 50;
        config.duplicate_permille = 100;
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(8, 600'000)) << "seed " << seed;
        expect_clean(sim);
        ASSERT_TRUE(sim.agreement()) << "seed " << seed;
    }
}

TEST(BftSim, SevenValidatorsAgreeOverManySeeds) {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        SimConfig config;
        config.validators = 7;
        config.seed = seed;
        config.drop_permille = 30;
        config.duplicate_permille = 50;
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(5, 600'000)) << "seed " << seed;
        expect_clean(sim);
        ASSERT_TRUE(sim.agreement()) << "seed " << seed;
    }
}

TEST(BftSim, OneCrashedOfFourStaysLive) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.sync_interval_ms = 0;  // liveness by consensus alone
        Simulation sim(config);
        sim.crash(static_cast<std::uint32_t>(seed % 4));
        sim.start();
        // Every fourth round's proposer is dead: those rounds end by timeout.
        ASSERT_TRUE(sim.run_until_height(10, 600'000)) << "seed " << seed;
        expect_clean(sim);
    }
}

TEST(BftSim, SevenToleratesTwoCrashedNotThree) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        SimConfig config;
        config.validators = 7;
        config.seed = seed;
        config.sync_interval_ms = 0;
        Simulation two(config);
        two.crash(2);
        two.crash(5);
        two.start();
        ASSERT_TRUE(two.run_until_height(5, 600'000)) << "f = 2 down: live, seed " << seed;
        expect_clean(two);
        Simulation three(config);
        three.crash(1);
        three.crash(3);
        three.crash(6);
        three.start();
        three.run_until(60'000);
        EXPECT_EQ(three.max_height(), 0U) << "f + 1 down: no quorum, seed " << seed;
    }
}

TEST(BftSim, TwoCrashedOfFourHaltsThenResumes) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        SimConfig config;
        config.seed = seed;
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(3, 60'000));
        sim.crash(1);
        sim.crash(2);
        const std::uint64_t before = sim.max_height();
        sim.run_until(sim.now() + 60'000);
        // At most the height in flight finishes (its precommits may already be out).
        EXPECT_LE(sim.max_height(), before + 1) << "seed " << seed;
        const std::uint64_t halted = sim.max_height();
        sim.run_until(sim.now() + 60'000);
        EXPECT_EQ(sim.max_height(), halted) << "no commit with 2 of 4 down, seed " << seed;
        sim.restart(1);
        sim.restart(2);
        ASSERT_TRUE(sim.run_until_height(halted + 3, sim.now() + 600'000)) << "seed " << seed;
        expect_clean(sim);
    }
}

TEST(BftSim, LongOutageForgetsOldRoundsAndResumes) {
    // Two of four down for long enough that the survivors pass many rounds (old ones are
    // forgotten, the lock is kept); when they return, the height is decided.
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.timeouts = TimeoutConfig{100, 50, 50, 20};
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(2, 60'000));
        sim.crash(2);
        sim.crash(3);
        sim.run_until(sim.now() + 300'000);
        EXPECT_GT(sim.engine(0).round(), 3 * BftEngine::kPastRounds) << "seed " << seed;
        const std::uint64_t halted = sim.max_height();
        sim.restart(2);
        sim.restart(3);
        ASSERT_TRUE(sim.run_until_height(halted + 2, sim.now() + 600'000)) << "seed " << seed;
        expect_clean(sim);
    }
}

TEST(BftSim, PartitionedNodeCatchesUp) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        SimConfig config;
        config.seed = seed;
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(2, 60'000));
        sim.set_partitioned(3, true);
        sim.run_until(sim.now() + 30'000);
        const std::uint64_t isolated = sim.record(3).committed.size();
        EXPECT_GT(sim.max_height(), isolated + 3) << "the other three go on, seed " << seed;
        sim.set_partitioned(3, false);
        ASSERT_TRUE(sim.run_until_height(sim.max_height() + 2, sim.now() + 600'000))
            << "seed " << seed;
        expect_clean(sim);
    }
}

TEST(BftSim, DoubleVoterYieldsEvidenceEverywhereAndSafety) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.double_voters = {2};
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(6, 600'000)) << "seed " << seed;
        EXPECT_TRUE(sim.agreement());
        expect_no_honest_blame(sim);
        for (std::uint32_t i : {0U, 1U, 3U}) {
            ASSERT_FALSE(sim.record(i).evidence.empty()) << "node " << i << " seed " << seed;
            for (const Evidence& e : sim.record(i).evidence) {
                EXPECT_EQ(e.first.validator_index, 2U);
                EXPECT_TRUE(verify_evidence(e, sim.validators(), Simulation::kChainId));
            }
            EXPECT_EQ(sim.engine(i).evidence().size(), sim.record(i).evidence.size());
        }
    }
}

TEST(BftSim, EquivocatingProposerCannotFork) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.equivocating_proposers = {1};
        Simulation sim(config);
        sim.start();
        ASSERT_TRUE(sim.run_until_height(8, 600'000)) << "seed " << seed;
        EXPECT_TRUE(sim.agreement());
        expect_no_honest_blame(sim);
        std::size_t reports = 0;
        for (std::uint32_t i : {0U, 2U, 3U}) {
            for (const Misbehaviour& m : sim.record(i).misbehaviour) {
                EXPECT_EQ(m.validator_index, 1U);
                EXPECT_EQ(m.reason, MisbehaviourReason::kConflictingProposal);
                ++reports;
            }
        }
        EXPECT_GT(reports, 0U) << "seed " << seed;
    }
}

TEST(BftSim, InvalidProposerIsSkipped) {
    SimConfig config;
    config.invalid_proposers = {0};
    Simulation sim(config);
    sim.start();
    ASSERT_TRUE(sim.run_until_height(8, 600'000));
    EXPECT_TRUE(sim.agreement());
    bool reported = false;
    for (const Misbehaviour& m : sim.record(1).misbehaviour) {
        EXPECT_EQ(m.validator_index, 0U);
        reported = reported || m.reason == MisbehaviourReason::kInvalidBlock;
    }
    EXPECT_TRUE(reported);
}

TEST(BftSim, ForgedVotesAreReported) {
    SimConfig config;
    config.forgers = {3};
    Simulation sim(config);
    sim.start();
    ASSERT_TRUE(sim.run_until_height(4, 600'000));
    EXPECT_TRUE(sim.agreement());
    expect_no_honest_blame(sim);
    std::set<MisbehaviourReason> seen;
    for (const Misbehaviour& m : sim.record(0).misbehaviour) {
        seen.insert(m.reason);
        EXPECT_FALSE(m.proven) << to_string(m.reason);
    }
    EXPECT_TRUE(seen.contains(MisbehaviourReason::kBadSignature));
    EXPECT_TRUE(seen.contains(MisbehaviourReason::kNotValidator));
    EXPECT_TRUE(seen.contains(MisbehaviourReason::kUnknownValidator));
    EXPECT_TRUE(seen.contains(MisbehaviourReason::kWrongSigner));
    EXPECT_TRUE(sim.engine(0).evidence().empty()) << "forgeries are not double votes";
}

// Crashes and restarts validators at seeded moments, mid-round.
void crash_and_restart_often(Simulation& sim, std::uint64_t seed) {
    for (std::uint64_t k = 0; k < 6; ++k) {
        sim.run_until(sim.now() + 150 + 37 * ((seed + k) % 11));
        const auto victim = static_cast<std::uint32_t>((seed + k) % 4);
        sim.crash(victim);
        sim.run_until(sim.now() + 20);
        sim.restart(victim);
    }
}

std::size_t evidence_seen(const Simulation& sim) {
    std::size_t total = 0;
    for (std::uint32_t i = 0; i < sim.validators().size(); ++i) {
        total += sim.record(i).evidence.size();
    }
    return total;
}

TEST(BftSim, RestartsWithoutTheRecordDoEquivocate) {
    // The negative control of the next test: the same schedule with the record thrown away
    // produces double votes, and the evidence check sees them.
    std::size_t equivocations = 0;
    for (std::uint64_t seed = 1; seed <= 30 && equivocations == 0; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.drop_permille = 50;
        config.forget_on_restart = true;
        Simulation sim(config);
        sim.start();
        crash_and_restart_often(sim, seed);
        sim.run_until(sim.now() + 5000);
        equivocations += evidence_seen(sim);
    }
    EXPECT_GT(equivocations, 0U);
}

TEST(BftSim, RestartsNeverEquivocate) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.drop_permille = 50;
        Simulation sim(config);
        sim.start();
        crash_and_restart_often(sim, seed);
        ASSERT_TRUE(sim.run_until_height(sim.max_height() + 3, sim.now() + 600'000))
            << "seed " << seed;
        expect_clean(sim);
        // No honest node ever reported evidence: nobody double-voted across restarts.
        for (std::uint32_t i = 0; i < 4; ++i) {
            EXPECT_TRUE(sim.record(i).evidence.empty()) << "node " << i << " seed " << seed;
        }
    }
}

}  // namespace
}  // namespace yunlian::consensus::bft::sim
