// A long randomized stress run of the simulated network (about a minute on one core): 600
// seeds mixing 4 and 7 validators, 5-20 % drops, delays up to 440 ms and every byzantine
// behaviour, then 200 crash/restart storms. Skipped unless YUNLIAN_BFT_STRESS=1, to keep the
// default test run short; run it after changing the engine:
//   YUNLIAN_BFT_STRESS=1 build/bin/unit_consensus --gtest_filter='BftStress*'

#include <cstdlib>
#include <string_view>

#include <gtest/gtest.h>

#include "bft_sim.hpp"

namespace yunlian::consensus::bft::sim {
namespace {

bool stress_enabled() {
    const char* flag = std::getenv("YUNLIAN_BFT_STRESS");
    return flag != nullptr && std::string_view(flag) == "1";
}

std::size_t evidence_seen(const Simulation& sim) {
    std::size_t total = 0;
    for (std::uint32_t i = 0; i < sim.validators().size(); ++i) {
        total += sim.record(i).evidence.size();
    }
    return total;
}

TEST(BftStress, MixedFaults) {
    if (!stress_enabled()) GTEST_SKIP() << "set YUNLIAN_BFT_STRESS=1";
    for (std::uint64_t seed = 1000; seed < 1600; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.validators = seed % 3 == 0 ? 7 : 4;
        config.drop_permille = static_cast<std::uint32_t>(50 + seed % 150);
        config.duplicate_permille = 100;
        config.max_delay_ms = 40 + seed % 400;
        if (seed % 5 == 1) config.double_voters = {1};
        if (seed % 5 == 2) config.equivocating_proposers = {2};
        if (seed % 5 == 3 && config.validators == 7) {
            config.double_voters = {1};  // f = 2: two byzantine validators at once
            config.equivocating_proposers = {4};
        }
        if (seed % 5 == 4) config.forgers = {0};
        Simulation sim(config);
        sim.start();
        EXPECT_TRUE(sim.run_until_height(6, 3'000'000)) << "seed " << seed;
        EXPECT_TRUE(sim.agreement()) << "seed " << seed;
        for (std::uint32_t i = 0; i < config.validators; ++i) {
            EXPECT_EQ(sim.record(i).persist_before_broadcast_violations, 0U) << "seed " << seed;
        }
    }
}

TEST(BftStress, RestartStorms) {
    if (!stress_enabled()) GTEST_SKIP() << "set YUNLIAN_BFT_STRESS=1";
    for (std::uint64_t seed = 2000; seed < 2200; ++seed) {
        SimConfig config;
        config.seed = seed;
        config.validators = seed % 2 ? 7 : 4;
        config.drop_permille = 80;
        Simulation sim(config);
        sim.start();
        for (std::uint64_t k = 0; k < 12; ++k) {
            sim.run_until(sim.now() + 50 + (seed * 7 + k * 13) % 400);
            const auto victim = static_cast<std::uint32_t>((seed + k * 3) % config.validators);
            sim.crash(victim);
            sim.run_until(sim.now() + (seed + k) % 300);
            sim.restart(victim);
        }
        EXPECT_TRUE(sim.run_until_height(sim.max_height() + 3, sim.now() + 3'000'000))
            << "seed " << seed;
        EXPECT_TRUE(sim.agreement()) << "seed " << seed;
        EXPECT_EQ(evidence_seen(sim), 0U) << "a restarted validator equivocated, seed " << seed;
    }
}

}  // namespace
}  // namespace yunlian::consensus::bft::sim
