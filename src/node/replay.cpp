#include "node/replay.hpp"

#include <vector>

#include <fmt/core.h>

#include "chain/chain_store.hpp"
#include "common/hex.hpp"
#include "consensus/solo_engine.hpp"
#include "evm/vm.hpp"
#include "execution/block_builder.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"

namespace yunlian::node {
ReplayReport replay_chain(const std::filesystem::path& datadir, const chain::Genesis& genesis) {
    ReplayReport report;
    const auto stored = chain::open_chain(datadir, genesis);
    auto families = state::state_families();
    for (auto& f : chain::chain_families()) families.push_back(std::move(f));
    chain::ChainStore replay(std::make_unique<state::MemoryKv>(families), genesis);
    const consensus::SoloEngine engine(0);
    evm::Vm vm;
    const auto fail = [&](std::string problem) {
        report.problem = std::move(problem);
        return report;
    };

    const std::uint64_t head = stored->head().block_num;
    for (std::uint64_t n = 1; n <= head; ++n) {
        const auto hash = stored->canonical_hash(n);
        const auto header = hash ? stored->header(*hash) : std::nullopt;
        if (!header) return fail(fmt::format("block {} is missing", n));
        if (auto sealed = engine.validate(replay.head(), *header); !sealed) {
            return fail(fmt::format("block {}: {}", n, consensus::to_message(sealed.error())));
        }
        types::Block block;
        block.header = *header;
        block.transactions = stored->transactions(*hash);
        std::vector<Address> senders;
        for (const auto& txn : block.transactions) {
            auto sender = types::recover_sender(txn);
            if (!sender) return fail(fmt::format("block {}: a signature does not recover", n));
            senders.push_back(*sender);
        }
        const auto block_hash = [&replay](std::int64_t k) {
            return replay.canonical_hash(static_cast<std::uint64_t>(k)).value_or(Hash{});
        };
        auto executed = execution::execute_block(block, senders, genesis.chain_id, block_hash,
                                                 replay.state(), vm);
        if (!executed) {
            return fail(fmt::format("block {} does not re-execute to its header (error {})", n,
                                    static_cast<int>(executed.error())));
        }
        replay.commit(chain::BlockCommit{std::move(executed->block),
                                         std::move(executed->receipts),
                                         std::move(executed->senders),
                                         std::move(executed->txn_hashes),
                                         std::move(executed->gas_used),
                                         std::move(executed->diff),
                                         {}});
        report.transactions += block.transactions.size();
        report.blocks = n;
    }
    if (replay.head_hash() != stored->head_hash()) return fail("the replayed head differs");
    if (stored->state_root() != replay.head().state_root) {
        return fail("the stored state differs from the replay's");
    }
    report.head_hash = replay.head_hash();
    report.state_root = replay.head().state_root;
    report.ok = true;
    return report;
}

}  // namespace yunlian::node
