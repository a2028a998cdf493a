#pragma once
// Polling filters (geth's eth/filters FilterAPI): eth_newFilter, eth_newBlockFilter,
// eth_getFilterChanges, eth_getFilterLogs and eth_uninstallFilter. A filter remembers the last
// block it reported; each poll reads the blocks committed since, so the node needs no hook. A
// filter not polled for five minutes is dropped, as geth drops it.

#include <chrono>

namespace yunlian::chain {
class ChainStore;
}
namespace yunlian::rpc {
class Dispatcher;
}

namespace yunlian::rpc::eth {

/// How long a filter lives without a poll (geth's filters.Config.Timeout default).
inline constexpr std::chrono::minutes kFilterTimeout{5};

/// Registers the filter methods over `chain`, which must outlive the dispatcher.
void register_filter_methods(Dispatcher& dispatcher, const chain::ChainStore& chain);

}  // namespace yunlian::rpc::eth
