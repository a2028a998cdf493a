#include "execution/block_builder.hpp"

#include "codec/rlp.hpp"
#include "execution/environment.hpp"
#include "execution/transaction.hpp"
#include "state/kv_store.hpp"
#include "state/overlay.hpp"
#include "trie/sorted_root.hpp"
#include "types/account.hpp"
#include "types/log.hpp"

namespace yunlian::execution {
namespace {

Bytes index_key(std::size_t index) {
    Bytes key;
    rlp::encode_uint(key, static_cast<std::uint64_t>(index));
    return key;
}

Hash indexed_root(std::vector<std::pair<Bytes, Bytes>> pairs) {
    if (pairs.empty()) return types::kEmptyTrieRoot;
    // Keys are distinct and values non-empty by construction, so the trie cannot refuse them.
    return trie::unsorted_root(std::move(pairs)).value_or(types::kEmptyTrieRoot);
}

/// Applies transactions one after another and fills the body, receipts and gas.
class Applier {
  public:
    Applier(const BlockParams& params, const state::StateReader& state, evm::Vm& vm,
            BlockOutput& out)
        : m_params(params), m_overlay(state), m_vm(vm), m_out(out) {
        m_env.coinbase = params.beneficiary;
        m_env.block_num = static_cast<std::int64_t>(params.block_num);
        m_env.timestamp = static_cast<std::int64_t>(params.timestamp);
        m_env.gas_limit = static_cast<std::int64_t>(params.gas_limit);
        m_env.base_fee = params.base_fee;
        m_env.chain_id = Uint256{params.chain_id};
        m_env.block_hash = params.block_hash;
    }

    Result<void, RejectReason> apply(const types::Transaction& txn, const Address& sender,
                                     const Hash& hash) {
        if (txn.gas_limit > m_params.gas_limit - m_cumulative) {
            return Unexpected(RejectReason::kNoRoom);
        }
        if (txn.chain_id && *txn.chain_id != m_params.chain_id) {
            return Unexpected(RejectReason::kInvalid);
        }
        auto outcome = apply_transaction(m_overlay, m_vm, m_env, make_request(txn, sender));
        if (!outcome) {
            const bool later = outcome.error() == TxValidationError::kNonceMismatch &&
                               txn.nonce > m_overlay.nonce(sender);
            return Unexpected(later ? RejectReason::kLaterNonce : RejectReason::kInvalid);
        }
        m_cumulative += outcome->gas_used;
        types::Receipt receipt;
        receipt.type = txn.type;
        receipt.success = outcome->status == host::StatusCode::kSuccess;
        receipt.cumulative_gas_used = m_cumulative;
        receipt.bloom = types::logs_bloom(outcome->logs);
        receipt.logs = std::move(outcome->logs);
        m_out.block.transactions.push_back(txn);
        m_out.receipts.push_back(std::move(receipt));
        m_out.senders.push_back(sender);
        m_out.txn_hashes.push_back(hash);
        m_out.gas_used.push_back(outcome->gas_used);
        return {};
    }

    void finish() {
        types::BlockHeader& h = m_out.block.header;
        h.parent_hash = m_params.parent_hash;
        h.ommers_hash = kEmptyOmmersHash;
        h.beneficiary = m_params.beneficiary;
        h.block_num = m_params.block_num;
        h.gas_limit = m_params.gas_limit;
        h.gas_used = m_cumulative;
        h.timestamp = m_params.timestamp;
        h.extra_data = m_params.extra_data;
        h.base_fee_per_gas = m_params.base_fee;
        // Shanghai and Cancun fields, with no withdrawals and no blobs on this chain.
        h.withdrawals_root = types::kEmptyTrieRoot;
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = Hash{};
        m_out.block.withdrawals = std::vector<types::Withdrawal>{};
        h.transactions_root = transactions_root(m_out.block.transactions);
        h.receipts_root = receipts_root(m_out.receipts);
        h.logs_bloom = types::Bloom{};
        for (const auto& r : m_out.receipts) {
            for (std::size_t i = 0; i < h.logs_bloom.size(); ++i) h.logs_bloom[i] |= r.bloom[i];
        }
        auto diff = m_overlay.diff();
        if (!diff) throw state::StorageError(std::string(state::to_string(diff.error())));
        m_out.diff = std::move(*diff);
        h.state_root = m_out.diff.state_root;
    }

  private:
    const BlockParams& m_params;
    BlockEnv m_env;
    state::Overlay m_overlay;
    evm::Vm& m_vm;
    BlockOutput& m_out;
    std::uint64_t m_cumulative = 0;
};

}  // namespace

Hash transactions_root(std::span<const types::Transaction> txns) {
    std::vector<std::pair<Bytes, Bytes>> pairs;
    pairs.reserve(txns.size());
    for (std::size_t i = 0; i < txns.size(); ++i) {
        pairs.emplace_back(index_key(i), types::encode_transaction(txns[i]));
    }
    return indexed_root(std::move(pairs));
}

Hash receipts_root(std::span<const types::Receipt> receipts) {
    std::vector<std::pair<Bytes, Bytes>> pairs;
    pairs.reserve(receipts.size());
    for (std::size_t i = 0; i < receipts.size(); ++i) {
        pairs.emplace_back(index_key(i), types::encode_receipt(receipts[i]));
    }
    return indexed_root(std::move(pairs));
}

BlockOutput build_block(const BlockParams& params, std::span<const Candidate> candidates,
                        const state::StateReader& state, evm::Vm& vm) {
    BlockOutput out;
    Applier applier(params, state, vm, out);
    for (const Candidate& c : candidates) {
        if (auto applied = applier.apply(*c.txn, c.sender, c.hash); !applied) {
            out.rejected.emplace_back(c.hash, applied.error());
        }
    }
    applier.finish();
    return out;
}

Result<BlockOutput, BlockError> execute_block(const types::Block& block,
                                              std::span<const Address> senders,
                                              std::uint64_t chain_id,
                                              const std::function<Hash(std::int64_t)>& block_hash,
                                              const state::StateReader& state, evm::Vm& vm) {
    if (senders.size() != block.transactions.size()) {
        return Unexpected(BlockError::kSenderCountMismatch);
    }
    const types::BlockHeader& h = block.header;
    BlockParams params{h.parent_hash,
                       h.block_num,
                       h.timestamp,
                       h.gas_limit,
                       h.base_fee_per_gas.value_or(Uint256{}),
                       h.beneficiary,
                       chain_id,
                       h.extra_data,
                       block_hash};
    BlockOutput out;
    Applier applier(params, state, vm, out);
    for (std::size_t i = 0; i < block.transactions.size(); ++i) {
        const auto& txn = block.transactions[i];
        if (!applier.apply(txn, senders[i], types::transaction_hash(txn))) {
            return Unexpected(BlockError::kTransactionInvalid);
        }
    }
    applier.finish();
    const types::BlockHeader& mine = out.block.header;
    if (mine.gas_used != h.gas_used) return Unexpected(BlockError::kGasUsedMismatch);
    if (mine.transactions_root != h.transactions_root || mine.receipts_root != h.receipts_root ||
        mine.state_root != h.state_root || mine.logs_bloom != h.logs_bloom) {
        return Unexpected(BlockError::kRootMismatch);
    }
    out.block.header = h;
    return out;
}

}  // namespace yunlian::execution
