#include "rpc/eth/eth_methods.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "chain/chain_store.hpp"
#include "codec/rlp.hpp"
#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "evm/vm.hpp"
#include "execution/block_fees.hpp"
#include "execution/environment.hpp"
#include "execution/transaction.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/eth/eth_json.hpp"
#include "rpc/eth/eth_logs.hpp"
#include "rpc/params.hpp"
#include "state/overlay.hpp"
#include "trie/trie.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::rpc::eth {
namespace json = boost::json;
namespace {

/// The tip eth_maxPriorityFeePerGas suggests: 1 gwei, geth's minimum suggestion on a quiet chain.
constexpr std::uint64_t kSuggestedTip = 1'000'000'000;
/// The gas a value-carrying CALL adds for the callee (Yellow Paper G_callstipend).
constexpr std::uint64_t kCallStipend = 2300;
/// Most blocks one eth_feeHistory call covers (geth's maxBlockCount).
constexpr std::uint64_t kMaxFeeHistoryBlocks = 1024;

using Backend = std::shared_ptr<const EthBackend>;
using execution::TxOutcome;

json::value js(const std::string& text) { return json::string(text); }

/// Resolves a block tag to a canonical header; nullopt for a number past the head.
std::optional<types::BlockHeader> resolve(const chain::ChainStore& chain, const BlockTag& tag) {
    switch (tag.kind) {
        case BlockTag::Kind::kEarliest:
            return chain.header_by_num(0);
        case BlockTag::Kind::kNumber:
            return chain.header_by_num(tag.block_num);
        default:
            return chain.head();  // latest, pending, safe, finalized: solo finalizes at once
    }
}

types::BlockHeader resolve_or_throw(const chain::ChainStore& chain, const BlockTag& tag) {
    auto h = resolve(chain, tag);
    if (!h) throw server_error("header not found");
    return *h;
}

/// The block argument of state methods: a tag, a number, or an EIP-1898 {blockHash|blockNumber}.
types::BlockHeader state_block(const chain::ChainStore& chain, const Params& p, std::size_t i) {
    if (p.has(i) && p.required(i).is_object()) {
        const auto& o = p.required(i).as_object();
        if (const auto* h = o.if_contains("blockHash"); h && h->is_string()) {
            auto hash = parse_hash(std::string_view{h->as_string()});
            if (!hash) throw invalid_params(std::string(to_message(hash.error())));
            auto header = chain.header(*hash);
            if (!header) throw server_error("header for hash not found");
            return *header;
        }
        if (const auto* n = o.if_contains("blockNumber"); n && n->is_string()) {
            auto tag = parse_block_tag(std::string_view{n->as_string()});
            if (!tag) throw invalid_params(std::string(to_message(tag.error())));
            return resolve_or_throw(chain, *tag);
        }
        throw invalid_params("invalid block argument");
    }
    return resolve_or_throw(chain, p.block_tag_or(i, BlockTag{}));
}

types::Account account_in(const chain::ChainStore& chain, const types::BlockHeader& at,
                          const Address& address) {
    if (at.block_num == chain.head().block_num) {
        return chain.account(address).value_or(types::Account{});
    }
    return chain.account_at(at.state_root, address).value_or(types::Account{});
}

json::value block_json(const chain::ChainStore& chain, const types::BlockHeader& header,
                       bool full) {
    const Hash hash = types::header_hash(header);
    json::object o = header_json(header, hash);
    types::Block block;
    block.header = header;
    block.transactions = chain.transactions(hash);
    block.withdrawals = std::vector<types::Withdrawal>{};
    o["size"] = encode_quantity(types::encode_block(block).size());
    o["totalDifficulty"] = "0x0";
    o["uncles"] = json::array{};
    o["withdrawals"] = json::array{};
    json::array txns;
    for (std::size_t i = 0; i < block.transactions.size(); ++i) {
        const auto& txn = block.transactions[i];
        const Hash txn_hash = types::transaction_hash(txn);
        if (!full) {
            txns.emplace_back(hash_json(txn_hash));
            continue;
        }
        const auto loc = chain.find_transaction(txn_hash);
        const Address sender = loc ? loc->sender : Address{};
        txns.emplace_back(
            transaction_json(txn, txn_hash, sender,
                             Inclusion{hash, header.block_num, static_cast<std::uint32_t>(i),
                                       header.base_fee_per_gas}));
    }
    o["transactions"] = std::move(txns);
    return o;
}

Uint256 next_base_fee(const chain::ChainStore& chain) {
    return execution::next_base_fee(chain.head());
}

/// The fields of an eth_call / eth_estimateGas call object that a transfer needs.
struct CallArgs {
    std::optional<Address> from;
    std::optional<Address> to;
    Uint256 value;
    Bytes data;
    std::uint64_t gas = 0;
};

CallArgs parse_call(const Params& p) {
    const auto& v = p.required(0);
    if (!v.is_object()) throw invalid_params("invalid argument 0: expected a call object");
    const auto& o = v.as_object();
    CallArgs args;
    const auto text = [&](const char* key) -> std::optional<std::string_view> {
        const auto* f = o.if_contains(key);
        if (!f || f->is_null()) return std::nullopt;
        if (!f->is_string()) throw invalid_params(fmt::format("invalid argument 0: {}", key));
        return std::string_view{f->as_string()};
    };
    const auto fail = [](const char* key, ValueError e) {
        return invalid_params(fmt::format("invalid argument 0: {}: {}", key, to_message(e)));
    };
    if (auto t = text("from")) {
        auto a = parse_address(*t);
        if (!a) throw fail("from", a.error());
        args.from = *a;
    }
    if (auto t = text("to")) {
        auto a = parse_address(*t);
        if (!a) throw fail("to", a.error());
        args.to = *a;
    }
    if (auto t = text("value")) {
        auto q = parse_quantity_u256(*t);
        if (!q) throw fail("value", q.error());
        args.value = Uint256::from_be_bytes(q->view());
    }
    if (auto t = text("gas")) {
        auto q = parse_quantity_u64(*t);
        if (!q) throw fail("gas", q.error());
        args.gas = *q;
    }
    std::optional<std::string_view> input = text("input");
    if (!input) input = text("data");
    if (input) {
        auto d = parse_data(*input);
        if (!d) throw fail("input", d.error());
        args.data = std::move(*d);
    }
    return args;
}

/// Runs a call on the head state in a scratch overlay (nothing is kept): geth's DoCall with the
/// gas price and base fee at zero, so only the value must be covered.
TxOutcome run_call(const chain::ChainStore& chain, const CallArgs& args, std::uint64_t gas) {
    const types::BlockHeader head = chain.head();
    state::Overlay overlay(chain.state());
    evm::Vm vm;
    execution::BlockEnv env;
    env.coinbase = head.beneficiary;
    env.block_num = static_cast<std::int64_t>(head.block_num + 1);
    env.timestamp = static_cast<std::int64_t>(head.timestamp + 1);
    env.gas_limit = static_cast<std::int64_t>(std::max(head.gas_limit, gas));
    env.base_fee = Uint256{0};
    env.chain_id = Uint256{chain.chain_id()};
    env.block_hash = [&chain](std::int64_t n) {
        return chain.canonical_hash(static_cast<std::uint64_t>(n)).value_or(Hash{});
    };
    execution::TxRequest req;
    req.sender = args.from.value_or(Address{});
    req.nonce = overlay.nonce(req.sender);
    req.gas_limit = gas;
    req.to = args.to;
    req.value = args.value;
    req.data = args.data;
    auto outcome = execution::apply_transaction(overlay, vm, env, req);
    if (!outcome) throw server_error(std::string(execution::to_string(outcome.error())));
    return std::move(*outcome);
}

/// Only the head's state can run calls (older states have no flat layout to execute on).
void require_head(const chain::ChainStore& chain, const types::BlockHeader& at) {
    if (at.block_num != chain.head().block_num) {
        throw server_error("historical state is not available for calls");
    }
}

std::string failure_message(host::StatusCode status) {
    switch (status) {
        case host::StatusCode::kOutOfGas:
            return "out of gas";
        case host::StatusCode::kInvalidInstruction:
            return "invalid opcode: INVALID";
        case host::StatusCode::kUndefinedInstruction:
            return "invalid opcode";
        case host::StatusCode::kStackOverflow:
            return "stack limit reached 1024 (1023)";
        case host::StatusCode::kStackUnderflow:
            return "stack underflow";
        case host::StatusCode::kBadJumpDestination:
            return "invalid jump destination";
        case host::StatusCode::kStaticModeViolation:
            return "write protection";
        default:
            return "execution failed";
    }
}

json::value call_result(const TxOutcome& outcome) {
    if (outcome.status == host::StatusCode::kSuccess) return js(to_hex(outcome.output));
    if (outcome.status == host::StatusCode::kRevert) throw execution_reverted(outcome.output);
    throw server_error(failure_message(outcome.status));
}

/// geth's estimateGas: the smallest gas limit with which the call succeeds, by binary search
/// from the gas the call used up to the cap.
std::uint64_t estimate_gas(const chain::ChainStore& chain, const CallArgs& args,
                           std::uint64_t cap) {
    const std::uint64_t hi_limit = capped_call_gas(args.gas, cap);
    const TxOutcome full = run_call(chain, args, hi_limit);
    if (full.status == host::StatusCode::kRevert) throw execution_reverted(full.output);
    if (full.status != host::StatusCode::kSuccess) {
        throw server_error(fmt::format("gas required exceeds allowance ({})", hi_limit));
    }
    const auto ok = [&](std::uint64_t gas) {
        try {
            return run_call(chain, args, gas).status == host::StatusCode::kSuccess;
        } catch (const RpcError&) {
            return false;  // below the intrinsic gas
        }
    };
    if (ok(full.gas_used)) return full.gas_used;
    std::uint64_t lo = full.gas_used;
    std::uint64_t hi = hi_limit;
    // geth's optimistic first guess: what was used plus the stipend, grown by 64/63 for the gas a
    // CALL must leave behind (EIP-150). It usually succeeds and cuts the search to a few steps.
    const std::uint64_t optimistic = (full.gas_used + kCallStipend) * 64 / 63;
    if (optimistic > lo && optimistic < hi) (ok(optimistic) ? hi : lo) = optimistic;
    while (lo + 1 < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        (ok(mid) ? hi : lo) = mid;
    }
    return hi;
}

/// A storage slot of an account in the state with root `state_root`, through the tries.
Hash storage_at(const chain::ChainStore& chain, const types::BlockHeader& at,
                const Address& address, const Hash& slot) {
    if (at.block_num == chain.head().block_num) return chain.state().storage(address, slot);
    const auto account = chain.account_at(at.state_root, address);
    if (!account || account->storage_root == types::kEmptyTrieRoot) return Hash{};
    trie::Trie storage(chain.state().trie_nodes(), account->storage_root);
    auto value = storage.get(crypto::keccak256(slot.view()).view());
    if (!value || !*value) return Hash{};
    auto item = rlp::decode_single(**value);
    if (!item || item->is_list || item->payload.size() > 32) return Hash{};
    return Uint256::from_be_bytes(item->payload).to_be_bytes();
}

json::value fee_history(const chain::ChainStore& chain, const Params& p) {
    std::uint64_t count = p.quantity_u64(0);
    const types::BlockHeader newest = resolve_or_throw(chain, p.block_tag(1));
    std::vector<double> percentiles;
    if (p.has(2)) {
        const auto& arr = p.required(2);
        if (!arr.is_array()) throw invalid_params("invalid argument 2: expected an array");
        for (const auto& x : arr.as_array()) {
            const double v = x.is_double()   ? x.as_double()
                             : x.is_int64()  ? static_cast<double>(x.as_int64())
                             : x.is_uint64() ? static_cast<double>(x.as_uint64())
                                             : -1.0;
            if (v < 0 || v > 100 || (!percentiles.empty() && v < percentiles.back())) {
                throw invalid_params(fmt::format("invalid reward percentile: {}", v));
            }
            percentiles.push_back(v);
        }
    }
    count = std::min({count, kMaxFeeHistoryBlocks, newest.block_num + 1});
    json::object out;
    const std::uint64_t oldest = newest.block_num + 1 - count;
    out["oldestBlock"] = encode_quantity(count == 0 ? newest.block_num : oldest);
    json::array base_fees;
    json::array ratios;
    json::array rewards;
    for (std::uint64_t n = oldest; count > 0 && n <= newest.block_num; ++n) {
        auto header = chain.header_by_num(n);
        if (!header) break;
        const Uint256 base = header->base_fee_per_gas.value_or(Uint256{0});
        base_fees.emplace_back(base.to_hex());
        ratios.emplace_back(header->gas_limit == 0 ? 0.0
                                                   : static_cast<double>(header->gas_used) /
                                                         static_cast<double>(header->gas_limit));
        if (percentiles.empty()) continue;
        // geth's processBlock: tips sorted ascending, each weighted by the gas it used.
        const Hash hash = types::header_hash(*header);
        const auto txns = chain.transactions(hash);
        std::vector<std::pair<Uint256, std::uint64_t>> tips;
        for (std::uint32_t i = 0; i < txns.size(); ++i) {
            const auto r = chain.receipt_at(hash, i);
            tips.emplace_back(txpool::effective_tip(txns[i], base), r ? r->gas_used : 0);
        }
        std::sort(tips.begin(), tips.end());
        json::array row;
        std::size_t at = 0;
        std::uint64_t sum = tips.empty() ? 0 : tips[0].second;
        for (const double pct : percentiles) {
            if (tips.empty()) {
                row.emplace_back("0x0");
                continue;
            }
            const auto threshold =
                static_cast<std::uint64_t>(static_cast<double>(header->gas_used) * pct / 100.0);
            while (sum < threshold && at + 1 < tips.size()) sum += tips[++at].second;
            row.emplace_back(tips[at].first.to_hex());
        }
        rewards.emplace_back(std::move(row));
    }
    if (count > 0) {
        base_fees.emplace_back(execution::next_base_fee(newest).to_hex());
    }
    out["baseFeePerGas"] = std::move(base_fees);
    out["gasUsedRatio"] = std::move(ratios);
    if (!percentiles.empty()) out["reward"] = std::move(rewards);
    return out;
}

void register_state_methods(Dispatcher& d, const Backend& b) {
    d.register_method(
        "eth_getBalance", Handler([b](const json::value& params) -> json::value {
            Params p(params, 2);
            const Address who = p.address(0);
            return js(account_in(*b->chain, state_block(*b->chain, p, 1), who).balance.to_hex());
        }));
    d.register_method(
        "eth_getTransactionCount", Handler([b](const json::value& params) -> json::value {
            Params p(params, 2);
            const Address who = p.address(0);
            if (p.has(1) && p.required(1).is_string() && p.string(1) == "pending") {
                return js(encode_quantity(b->pool->pending_nonce(who)));
            }
            return js(
                encode_quantity(account_in(*b->chain, state_block(*b->chain, p, 1), who).nonce));
        }));
    d.register_method("eth_getCode", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 2);
                          const Address who = p.address(0);
                          const auto account =
                              account_in(*b->chain, state_block(*b->chain, p, 1), who);
                          if (account.code_hash == types::kEmptyCodeHash) return js("0x");
                          return js(to_hex(b->chain->state().code(account.code_hash)));
                      }));
    d.register_method(
        "eth_getStorageAt", Handler([b](const json::value& params) -> json::value {
            Params p(params, 3);
            const Address who = p.address(0);
            const Hash slot = Hash::from_view(p.quantity_u256(1).view());
            return js(hash_json(storage_at(*b->chain, state_block(*b->chain, p, 2), who, slot)));
        }));
    d.register_method(
        "eth_call", Handler([b](const json::value& params) -> json::value {
            Params p(params, 3);
            const CallArgs args = parse_call(p);
            require_head(*b->chain, state_block(*b->chain, p, 1));
            return call_result(run_call(*b->chain, args, capped_call_gas(args.gas, b->gas_cap)));
        }));
    d.register_method("eth_estimateGas", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 3);
                          const CallArgs args = parse_call(p);
                          require_head(*b->chain, state_block(*b->chain, p, 1));
                          return js(encode_quantity(estimate_gas(*b->chain, args, b->gas_cap)));
                      }));
}

