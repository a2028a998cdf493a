#pragma once
// Log filters as geth reads and applies them (eth/filters: FilterCriteria.UnmarshalJSON and
// filterLogs): addresses (one or many), topics by position with null wildcards and OR arrays, and
// the block selection (a block hash, or a range of numbers and tags). Also the log object the eth
// namespace returns (core/types Log.MarshalJSON), shared by eth_getLogs, the filters and the
// "logs" subscription.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <boost/json/value.hpp>

#include "common/bytes.hpp"
#include "rpc/values.hpp"
#include "types/log.hpp"

namespace yunlian::rpc::eth {

/// Most topic positions a filter may name (LOG4 has four topics; geth's maxTopics).
inline constexpr std::size_t kMaxFilterTopics = 4;
/// Most addresses one filter may name (geth's maxAddresses).
inline constexpr std::size_t kMaxFilterAddresses = 1000;

/// Which logs match: an empty address list or an empty topic position matches anything.
struct LogFilter {
    std::vector<Address> addresses;
    /// Position i lists the values topic i may have (OR); an empty list is a wildcard.
    std::vector<std::vector<Hash>> topics;

    /// Whether `log` passes (geth's filterLogs: topic positions past the log's topics fail).
    [[nodiscard]] bool matches(const types::Log& log) const;
    /// Whether a block or receipt with `bloom` may hold a matching log (a bloom never says a false
    /// no, so a false here means the logs need not be read).
    [[nodiscard]] bool may_match(const types::Bloom& bloom) const;
};

/// A filter object of eth_getLogs / eth_newFilter / eth_subscribe("logs").
struct LogCriteria {
    LogFilter filter;
    std::optional<Hash> block_hash;
    std::optional<BlockTag> from_block;
    std::optional<BlockTag> to_block;
};

/// Reads a filter object. Throws RpcError -32602 with geth's wording (without the "invalid
/// argument N: " prefix, which the caller adds) when it is malformed.
[[nodiscard]] LogCriteria parse_log_criteria(const boost::json::value& value);

/// The criteria in a canonical JSON form that parse_log_criteria reads back (what a filter or a
/// subscription keeps).
[[nodiscard]] boost::json::value criteria_json(const LogCriteria& criteria);

/// Where a log sits in the chain.
struct LogPosition {
    Hash block_hash;
    std::uint64_t block_num = 0;
    Hash txn_hash;
    std::uint32_t txn_index = 0;
    /// The log's index among all logs of its block (not of its transaction).
    std::uint64_t log_index = 0;
};

/// A log object with geth's fields: address, topics, data, blockNumber, transactionHash,
/// transactionIndex, blockHash, logIndex, removed.
[[nodiscard]] boost::json::object log_json(const types::Log& log, const LogPosition& position,
                                           bool removed = false);

}  // namespace yunlian::rpc::eth
