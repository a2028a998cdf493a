#pragma once
// Replays a stored chain from its genesis on a fresh in-memory state and checks every block against
// it: the engine's header rules, the re-executed transactions, gas, receipts, bloom and state root,
// and at the end that the replay's head is the store's head. The crash test runs this after every
// kill -9 to show that the node restarts at a committed block with exactly its state.

#include <cstdint>
#include <filesystem>
#include <string>

#include "chain/genesis.hpp"

namespace yunlian::node {

struct ReplayReport {
    bool ok = false;
    std::uint64_t blocks = 0;
    std::uint64_t transactions = 0;
    Hash head_hash;
    Hash state_root;
    /// What went wrong, for a person (empty when ok).
    std::string problem;
};

/// Replays the chain stored in `datadir` (the node must not be running). Throws on I/O errors.
[[nodiscard]] ReplayReport replay_chain(const std::filesystem::path& datadir,
                                        const chain::Genesis& genesis);

}  // namespace yunlian::node