void register_block_methods(Dispatcher& d, const Backend& b) {
    d.register_method("eth_blockNumber", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return js(encode_quantity(b->chain->head().block_num));
                      }));
    d.register_method("eth_getBlockByNumber",
                      Handler([b](const json::value& params) -> json::value {
                          Params p(params, 2);
                          auto header = resolve(*b->chain, p.block_tag(0));
                          const bool full = p.has(1) && p.boolean(1);
                          if (!header) return nullptr;
                          return block_json(*b->chain, *header, full);
                      }));
    d.register_method("eth_getBlockByHash", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 2);
                          auto header = b->chain->header(p.hash(0));
                          const bool full = p.has(1) && p.boolean(1);
                          if (!header) return nullptr;
                          return block_json(*b->chain, *header, full);
                      }));
    d.register_method(
        "eth_getBlockTransactionCountByNumber",
        Handler([b](const json::value& params) -> json::value {
            Params p(params, 1);
            auto header = resolve(*b->chain, p.block_tag(0));
            if (!header) return nullptr;
            return js(encode_quantity(b->chain->transactions(types::header_hash(*header)).size()));
        }));
    d.register_method("eth_getBlockTransactionCountByHash",
                      Handler([b](const json::value& params) -> json::value {
                          Params p(params, 1);
                          const Hash hash = p.hash(0);
                          if (!b->chain->header(hash)) return nullptr;
                          return js(encode_quantity(b->chain->transactions(hash).size()));
                      }));
}

