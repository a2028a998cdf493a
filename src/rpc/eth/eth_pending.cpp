#include "rpc/eth/eth_pending.hpp"

#include <boost/json.hpp>

#include "rpc/eth/eth_json.hpp"
#include "rpc/subscriptions.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::rpc::eth {

namespace {
constexpr const char* kKind = "newPendingTransactions";
}

void add_pending_subscription(SubscriptionHub& hub) { hub.add_kind(kKind); }

std::uint64_t publish_pending(Publisher& publisher, const txpool::TxPool& pool,
                              std::uint64_t cursor) {
    const auto added = pool.added_since(cursor);
    for (const Hash& hash : added.hashes) {
        publisher.publish(kKind, boost::json::value(hash_json(hash)));
    }
    return added.cursor;
}

}  // namespace yunlian::rpc::eth
