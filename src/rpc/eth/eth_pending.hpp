#pragma once
// The "newPendingTransactions" subscription (geth's, without its fullTx flag): one notification
// with the hash of each transaction the pool admits, from RPC or from peers. The node calls
// publish_pending() every few tens of milliseconds with the cursor it returned last time; the pool
// remembers its last txpool::TxPool::kRecentAdded admissions, far more than arrive in between.

#include <cstdint>

namespace yunlian::rpc {
class Publisher;
class SubscriptionHub;
}  // namespace yunlian::rpc
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::rpc::eth {

/// Makes "newPendingTransactions" subscribable on `hub` (no arguments).
void add_pending_subscription(SubscriptionHub& hub);

/// Publishes the hashes `pool` admitted after `cursor`, oldest first, and returns the cursor for
/// the next call (pass txpool::TxPool::added_cursor() at start-up to skip older ones).
std::uint64_t publish_pending(Publisher& publisher, const txpool::TxPool& pool,
                              std::uint64_t cursor);

}  // namespace yunlian::rpc::eth