/// The block-wide index of the first log of each transaction of a block (receipts number logs
/// across the block). Computing it reads every receipt of the block, so the offsets of the few
/// most recent blocks asked about are kept: a client fetching many receipts of one block pays once.
class LogOffsets {
  public:
    std::uint64_t first_log_index(const chain::ChainStore& chain, const Hash& block_hash,
                                  std::uint32_t index) {
        if (index == 0) return 0;
        const std::lock_guard lock(m_mutex);
        auto it = std::find_if(m_blocks.begin(), m_blocks.end(),
                               [&](const auto& entry) { return entry.first == block_hash; });
        if (it == m_blocks.end() || it->second.size() <= index) {
            std::vector<std::uint64_t> offsets;
            std::uint64_t count = 0;
            for (std::uint32_t i = 0;; ++i) {
                const auto r = chain.receipt_at(block_hash, i);
                if (!r) break;
                offsets.push_back(count);
                count += r->receipt.logs.size();
            }
            if (it != m_blocks.end()) m_blocks.erase(it);
            if (m_blocks.size() >= kKeptBlocks) m_blocks.erase(m_blocks.begin());
            m_blocks.emplace_back(block_hash, std::move(offsets));
            it = std::prev(m_blocks.end());
        }
        return index < it->second.size() ? it->second[index] : 0;
    }

