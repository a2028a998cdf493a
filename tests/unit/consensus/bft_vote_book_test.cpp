// VoteBook: counting, duplicates, equivocators counted for both blocks, the per-validator cap,
// forgetting old rounds and the +1/3 round skip.

#include <gtest/gtest.h>

#include "consensus/bft/vote_book.hpp"

namespace yunlian::consensus::bft {
namespace {

Hash h(std::uint8_t b) {
    Hash out;
    out[0] = b;
    return out;
}

// Signatures are not checked by the book (the engine checks them first); a distinct s makes
// distinct votes.
Vote v(std::uint32_t who, std::uint64_t round, std::optional<Hash> hash,
       VoteKind kind = VoteKind::kPrevote, std::uint8_t salt = 0) {
    Vote vote{kind, 1, round, hash, who, {}};
    vote.signature.s[31] = salt;
    return vote;
}

TEST(BftVoteBook, CountsDuplicatesAndEquivocators) {
    VoteBook book(4);
    EXPECT_EQ(book.add(v(0, 0, h(1))).outcome, VoteBook::Outcome::kAdded);
    EXPECT_EQ(book.add(v(0, 0, h(1))).outcome, VoteBook::Outcome::kDuplicate);
    EXPECT_EQ(book.add(v(0, 0, h(1), VoteKind::kPrevote, 9)).outcome, VoteBook::Outcome::kDuplicate)
        << "same block, other signature: no conflict";
    EXPECT_TRUE(book.contains(v(0, 0, h(1))));
    EXPECT_FALSE(book.contains(v(0, 0, h(1), VoteKind::kPrevote, 9)));
    const auto conflict = book.add(v(0, 0, std::nullopt));
    EXPECT_EQ(conflict.outcome, VoteBook::Outcome::kConflict);
    ASSERT_TRUE(conflict.earlier.has_value());
    EXPECT_EQ(conflict.earlier->block_hash, h(1));
    (void)book.add(v(1, 0, h(1)));
    (void)book.add(v(2, 0, std::nullopt));
    EXPECT_EQ(book.count(0, VoteKind::kPrevote, h(1)), 2U);
    EXPECT_EQ(book.count(0, VoteKind::kPrevote, std::nullopt), 2U) << "validator 0 in both";
    EXPECT_EQ(book.count_any(0, VoteKind::kPrevote), 3U) << "distinct validators";
    EXPECT_EQ(book.count(0, VoteKind::kPrecommit, h(1)), 0U);
    EXPECT_EQ(book.value_with(0, VoteKind::kPrevote, 2),
              std::optional<std::optional<Hash>>(std::optional<Hash>(std::nullopt)));
    EXPECT_FALSE(book.value_with(0, VoteKind::kPrevote, 3).has_value());
    EXPECT_EQ(book.votes_for(0, VoteKind::kPrevote, h(1)).size(), 2U);
}

TEST(BftVoteBook, DecisionsAndCommitSignatures) {
    VoteBook book(4);
    for (std::uint32_t who : {3U, 0U, 2U}) {
        (void)book.add(v(who, 2, h(5), VoteKind::kPrecommit));
    }
    (void)book.add(v(1, 2, std::nullopt, VoteKind::kPrecommit));
    const auto decided = book.decisions(3);
    ASSERT_EQ(decided.size(), 1U);
    EXPECT_EQ(decided[0].first, 2U);
    EXPECT_EQ(decided[0].second, h(5));
    const auto sigs = book.precommits_for(2, h(5));
    ASSERT_EQ(sigs.size(), 3U);
    EXPECT_EQ(sigs[0].validator_index, 0U);
    EXPECT_EQ(sigs[2].validator_index, 3U);
    EXPECT_TRUE(book.decisions(4).empty());
}

TEST(BftVoteBook, CapsVotesPerValidator) {
    VoteBook book(2);
    std::size_t added = 0;
    for (std::uint64_t round = 0; round < VoteBook::kMaxVotesPerValidator + 10; ++round) {
        if (book.add(v(0, round, std::nullopt)).outcome == VoteBook::Outcome::kAdded) ++added;
    }
    EXPECT_EQ(added, VoteBook::kMaxVotesPerValidator);
    EXPECT_EQ(book.add(v(1, 5, std::nullopt)).outcome, VoteBook::Outcome::kAdded)
        << "one validator's flood does not use up another's share";
    // Forgetting old rounds frees the share again.
    book.forget_below(1000, {});
    EXPECT_EQ(book.add(v(0, 5000, std::nullopt)).outcome, VoteBook::Outcome::kAdded);
}

TEST(BftVoteBook, ForgetsOldRoundsButKeepsTheGivenOnes) {
    VoteBook book(4);
    for (std::uint64_t round = 0; round < 10; ++round) (void)book.add(v(0, round, h(1)));
    book.forget_below(8, {3});
    EXPECT_EQ(book.count(0, VoteKind::kPrevote, h(1)), 0U);
    EXPECT_EQ(book.count(3, VoteKind::kPrevote, h(1)), 1U);
    EXPECT_EQ(book.count(7, VoteKind::kPrevote, h(1)), 0U);
    EXPECT_EQ(book.count(8, VoteKind::kPrevote, h(1)), 1U);
}

TEST(BftVoteBook, SkipRoundNeedsThreshold) {
    VoteBook book(7);
    book.note_round(0, 9);
    book.note_round(1, 4);
    EXPECT_FALSE(book.skip_round(2, 3).has_value());
    book.note_round(2, 6);
    EXPECT_EQ(book.skip_round(2, 3), 4U) << "three validators reached round 4 or later";
    EXPECT_EQ(book.skip_round(2, 1), 9U);
    EXPECT_FALSE(book.skip_round(4, 3).has_value()) << "only rounds above the current one";
    book.note_round(9, 100);  // an index outside the set is ignored
    EXPECT_EQ(book.skip_round(2, 1), 9U);
}

}  // namespace
}  // namespace yunlian::consensus::bft
