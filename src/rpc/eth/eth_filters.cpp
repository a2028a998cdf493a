#include "rpc/eth/eth_filters.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "chain/chain_store.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/eth/eth_json.hpp"
#include "rpc/eth/eth_logs.hpp"
#include "rpc/params.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::rpc::eth {
namespace json = boost::json;
namespace {

using Clock = std::chrono::steady_clock;

struct Filter {
    enum class Kind { kLogs, kBlocks, kPendingTxns };
    Kind kind = Kind::kLogs;
    LogCriteria criteria;
    /// The last block whose changes were reported.
    std::uint64_t last_block = 0;
    /// kPendingTxns: the pool's admission cursor at the last poll.
    std::uint64_t pool_cursor = 0;
    Clock::time_point last_poll;
};

/// Whether an explicit block number in the criteria excludes block `n` (geth's filterLogs checks
/// only numeric ends; tags such as "latest" follow the chain).
bool outside(const LogCriteria& c, std::uint64_t n) {
    const auto is_num = [](const std::optional<BlockTag>& t) {
        return t && t->kind == BlockTag::Kind::kNumber;
    };
    return (is_num(c.from_block) && n < c.from_block->block_num) ||
           (is_num(c.to_block) && n > c.to_block->block_num);
}

class FilterSet {
  public:
    FilterSet(const chain::ChainStore& chain, const txpool::TxPool* pool)
        : m_chain(chain), m_pool(pool), m_random(std::random_device{}()) {}

    std::string add(Filter filter) {
        const std::lock_guard lock(m_mutex);
        expire();
        filter.last_block = m_chain.head().block_num;
        if (m_pool != nullptr) filter.pool_cursor = m_pool->added_cursor();
        filter.last_poll = Clock::now();
        std::string id = next_id();
        m_filters.emplace(id, std::move(filter));
        return id;
    }

    bool remove(std::string_view id) {
        const std::lock_guard lock(m_mutex);
        const auto it = m_filters.find(id);
        if (it == m_filters.end()) return false;
        m_filters.erase(it);
        return true;
    }

    json::value changes(std::string_view id) {
        const std::lock_guard lock(m_mutex);
        expire();
        const auto it = m_filters.find(id);
        if (it == m_filters.end()) throw server_error("filter not found");
        Filter& f = it->second;
        f.last_poll = Clock::now();
        if (f.kind == Filter::Kind::kPendingTxns) return pending_changes(f);
        const std::uint64_t head = m_chain.head().block_num;
        const std::uint64_t end = std::min(head, f.last_block + kMaxLogBlockRange);
        json::array out;
        std::uint64_t n = f.last_block + 1;
        // Block by block, stopping once a poll holds enough logs; the next poll continues.
        for (; n <= end && out.size() < kMaxLogResults; ++n) {
            const auto hash = m_chain.canonical_hash(n);
            const auto header = hash ? m_chain.header(*hash) : std::nullopt;
            if (!header) break;
            if (f.kind == Filter::Kind::kBlocks) {
                out.emplace_back(hash_json(*hash));
            } else if (!outside(f.criteria, n)) {
                append_block_logs(m_chain, *hash, n, header->logs_bloom, f.criteria.filter, out,
                                  std::numeric_limits<std::size_t>::max());
            }
        }
        f.last_block = n - 1;
        return out;
    }

    LogCriteria log_criteria(std::string_view id) {
        const std::lock_guard lock(m_mutex);
        expire();
        const auto it = m_filters.find(id);
        if (it == m_filters.end() || it->second.kind != Filter::Kind::kLogs) {
            throw server_error("filter not found");
        }
        it->second.last_poll = Clock::now();
        return it->second.criteria;
    }

  private:
    json::value pending_changes(Filter& f) {
        json::array out;
        if (m_pool == nullptr) return out;
        auto added = m_pool->added_since(f.pool_cursor);
        f.pool_cursor = added.cursor;
        for (const Hash& hash : added.hashes) out.emplace_back(hash_json(hash));
        return out;
    }

    /// Drops filters nobody polled within kFilterTimeout (geth's timeoutLoop).
    void expire() {
        const auto now = Clock::now();
        std::erase_if(m_filters, [&](const auto& entry) {
            return now - entry.second.last_poll > kFilterTimeout;
        });
    }

    /// geth's rpc.NewID: 128 random bits as hex without leading zeros.
    std::string next_id() {
        for (;;) {
            const std::uint64_t high = m_random();
            const std::uint64_t low = m_random();
            std::string id =
                high != 0 ? fmt::format("0x{:x}{:016x}", high, low) : fmt::format("0x{:x}", low);
            if (!m_filters.contains(id)) return id;
        }
    }

    const chain::ChainStore& m_chain;
    const txpool::TxPool* m_pool;
    std::mutex m_mutex;
    std::map<std::string, Filter, std::less<>> m_filters;
    std::mt19937_64 m_random;
};

std::string filter_id(const Params& p) { return std::string(p.string(0)); }

}  // namespace

void register_filter_methods(Dispatcher& d, const chain::ChainStore& chain,
                             const txpool::TxPool* pool) {
    const auto filters = std::make_shared<FilterSet>(chain, pool);
    const chain::ChainStore* c = &chain;
    d.register_method("eth_newFilter", Handler([filters](const json::value& params) {
                          Params p(params, 1);
                          const auto& filter_arg = p.required(0);
                          Filter f;
                          try {
                              f.criteria = parse_log_criteria(filter_arg);
                          } catch (const RpcError& e) {
                              throw invalid_params(fmt::format("invalid argument 0: {}", e.what()));
                          }
                          return json::value(filters->add(std::move(f)));
                      }));
    d.register_method("eth_newBlockFilter", Handler([filters](const json::value& params) {
                          Params p(params, 0);
                          Filter f;
                          f.kind = Filter::Kind::kBlocks;
                          return json::value(filters->add(std::move(f)));
                      }));
    if (pool != nullptr) {
        d.register_method("eth_newPendingTransactionFilter",
                          Handler([filters](const json::value& params) {
                              Params p(params, 0);
                              Filter f;
                              f.kind = Filter::Kind::kPendingTxns;
                              return json::value(filters->add(std::move(f)));
                          }));
    }
    d.register_method("eth_getFilterChanges", Handler([filters](const json::value& params) {
                          Params p(params, 1);
                          return filters->changes(filter_id(p));
                      }));
    d.register_method("eth_getFilterLogs", Handler([filters, c](const json::value& params) {
                          Params p(params, 1);
                          return json::value(get_logs(*c, filters->log_criteria(filter_id(p))));
                      }));
    d.register_method("eth_uninstallFilter", Handler([filters](const json::value& params) {
                          Params p(params, 1);
                          return json::value(filters->remove(filter_id(p)));
                      }));
}

}  // namespace yunlian::rpc::eth