  private:
    static constexpr std::size_t kKeptBlocks = 8;
    std::mutex m_mutex;
    std::vector<std::pair<Hash, std::vector<std::uint64_t>>> m_blocks;
};

/// geth's BlockNumberOrHash argument: a tag or number, a 32-byte block hash, or an EIP-1898
/// object. Nullopt when no such block is stored.
std::optional<types::BlockHeader> number_or_hash(const chain::ChainStore& chain, const Params& p,
                                                 std::size_t i) {
    const auto& v = p.required(i);
    if (v.is_string() && v.as_string().size() == 2 + 2 * Hash::size()) {
        return chain.header(p.hash(i));
    }
    if (v.is_object()) return state_block(chain, p, i);
    return resolve(chain, p.block_tag(i));
}

/// eth_getBlockReceipts: every receipt of a block, numbering logs across the block as it goes.
json::value block_receipts(const chain::ChainStore& chain, const types::BlockHeader& header) {
    const Hash block_hash = types::header_hash(header);
    const auto txns = chain.transactions(block_hash);
    json::array out;
    out.reserve(txns.size());
    std::uint64_t log_index = 0;
    for (std::uint32_t i = 0; i < txns.size(); ++i) {
        const Hash txn_hash = types::transaction_hash(txns[i]);
        const auto receipt = chain.receipt_at(block_hash, i);
        const auto loc = chain.find_transaction(txn_hash);
        if (!receipt || !loc) return nullptr;
        out.emplace_back(receipt_json(
            receipt->receipt, receipt->gas_used, txns[i], txn_hash, loc->sender,
            Inclusion{block_hash, header.block_num, i, header.base_fee_per_gas}, log_index));
        log_index += receipt->receipt.logs.size();
    }
    return out;
}

