// The "newPendingTransactions" subscription: the feed publishes each transaction the pool admits
// once, in order, as a geth-style eth_subscription notification, and nothing admitted before it
// started.

#include "node/pending_feed.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/secp256k1.hpp"
#include "rpc/eth/eth_pending.hpp"
#include "rpc/subscriptions.hpp"
#include "txpool/tx_pool.hpp"
#include "types/transaction.hpp"

namespace yunlian::node {
namespace {

namespace json = boost::json;

constexpr std::uint64_t kChainId = 20261;

crypto::PrivateKey key_of(std::uint8_t n) {
    crypto::PrivateKey k;
    k[31] = n;
    return k;
}

types::Transaction transfer(std::uint64_t nonce) {
    types::Transaction t;
    t.type = types::TxType::kDynamicFee;
    t.chain_id = kChainId;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{10'000'000'000ULL};
    t.max_priority_fee_per_gas = Uint256{1'000'000'000ULL};
    t.gas_limit = 21'000;
    t.to = Address{{0xaa}};
    t.value = Uint256{1};
    (void)types::sign_transaction(t, key_of(1));
    return t;
}

class Funded final : public txpool::StateView {
  public:
    std::optional<types::Account> account(const Address&) const override {
        types::Account a;
        a.balance = Uint256{1'000'000'000'000'000'000ULL};
        return a;
    }
};

class Sink final : public rpc::SubscriberSink {
  public:
    bool push(std::shared_ptr<const std::string> message) override {
        {
            std::lock_guard lock(m_mutex);
            m_messages.push_back(json::parse(*message));
        }
        m_cv.notify_all();
        return true;
    }
    /// Waits (at most 10 s) for `n` messages and returns them.
    std::vector<json::value> wait_for(std::size_t n) {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, std::chrono::seconds(10), [&] { return m_messages.size() >= n; });
        return m_messages;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<json::value> m_messages;
};

class PendingFeedTest : public ::testing::Test {
  protected:
    PendingFeedTest() : pool(config(), state) { rpc::eth::add_pending_subscription(hub); }
    static txpool::PoolConfig config() {
        txpool::PoolConfig c;
        c.chain_id = kChainId;
        return c;
    }
    Hash add(std::uint64_t nonce) {
        const auto t = transfer(nonce);
        EXPECT_TRUE(pool.add_raw(types::encode_transaction(t)));
        return types::transaction_hash(t);
    }
    Funded state;
    txpool::TxPool pool;
    rpc::SubscriptionHub hub;
};

TEST_F(PendingFeedTest, PublishPendingSendsEachNewHashOnce) {
    auto sink = std::make_shared<Sink>();
    const std::string id = hub.subscribe(sink, "newPendingTransactions", json::array{});
    const Hash a = add(0);
    const Hash b = add(1);
    std::uint64_t cursor = rpc::eth::publish_pending(hub, pool, 0);
    EXPECT_EQ(cursor, 2U);
    EXPECT_EQ(rpc::eth::publish_pending(hub, pool, cursor), cursor);  // nothing new
    const auto messages = sink->wait_for(2);
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0].at("method").as_string(), "eth_subscription");
    EXPECT_EQ(messages[0].at("params").at("subscription").as_string(), id);
    EXPECT_EQ(messages[0].at("params").at("result").as_string(), to_hex(a.view()));
    EXPECT_EQ(messages[1].at("params").at("result").as_string(), to_hex(b.view()));
    // The kind takes no arguments (geth's fullTx flag is not supported).
    EXPECT_THROW((void)hub.subscribe(sink, "newPendingTransactions", json::array{true}),
                 std::exception);
}

TEST_F(PendingFeedTest, FeedPublishesWhatThePoolAdmitsAfterItStarts) {
    (void)add(0);  // before the feed: not published
    auto sink = std::make_shared<Sink>();
    (void)hub.subscribe(sink, "newPendingTransactions", json::array{});
    PendingFeed feed(pool, hub);
    feed.start();
    const Hash b = add(1);
    const Hash c = add(2);
    const auto messages = sink->wait_for(2);
    feed.stop();
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0].at("params").at("result").as_string(), to_hex(b.view()));
    EXPECT_EQ(messages[1].at("params").at("result").as_string(), to_hex(c.view()));
    feed.stop();  // idempotent
}

}  // namespace
}  // namespace yunlian::node
