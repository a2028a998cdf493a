#include "consensus/solo_engine.hpp"

#include <gtest/gtest.h>

namespace yunlian::consensus {
namespace {

using Kind = Event::Kind;

TEST(SoloEngine, AutomineProposesWhenTransactionsWait) {
    SoloEngine engine(0);
    EXPECT_TRUE(engine.on_event({Kind::kStarted, 0, 0}).empty());
    EXPECT_TRUE(engine.on_event({Kind::kTxnsPending, 5, 0}).empty());
    const auto actions = engine.on_event({Kind::kTxnsPending, 6, 3});
    ASSERT_EQ(actions.size(), 1U);
    EXPECT_EQ(actions[0].kind, Action::Kind::kPropose);
    EXPECT_TRUE(engine.on_event({Kind::kTimer, 7, 0}).empty());
}

TEST(SoloEngine, BlockTimeProposesEveryPeriod) {
    SoloEngine engine(2000);
    auto started = engine.on_event({Kind::kStarted, 1000, 0});
    ASSERT_EQ(started.size(), 1U);
    EXPECT_EQ(started[0].kind, Action::Kind::kSetTimer);
    EXPECT_EQ(started[0].at_ms, 3000U);
    EXPECT_TRUE(engine.on_event({Kind::kTxnsPending, 1500, 10}).empty());
    auto early = engine.on_event({Kind::kTimer, 2500, 0});
    ASSERT_EQ(early.size(), 1U);
    EXPECT_EQ(early[0].kind, Action::Kind::kSetTimer);
    auto due = engine.on_event({Kind::kTimer, 3001, 0});
    ASSERT_EQ(due.size(), 2U);
    EXPECT_EQ(due[0].kind, Action::Kind::kPropose);
    EXPECT_EQ(due[1].at_ms, 5001U);
}

types::BlockHeader child_of(const types::BlockHeader& parent) {
    types::BlockHeader h;
    h.parent_hash = types::header_hash(parent);
    h.block_num = parent.block_num + 1;
    h.timestamp = parent.timestamp + 1;
    h.gas_limit = parent.gas_limit;
    return h;
}

TEST(SoloEngine, ValidatesHeaders) {
    SoloEngine engine(0);
    types::BlockHeader parent;
    parent.gas_limit = 30'000'000;
    parent.timestamp = 100;
    types::BlockHeader good = child_of(parent);
    engine.seal(parent, good);
    EXPECT_TRUE(engine.validate(parent, good));

    auto bad = good;
    bad.parent_hash[0] ^= 1;
    EXPECT_EQ(engine.validate(parent, bad).error(), SealError::kWrongParent);
    bad = good;
    bad.block_num = 5;
    EXPECT_EQ(engine.validate(parent, bad).error(), SealError::kWrongNumber);
    bad = good;
    bad.timestamp = parent.timestamp;
    EXPECT_EQ(engine.validate(parent, bad).error(), SealError::kTimestampNotAfter);
    bad = good;
    bad.gas_limit = parent.gas_limit + parent.gas_limit / 1024;
    EXPECT_EQ(engine.validate(parent, bad).error(), SealError::kWrongGasLimit);
    bad = good;
    bad.difficulty = Uint256{1};
    EXPECT_EQ(engine.validate(parent, bad).error(), SealError::kWrongSeal);
    EXPECT_EQ(engine.finalized(42), 42U);
}

}  // namespace
}  // namespace yunlian::consensus