void register_txn_methods(Dispatcher& d, const Backend& b) {
    const auto offsets = std::make_shared<LogOffsets>();
    d.register_method("eth_sendRawTransaction",
                      Handler([b](const json::value& params) -> json::value {
                          Params p(params, 1);
                          const Bytes raw = p.data(0);
                          auto added = b->pool->add_raw(raw);
                          if (!added) throw server_error(added.error().message);
                          if (b->on_new_txn) b->on_new_txn();
                          return js(hash_json(*added));
                      }));
    d.register_method(
        "eth_getTransactionByHash", Handler([b](const json::value& params) -> json::value {
            Params p(params, 1);
            const Hash hash = p.hash(0);
            if (auto loc = b->chain->find_transaction(hash)) {
                auto txn = b->chain->transaction_at(loc->block_hash, loc->index);
                auto header = b->chain->header(loc->block_hash);
                if (!txn || !header) return nullptr;
                return transaction_json(*txn, hash, loc->sender,
                                        Inclusion{loc->block_hash, loc->block_num, loc->index,
                                                  header->base_fee_per_gas});
            }
            if (auto pooled = b->pool->get(hash)) {
                return transaction_json(pooled->txn, hash, pooled->sender, std::nullopt);
            }
            return nullptr;
        }));
    d.register_method(
        "eth_getTransactionReceipt",
        Handler([b, offsets](const json::value& params) -> json::value {
            Params p(params, 1);
            const Hash hash = p.hash(0);
            auto loc = b->chain->find_transaction(hash);
            if (!loc) return nullptr;
            auto txn = b->chain->transaction_at(loc->block_hash, loc->index);
            auto receipt = b->chain->receipt_at(loc->block_hash, loc->index);
            auto header = b->chain->header(loc->block_hash);
            if (!txn || !receipt || !header) return nullptr;
            return receipt_json(
                receipt->receipt, receipt->gas_used, *txn, hash, loc->sender,
                Inclusion{loc->block_hash, loc->block_num, loc->index, header->base_fee_per_gas},
                receipt->receipt.logs.empty()
                    ? 0
                    : offsets->first_log_index(*b->chain, loc->block_hash, loc->index));
        }));
    d.register_method("eth_getBlockReceipts",
                      Handler([b](const json::value& params) -> json::value {
                          Params p(params, 1);
                          const auto header = number_or_hash(*b->chain, p, 0);
                          if (!header) return nullptr;
                          return block_receipts(*b->chain, *header);
                      }));
}

