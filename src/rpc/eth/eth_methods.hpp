#pragma once
// The eth_* and net_* methods of issue 3 over the chain and the pool, registered on the server's
// dispatcher. Errors carry geth's codes and messages.

#include <cstdint>
#include <functional>

#include "rpc/limits.hpp"

namespace yunlian::chain {
class ChainStore;
}
namespace yunlian::txpool {
class TxPool;
}

namespace yunlian::rpc {
class Dispatcher;
}

namespace yunlian::rpc::eth {

/// What the methods read and where new transactions go. Everything must outlive the dispatcher.
struct EthBackend {
    const chain::ChainStore* chain = nullptr;
    txpool::TxPool* pool = nullptr;
    /// Called after a transaction is admitted (wakes the block producer).
    std::function<void()> on_new_txn;
    /// Gas cap for eth_call and eth_estimateGas (geth's --rpc.gascap).
    std::uint64_t gas_cap = kDefaultGasCap;
};

/// Registers eth_chainId, net_version, net_peerCount, eth_blockNumber, eth_getBalance,
/// eth_getTransactionCount, eth_getCode, eth_getStorageAt, eth_sendRawTransaction,
/// eth_getTransactionByHash, eth_getTransactionReceipt, eth_getBlockReceipts,
/// eth_getBlockByNumber/ByHash, eth_getBlockTransactionCountByNumber/ByHash, eth_gasPrice,
/// eth_maxPriorityFeePerGas, eth_feeHistory, eth_call, eth_estimateGas, eth_syncing, eth_accounts,
/// and the log methods of eth_logs.hpp (eth_getLogs and the filters).
void register_eth_methods(Dispatcher& dispatcher, EthBackend backend);

}  // namespace yunlian::rpc::eth
