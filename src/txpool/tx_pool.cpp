#include "txpool/tx_pool.hpp"

#include <algorithm>
#include <queue>
#include <utility>

#include <fmt/core.h>

namespace yunlian::txpool {
namespace {

// Yellow Paper appendix G and the EIPs beside each value.
constexpr std::uint64_t kTxGas = 21'000;
constexpr std::uint64_t kTxCreateGas = 32'000;
constexpr std::uint64_t kTxDataZeroGas = 4;
constexpr std::uint64_t kTxDataNonZeroGas = 16;            // EIP-2028
constexpr std::uint64_t kAccessListAddressGas = 2'400;     // EIP-2930
constexpr std::uint64_t kAccessListStorageKeyGas = 1'900;  // EIP-2930
constexpr std::uint64_t kInitCodeWordGas = 2;              // EIP-3860

Rejection reject(PoolError code, std::string message) { return {code, std::move(message)}; }

/// old * (100 + bump) / 100 <= new, without overflow for any 256-bit fee.
bool bumped_enough(const Uint256& old_fee, const Uint256& new_fee, std::uint64_t bump) {
    const Uint256 threshold = old_fee / 100 * (100 + bump) + old_fee % 100 * (100 + bump) / 100;
    return new_fee >= threshold;
}

}  // namespace

std::uint64_t intrinsic_gas(const types::Transaction& txn) noexcept {
    std::uint64_t gas = kTxGas;
    const bool create = !txn.to.has_value();
    if (create) gas += kTxCreateGas + kInitCodeWordGas * ((txn.data.size() + 31) / 32);
    for (const std::uint8_t b : txn.data) gas += b == 0 ? kTxDataZeroGas : kTxDataNonZeroGas;
    for (const auto& entry : txn.access_list) {
        gas += kAccessListAddressGas + kAccessListStorageKeyGas * entry.storage_keys.size();
    }
    return gas;
}

Uint256 effective_tip(const types::Transaction& txn, const Uint256& base_fee) noexcept {
    if (txn.max_fee() < base_fee) return Uint256{0};
    const Uint256 room = txn.max_fee() - base_fee;
    return txn.max_priority_fee() < room ? txn.max_priority_fee() : room;
}

Result<Hash, Rejection> TxPool::add_raw(BytesView raw) {
    if (raw.size() > m_config.max_txn_bytes) {
        return Unexpected(reject(PoolError::kOversized,
                                 fmt::format("oversized data: transaction size {}, limit {}",
                                             raw.size(), m_config.max_txn_bytes)));
    }
    auto txn = types::decode_transaction(raw);
    if (!txn) {
        if (txn.error().code == types::TxErrorCode::kUnsupportedType) {
            return Unexpected(reject(PoolError::kMalformed, "transaction type not supported"));
        }
        return Unexpected(
            reject(PoolError::kMalformed, fmt::format("rlp: {}", txn.error().message())));
    }
    return add(std::move(*txn), raw.size());
}

std::optional<Rejection> TxPool::check_stateless(const types::Transaction& txn,
                                                 std::size_t size) const {
    if (size > m_config.max_txn_bytes) {
        return reject(PoolError::kOversized,
                      fmt::format("oversized data: transaction size {}, limit {}", size,
                                  m_config.max_txn_bytes));
    }
    if (!txn.chain_id) {
        return reject(PoolError::kUnprotected,
                      "only replay-protected (EIP-155) transactions allowed over RPC");
    }
    if (*txn.chain_id != m_config.chain_id) {
        return reject(PoolError::kWrongChainId,
                      fmt::format("invalid chain id for signer: have {} want {}", *txn.chain_id,
                                  m_config.chain_id));
    }
    // EIP-3860: init code of at most 2 * 24576 bytes.
    if (!txn.to && txn.data.size() > 49'152) {
        return reject(
            PoolError::kInitCodeTooLarge,
            fmt::format("max initcode size exceeded: code size {} limit 49152", txn.data.size()));
    }
    if (txn.gas_limit > m_config.block_gas_limit) {
        return reject(PoolError::kGasLimitExceeded, "exceeds block gas limit");
    }
    if (txn.max_priority_fee() > txn.max_fee()) {
        return reject(PoolError::kTipAboveFeeCap,
                      fmt::format("max priority fee per gas higher than max fee per gas: "
                                  "maxPriorityFeePerGas: {}, maxFeePerGas: {}",
                                  txn.max_priority_fee().to_string(), txn.max_fee().to_string()));
    }
    const std::uint64_t needed = intrinsic_gas(txn);
    if (txn.gas_limit < needed) {
        return reject(
            PoolError::kIntrinsicGasTooLow,
            fmt::format("intrinsic gas too low: gas {}, minimum needed {}", txn.gas_limit, needed));
    }
    return std::nullopt;
}

std::optional<Rejection> TxPool::check_state(const types::Transaction& txn,
                                             std::uint64_t state_nonce,
                                             const types::Account& account) const {
    if (txn.nonce < state_nonce) {
        return reject(
            PoolError::kNonceTooLow,
            fmt::format("nonce too low: next nonce {}, tx nonce {}", state_nonce, txn.nonce));
    }
    // EIP-3607: a sender with code cannot send.
    if (account.code_hash != types::kEmptyCodeHash) {
        return reject(PoolError::kSenderNotEoa, "sender not an eoa");
    }
    // cost = gas_limit * max_fee + value, as geth's ValidateTransactionWithState.
    Uint256 cost;
    const bool overflow = bit_width(txn.max_fee()) + bit_width(Uint256{txn.gas_limit}) > 256 ||
                          add_overflow(Uint256{txn.gas_limit} * txn.max_fee(), txn.value, cost);
    if (overflow || account.balance < cost) {
        const std::string cost_text = overflow ? std::string("2^256 or more") : cost.to_string();
        const std::string overshot = overflow ? cost_text : (cost - account.balance).to_string();
        return reject(PoolError::kInsufficientFunds,
                      fmt::format("insufficient funds for gas * price + value: balance {}, "
                                  "tx cost {}, overshot {}",
                                  account.balance.to_string(), cost_text, overshot));
    }
    return std::nullopt;
}

Result<Hash, Rejection> TxPool::add(types::Transaction txn, std::size_t encoded_size) {
    if (auto bad = check_stateless(txn, encoded_size)) return Unexpected(std::move(*bad));
    // The expensive parts (hashing, signature recovery) run before taking the lock.
    const Hash hash = types::transaction_hash(txn);
    auto sender = types::recover_sender(txn);
    if (!sender) return Unexpected(reject(PoolError::kInvalidSender, "invalid sender"));

    std::lock_guard lock(m_mutex);
    if (m_by_hash.contains(hash))
        return Unexpected(reject(PoolError::kAlreadyKnown, "already known"));
    const types::Account account = m_state->account(*sender).value_or(types::Account{});
    if (auto bad = check_state(txn, account.nonce, account)) {
        return Unexpected(std::move(*bad));
    }
    Sender& entry = m_senders[*sender];
    entry.state_nonce = account.nonce;
    auto pooled =
        std::make_shared<PooledTxn>(PooledTxn{std::move(txn), *sender, hash, m_next_seq++});

    if (auto it = entry.txns.find(pooled->txn.nonce); it != entry.txns.end()) {
        const auto& old = it->second->txn;
        if (!bumped_enough(old.max_fee(), pooled->txn.max_fee(), m_config.price_bump_percent) ||
            !bumped_enough(old.max_priority_fee(), pooled->txn.max_priority_fee(),
                           m_config.price_bump_percent)) {
            if (entry.txns.empty()) m_senders.erase(*sender);
            return Unexpected(
                reject(PoolError::kReplacementUnderpriced, "replacement transaction underpriced"));
        }
        m_by_hash.erase(it->second->hash);
        it->second = pooled;
        m_by_hash.emplace(hash, pooled);
        note_added(hash);
        return hash;
    }
    if (m_by_hash.size() >= m_config.max_txns && !make_room(*pooled)) {
        if (entry.txns.empty()) m_senders.erase(*sender);
        return Unexpected(reject(PoolError::kUnderpriced, "transaction underpriced"));
    }
    Sender& again = m_senders[*sender];  // make_room may have erased and re-made the entry
    again.state_nonce = account.nonce;
    again.txns.emplace(pooled->txn.nonce, pooled);
    m_by_hash.emplace(hash, std::move(pooled));
    note_added(hash);
    return hash;
}

void TxPool::note_added(const Hash& hash) {
    if (m_recent.size() == kRecentAdded) m_recent.pop_front();
    m_recent.push_back(hash);
    ++m_added;
}

std::uint64_t TxPool::added_cursor() const {
    std::lock_guard lock(m_mutex);
    return m_added;
}

TxPool::Added TxPool::added_since(std::uint64_t cursor) const {
    std::lock_guard lock(m_mutex);
    Added out;
    out.cursor = m_added;
    const std::uint64_t first = m_added - m_recent.size();
    const std::uint64_t from = std::clamp(cursor, first, m_added);
    out.hashes.assign(m_recent.begin() + static_cast<std::ptrdiff_t>(from - first), m_recent.end());
    return out;
}

bool TxPool::make_room(const PooledTxn& incoming) {
    // Evict the lowest-paying transaction among each sender's last one (so no sender is left with
    // a nonce gap), if it pays less than the newcomer.
    const PooledTxn* cheapest = nullptr;
    for (const auto& [address, sender] : m_senders) {
        if (sender.txns.empty()) continue;
        const PooledTxn& last = *sender.txns.rbegin()->second;
        if (!cheapest || last.txn.max_fee() < cheapest->txn.max_fee() ||
            (last.txn.max_fee() == cheapest->txn.max_fee() && last.seq > cheapest->seq)) {
            cheapest = &last;
        }
    }
    if (!cheapest || cheapest->txn.max_fee() >= incoming.txn.max_fee()) return false;
    erase_locked(cheapest->hash);
    return true;
}

void TxPool::erase_locked(const Hash& hash) {
    auto it = m_by_hash.find(hash);
    if (it == m_by_hash.end()) return;
    const TxnPtr txn = it->second;
    m_by_hash.erase(it);
    auto sender = m_senders.find(txn->sender);
    if (sender == m_senders.end()) return;
    sender->second.txns.erase(txn->txn.nonce);
    if (sender->second.txns.empty()) m_senders.erase(sender);
}

std::vector<TxnPtr> TxPool::select(const Uint256& base_fee, std::uint64_t gas_limit) const {
    struct Head {
        Uint256 tip;
        std::uint64_t seq;
        const Sender* sender;
        std::map<std::uint64_t, TxnPtr>::const_iterator it;
    };
    const auto worse = [](const Head& a, const Head& b) {
        if (a.tip != b.tip) return a.tip < b.tip;
        return a.seq > b.seq;
    };
    std::priority_queue<Head, std::vector<Head>, decltype(worse)> heads(worse);
    std::lock_guard lock(m_mutex);
    const auto push = [&](const Sender& sender, std::map<std::uint64_t, TxnPtr>::const_iterator it,
                          std::uint64_t expected_nonce) {
        if (it == sender.txns.end() || it->first != expected_nonce) return;
        const auto& txn = it->second->txn;
        if (txn.max_fee() < base_fee) return;
        heads.push(Head{effective_tip(txn, base_fee), it->second->seq, &sender, it});
    };
    for (const auto& [address, sender] : m_senders) {
        push(sender, sender.txns.find(sender.state_nonce), sender.state_nonce);
    }
    std::vector<TxnPtr> out;
    std::uint64_t gas_left = gas_limit;
    while (!heads.empty() && gas_left >= kTxGas) {
        Head head = heads.top();
        heads.pop();
        const TxnPtr& txn = head.it->second;
        if (txn->txn.gas_limit > gas_left) continue;  // this sender waits for the next block
        gas_left -= txn->txn.gas_limit;
        out.push_back(txn);
        push(*head.sender, std::next(head.it), txn->txn.nonce + 1);
    }
    return out;
}

void TxPool::on_block(std::span<const Address> senders) {
    std::lock_guard lock(m_mutex);
    for (const Address& address : senders) {
        auto it = m_senders.find(address);
        if (it == m_senders.end()) continue;
        const std::uint64_t nonce = m_state->account(address).value_or(types::Account{}).nonce;
        it->second.state_nonce = nonce;
        auto& txns = it->second.txns;
        while (!txns.empty() && txns.begin()->first < nonce) {
            m_by_hash.erase(txns.begin()->second->hash);
            txns.erase(txns.begin());
        }
        if (txns.empty()) m_senders.erase(it);
    }
}

void TxPool::remove(const Hash& hash) {
    std::lock_guard lock(m_mutex);
    erase_locked(hash);
}

TxnPtr TxPool::get(const Hash& hash) const {
    std::lock_guard lock(m_mutex);
    auto it = m_by_hash.find(hash);
    return it == m_by_hash.end() ? nullptr : it->second;
}

std::uint64_t TxPool::pending_nonce(const Address& sender) const {
    const std::uint64_t state_nonce = m_state->account(sender).value_or(types::Account{}).nonce;
    std::lock_guard lock(m_mutex);
    auto it = m_senders.find(sender);
    std::uint64_t nonce = state_nonce;
    if (it == m_senders.end()) return nonce;
    for (auto t = it->second.txns.find(nonce); t != it->second.txns.end() && t->first == nonce;
         ++t) {
        ++nonce;
    }
    return nonce;
}

std::size_t TxPool::pending_count() const {
    std::lock_guard lock(m_mutex);
    std::size_t count = 0;
    for (const auto& [address, sender] : m_senders) {
        std::uint64_t nonce = sender.state_nonce;
        for (auto t = sender.txns.find(nonce); t != sender.txns.end() && t->first == nonce; ++t) {
            ++nonce;
            ++count;
        }
    }
    return count;
}

std::size_t TxPool::size() const {
    std::lock_guard lock(m_mutex);
    return m_by_hash.size();
}

}  // namespace yunlian::txpool
