#include "execution/block_builder.hpp"

#include "codec/rlp.hpp"
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
    Applier(const BlockParams& env, const AccountReader& state, BlockOutput& out)
        : m_env(env), m_overlay(state), m_out(out) {}

    Result<void, TransferError> apply(const types::Transaction& txn, const Address& sender,
                                      const Hash& hash) {
        TxEnv tx_env{m_env.base_fee, m_env.beneficiary, m_env.gas_limit - m_cumulative,
                     m_env.chain_id};
        auto gas = apply_transfer(m_overlay, txn, sender, tx_env);
        if (!gas) return Unexpected(gas.error());
        m_cumulative += *gas;
        types::Receipt receipt;
        receipt.type = txn.type;
        receipt.success = true;
        receipt.cumulative_gas_used = m_cumulative;
        m_out.block.transactions.push_back(txn);
        m_out.receipts.push_back(std::move(receipt));
        m_out.senders.push_back(sender);
        m_out.txn_hashes.push_back(hash);
        m_out.gas_used.push_back(*gas);
        return {};
    }

    void finish(StateRooter& rooter) {
        types::BlockHeader& h = m_out.block.header;
        h.parent_hash = m_env.parent_hash;
        h.ommers_hash = kEmptyOmmersHash;
        h.beneficiary = m_env.beneficiary;
        h.block_num = m_env.block_num;
        h.gas_limit = m_env.gas_limit;
        h.gas_used = m_cumulative;
        h.timestamp = m_env.timestamp;
        h.extra_data = m_env.extra_data;
        h.base_fee_per_gas = m_env.base_fee;
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
        m_out.changes = m_overlay.changes();
        h.state_root = rooter.root_after(m_out.changes);
    }

  private:
    const BlockParams& m_env;
    AccountOverlay m_overlay;
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

BlockOutput build_block(const BlockParams& env, std::span<const Candidate> candidates,
                        const AccountReader& state, StateRooter& rooter) {
    BlockOutput out;
    Applier applier(env, state, out);
    for (const Candidate& c : candidates) {
        if (auto applied = applier.apply(*c.txn, c.sender, c.hash); !applied) {
            out.rejected.emplace_back(c.hash, applied.error());
        }
    }
    applier.finish(rooter);
    return out;
}

Result<BlockOutput, BlockError> execute_block(const types::Block& block,
                                              std::span<const Address> senders,
                                              std::uint64_t chain_id, const AccountReader& state,
                                              StateRooter& rooter) {
    if (senders.size() != block.transactions.size()) {
        return Unexpected(BlockError::kSenderCountMismatch);
    }
    const types::BlockHeader& h = block.header;
    BlockParams env{h.parent_hash,
                    h.block_num,
                    h.timestamp,
                    h.gas_limit,
                    h.base_fee_per_gas.value_or(Uint256{}),
                    h.beneficiary,
                    chain_id,
                    h.extra_data};
    BlockOutput out;
    Applier applier(env, state, out);
    for (std::size_t i = 0; i < block.transactions.size(); ++i) {
        const auto& txn = block.transactions[i];
        if (!applier.apply(txn, senders[i], types::transaction_hash(txn))) {
            return Unexpected(BlockError::kTransactionInvalid);
        }
    }
    applier.finish(rooter);
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
