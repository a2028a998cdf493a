#include "rpc/eth/eth_json.hpp"

#include <boost/json.hpp>

#include "common/hex.hpp"
#include "evm/create_address.hpp"
#include "rpc/eth/log_filter.hpp"
#include "rpc/values.hpp"

namespace yunlian::rpc::eth {
namespace json = boost::json;
namespace {

std::string quantity(std::uint64_t v) { return encode_quantity(v); }
std::string quantity(const Uint256& v) { return v.to_hex(); }

json::array access_list_json(const types::AccessList& list) {
    json::array out;
    for (const auto& entry : list) {
        json::array keys;
        for (const auto& key : entry.storage_keys) keys.emplace_back(hash_json(key));
        out.emplace_back(json::object{{"address", address_json(entry.address)},
                                      {"storageKeys", std::move(keys)}});
    }
    return out;
}

}  // namespace

std::string address_json(const Address& address) { return to_hex(address.view()); }
std::string hash_json(const Hash& hash) { return to_hex(hash.view()); }

json::object header_json(const types::BlockHeader& h, const Hash& block_hash) {
    json::object o;
    o["number"] = quantity(h.block_num);
    o["hash"] = hash_json(block_hash);
    o["parentHash"] = hash_json(h.parent_hash);
    o["sha3Uncles"] = hash_json(h.ommers_hash);
    o["miner"] = address_json(h.beneficiary);
    o["stateRoot"] = hash_json(h.state_root);
    o["transactionsRoot"] = hash_json(h.transactions_root);
    o["receiptsRoot"] = hash_json(h.receipts_root);
    o["logsBloom"] = to_hex(h.logs_bloom.view());
    o["difficulty"] = quantity(h.difficulty);
    o["gasLimit"] = quantity(h.gas_limit);
    o["gasUsed"] = quantity(h.gas_used);
    o["timestamp"] = quantity(h.timestamp);
    o["extraData"] = to_hex(h.extra_data);
    o["mixHash"] = hash_json(h.mix_hash);
    o["nonce"] = to_hex(h.nonce.view());
    if (h.base_fee_per_gas) o["baseFeePerGas"] = quantity(*h.base_fee_per_gas);
    if (h.withdrawals_root) o["withdrawalsRoot"] = hash_json(*h.withdrawals_root);
    if (h.blob_gas_used) o["blobGasUsed"] = quantity(*h.blob_gas_used);
    if (h.excess_blob_gas) o["excessBlobGas"] = quantity(*h.excess_blob_gas);
    if (h.parent_beacon_block_root) {
        o["parentBeaconBlockRoot"] = hash_json(*h.parent_beacon_block_root);
    }
    return o;
}

json::object transaction_json(const types::Transaction& txn, const Hash& txn_hash,
                              const Address& sender, const std::optional<Inclusion>& inclusion) {
    json::object o;
    if (inclusion) {
        o["blockHash"] = hash_json(inclusion->block_hash);
        o["blockNumber"] = quantity(inclusion->block_num);
        o["transactionIndex"] = quantity(inclusion->index);
    } else {
        o["blockHash"] = nullptr;
        o["blockNumber"] = nullptr;
        o["transactionIndex"] = nullptr;
    }
    o["hash"] = hash_json(txn_hash);
    o["from"] = address_json(sender);
    o["to"] = txn.to ? json::value(address_json(*txn.to)) : json::value(nullptr);
    o["nonce"] = quantity(txn.nonce);
    o["gas"] = quantity(txn.gas_limit);
    o["value"] = quantity(txn.value);
    o["input"] = to_hex(txn.data);
    o["type"] = quantity(static_cast<std::uint64_t>(txn.type));
    if (txn.chain_id) o["chainId"] = quantity(*txn.chain_id);
    if (txn.type == types::TxType::kDynamicFee) {
        o["maxFeePerGas"] = quantity(txn.max_fee_per_gas);
        o["maxPriorityFeePerGas"] = quantity(txn.max_priority_fee_per_gas);
        // geth: the effective price once included, the fee cap while pending.
        o["gasPrice"] = inclusion && inclusion->base_fee
                            ? quantity(txn.effective_gas_price(*inclusion->base_fee))
                            : quantity(txn.max_fee_per_gas);
    } else {
        o["gasPrice"] = quantity(txn.gas_price);
    }
    if (txn.type != types::TxType::kLegacy) {
        o["accessList"] = access_list_json(txn.access_list);
        o["yParity"] = quantity(txn.y_parity);
        o["v"] = quantity(txn.y_parity);
    } else {
        o["v"] = quantity(txn.legacy_v());
    }
    o["r"] = quantity(txn.r);
    o["s"] = quantity(txn.s);
    return o;
}

json::object receipt_json(const types::Receipt& receipt, std::uint64_t gas_used,
                          const types::Transaction& txn, const Hash& txn_hash,
                          const Address& sender, const Inclusion& inclusion,
                          std::uint64_t first_log_index) {
    json::object o;
    o["transactionHash"] = hash_json(txn_hash);
    o["transactionIndex"] = quantity(inclusion.index);
    o["blockHash"] = hash_json(inclusion.block_hash);
    o["blockNumber"] = quantity(inclusion.block_num);
    o["from"] = address_json(sender);
    o["to"] = txn.to ? json::value(address_json(*txn.to)) : json::value(nullptr);
    o["cumulativeGasUsed"] = quantity(receipt.cumulative_gas_used);
    o["gasUsed"] = quantity(gas_used);
    o["effectiveGasPrice"] =
        quantity(txn.effective_gas_price(inclusion.base_fee.value_or(Uint256{0})));
    o["contractAddress"] = txn.to
                               ? json::value(nullptr)
                               : json::value(address_json(evm::create_address(sender, txn.nonce)));
    json::array logs;
    for (std::size_t i = 0; i < receipt.logs.size(); ++i) {
        logs.emplace_back(
            log_json(receipt.logs[i], LogPosition{inclusion.block_hash, inclusion.block_num,
                                                  txn_hash, inclusion.index, first_log_index + i}));
    }
    o["logs"] = std::move(logs);
    o["logsBloom"] = to_hex(receipt.bloom.view());
    o["status"] = quantity(receipt.success ? 1U : 0U);
    o["type"] = quantity(static_cast<std::uint64_t>(receipt.type));
    return o;
}

}  // namespace yunlian::rpc::eth
