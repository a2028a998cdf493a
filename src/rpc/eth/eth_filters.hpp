#pragma once
// Polling filters (geth's eth/filters FilterAPI): eth_newFilter, eth_newBlockFilter,
// eth_newPendingTransactionFilter, eth_getFilterChanges, eth_getFilterLogs and
// eth_uninstallFilter. A log or block filter remembers the last block it reported; each poll reads
// the blocks committed since, so the node needs no hook. A pending-transaction filter remembers
// the pool's admission cursor (txpool::TxPool::added_since). A filter not polled for five
// minutes is dropped, as geth drops it.

#include <chrono>

namespace yunlian::chain {
class ChainStore;
}
namespace yunlian::rpc {
class Dispatcher;
}
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::rpc::eth {

/// How long a filter lives without a poll (geth's filters.Config.Timeout default).
inline constexpr std::chrono::minutes kFilterTimeout{5};

/// Registers the filter methods over `chain` and `pool` (nullptr: no pending-transaction
/// filters), which must outlive the dispatcher.
void register_filter_methods(Dispatcher& dispatcher, const chain::ChainStore& chain,
                             const txpool::TxPool* pool);

}  // namespace yunlian::rpc::eth
