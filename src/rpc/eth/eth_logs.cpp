#include "rpc/eth/eth_logs.hpp"

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "chain/chain_store.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/eth/eth_filters.hpp"
#include "rpc/params.hpp"
#include "rpc/subscriptions.hpp"
#include "types/transaction.hpp"

namespace yunlian::rpc::eth {
namespace json = boost::json;
namespace {

/// -32602 with geth's wording for a range that cannot be served (eth/filters: errInvalidBlockRange
/// and errBlockRangeExceedsHead report as invalid params).
RpcError range_params_error(const std::string& message) { return {kInvalidParams, message}; }

std::uint64_t tag_number(const BlockTag& tag, std::uint64_t head) {
    switch (tag.kind) {
        case BlockTag::Kind::kNumber:
            return tag.block_num;
        case BlockTag::Kind::kEarliest:
            return 0;
        default:
            return head;  // latest, pending, safe, finalized: solo finalizes at once
    }
}

json::value log_subscription_criteria(const json::array& args) {
    if (args.size() > 1) throw invalid_params("too many arguments, want at most 1");
    LogCriteria criteria;
    if (!args.empty()) {
        try {
            criteria = parse_log_criteria(args[0]);
        } catch (const RpcError& e) {
            throw invalid_params(fmt::format("invalid argument 0: {}", e.what()));
        }
    }
    // A subscription follows new blocks: only the address and topics filter apply.
    LogCriteria kept;
    kept.filter = std::move(criteria.filter);
    return criteria_json(kept);
}

}  // namespace

void append_block_logs(const chain::ChainStore& chain, const Hash& block_hash,
                       std::uint64_t block_num, const types::Bloom& bloom, const LogFilter& filter,
                       json::array& out, std::size_t limit) {
    if (!filter.may_match(bloom)) return;
    std::uint64_t log_index = 0;
    for (std::uint32_t i = 0;; ++i) {
        const auto stored = chain.receipt_at(block_hash, i);
        if (!stored) return;
        const auto& receipt = stored->receipt;
        const std::uint64_t first = log_index;
        log_index += receipt.logs.size();
        if (receipt.logs.empty() || !filter.may_match(receipt.bloom)) continue;
        std::optional<Hash> txn_hash;
        for (std::size_t k = 0; k < receipt.logs.size(); ++k) {
            const auto& log = receipt.logs[k];
            if (!filter.matches(log)) continue;
            if (out.size() >= limit) {
                throw server_error(fmt::format("query returned more than {} results", limit));
            }
            if (!txn_hash) {
                const auto txn = chain.transaction_at(block_hash, i);
                txn_hash = txn ? types::transaction_hash(*txn) : Hash{};
            }
            out.emplace_back(
                log_json(log, LogPosition{block_hash, block_num, *txn_hash, i, first + k}));
        }
    }
}

json::array get_logs(const chain::ChainStore& chain, const LogCriteria& criteria,
                     std::uint64_t max_range) {
    json::array out;
    if (criteria.block_hash) {
        const auto header = chain.header(*criteria.block_hash);
        if (!header) throw server_error("unknown block");
        append_block_logs(chain, *criteria.block_hash, header->block_num, header->logs_bloom,
                          criteria.filter, out);
        return out;
    }
    const BlockTag from_tag = criteria.from_block.value_or(BlockTag{});
    const BlockTag to_tag = criteria.to_block.value_or(BlockTag{});
    if (from_tag.kind == BlockTag::Kind::kNumber && to_tag.kind == BlockTag::Kind::kNumber &&
        from_tag.block_num > to_tag.block_num) {
        throw server_error("invalid block range params");
    }
    const std::uint64_t head = chain.head().block_num;
    const std::uint64_t from = tag_number(from_tag, head);
    const std::uint64_t to = tag_number(to_tag, head);
    if (to > head) throw range_params_error("block range extends beyond current head block");
    if (from > to) throw range_params_error("invalid block range params");
    if (to - from >= max_range) {
        throw server_error(fmt::format("exceed maximum block range: {}", max_range));
    }
    for (std::uint64_t n = from; n <= to; ++n) {
        const auto hash = chain.canonical_hash(n);
        const auto header = hash ? chain.header(*hash) : std::nullopt;
        if (!header) break;
        append_block_logs(chain, *hash, n, header->logs_bloom, criteria.filter, out);
    }
    return out;
}

void register_log_methods(Dispatcher& dispatcher, const chain::ChainStore& chain,
                          const txpool::TxPool* pool) {
    const chain::ChainStore* c = &chain;
    dispatcher.register_method(
        "eth_getLogs", Handler([c](const json::value& params) {
            Params p(params, 1);
            const auto& filter_arg = p.required(0);
            LogCriteria criteria;
            try {
                criteria = parse_log_criteria(filter_arg);
            } catch (const RpcError& e) {
                throw invalid_params(fmt::format("invalid argument 0: {}", e.what()));
            }
            return json::value(get_logs(*c, criteria));
        }));
    register_filter_methods(dispatcher, chain, pool);
}

void add_logs_subscription(SubscriptionHub& hub) {
    hub.add_kind("logs", log_subscription_criteria);
}

std::size_t publish_block_logs(Publisher& publisher, const chain::ChainStore& chain,
                               const types::BlockHeader& header, const Hash& block_hash) {
    return publisher.publish_each("logs", [&](const json::value& kept) {
        std::vector<json::value> results;
        const LogCriteria criteria = parse_log_criteria(kept);
        json::array logs;
        append_block_logs(chain, block_hash, header.block_num, header.logs_bloom, criteria.filter,
                          logs, std::numeric_limits<std::size_t>::max());
        results.reserve(logs.size());
        for (auto& log : logs) results.push_back(std::move(log));
        return results;
    });
}

}  // namespace yunlian::rpc::eth
