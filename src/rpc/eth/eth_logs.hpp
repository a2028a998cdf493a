#pragma once
// Logs over the chain: eth_getLogs, the polling filters (eth_newFilter, eth_newBlockFilter,
// eth_getFilterChanges, eth_getFilterLogs, eth_uninstallFilter) and the "logs" subscription, with
// geth's semantics (eth/filters) and messages.

#include <cstddef>
#include <cstdint>

#include <boost/json/array.hpp>

#include "common/bytes.hpp"
#include "rpc/eth/log_filter.hpp"
#include "types/header.hpp"

namespace yunlian::chain {
class ChainStore;
}

namespace yunlian::rpc {
class Dispatcher;
class Publisher;
class SubscriptionHub;
}  // namespace yunlian::rpc
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::rpc::eth {

/// Most blocks one eth_getLogs call (or one poll of a log filter) scans; a wider range is
/// refused with "exceed maximum block range: N" (the wording of geth-based public endpoints).
inline constexpr std::uint64_t kMaxLogBlockRange = 10'000;
/// Most logs one eth_getLogs call returns; past it: "query returned more than N results".
inline constexpr std::size_t kMaxLogResults = 10'000;

/// Appends to `out` the logs of the stored block `block_hash` (number `block_num`, header bloom
/// `bloom`) that pass `filter`, with block-wide log indexes. The block bloom, then each receipt's
/// bloom, is checked before any log is read. Throws RpcError once `out` would pass `limit`.
void append_block_logs(const chain::ChainStore& chain, const Hash& block_hash,
                       std::uint64_t block_num, const types::Bloom& bloom, const LogFilter& filter,
                       boost::json::array& out, std::size_t limit = kMaxLogResults);

/// eth_getLogs: the logs matching `criteria` (a block hash, or a range whose ends default to
/// "latest"), with geth's range checks and at most `max_range` blocks. Throws RpcError.
[[nodiscard]] boost::json::array get_logs(const chain::ChainStore& chain,
                                          const LogCriteria& criteria,
                                          std::uint64_t max_range = kMaxLogBlockRange);

/// Registers eth_getLogs and the filter methods. `chain` and `pool` (nullptr: no
/// pending-transaction filters) must outlive the dispatcher.
void register_log_methods(Dispatcher& dispatcher, const chain::ChainStore& chain,
                          const txpool::TxPool* pool = nullptr);

/// Makes "logs" subscribable on `hub`: eth_subscribe("logs", {address, topics}).
void add_logs_subscription(SubscriptionHub& hub);

/// Sends every "logs" subscriber the logs of the committed block (`header`, `block_hash`) that
/// match its filter, one notification per log with `removed: false`. The receipts are read only
/// when some subscriber's filter may match the block's bloom. Returns how many were sent.
std::size_t publish_block_logs(Publisher& publisher, const chain::ChainStore& chain,
                               const types::BlockHeader& header, const Hash& block_hash);

}  // namespace yunlian::rpc::eth