void register_info_methods(Dispatcher& d, const Backend& b) {
    d.register_method("eth_chainId", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return js(encode_quantity(b->chain->chain_id()));
                      }));
    d.register_method("net_version", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return js(std::to_string(b->chain->chain_id()));
                      }));
    d.register_method("net_peerCount", Handler([](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return "0x0";
                      }));
    d.register_method("eth_syncing", Handler([](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return false;
                      }));
    d.register_method("eth_accounts", Handler([](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return json::array{};  // the node holds no keys
                      }));
    d.register_method("eth_gasPrice", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 0);
                          // geth: the suggested tip plus the head's base fee (the next block's, as
                          // it will pay).
                          return js((next_base_fee(*b->chain) + Uint256{kSuggestedTip}).to_hex());
                      }));
    d.register_method("eth_maxPriorityFeePerGas",
                      Handler([](const json::value& params) -> json::value {
                          Params p(params, 0);
                          return js(Uint256{kSuggestedTip}.to_hex());
                      }));
    d.register_method("eth_feeHistory", Handler([b](const json::value& params) -> json::value {
                          Params p(params, 3);
                          return fee_history(*b->chain, p);
                      }));
}

}  // namespace

void register_eth_methods(Dispatcher& dispatcher, EthBackend backend) {
    const auto b = std::make_shared<const EthBackend>(std::move(backend));
    register_info_methods(dispatcher, b);
    register_state_methods(dispatcher, b);
    register_block_methods(dispatcher, b);
    register_txn_methods(dispatcher, b);
    register_log_methods(dispatcher, *b->chain, b->pool);
}

}  // namespace yunlian::rpc::eth
