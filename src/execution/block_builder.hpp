#pragma once
// Block-level processing: applies transactions in order on one state::Overlay through the EVM's
// transaction execution (execution/transaction.hpp), collects receipts and cumulative gas, and
// makes the header (transactions, receipts and state roots, logs bloom, base fee). The same code
// builds a block from candidates and re-executes a received block.

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "evm/vm.hpp"
#include "state/state_diff.hpp"
#include "state/state_reader.hpp"
#include "types/block.hpp"
#include "types/receipt.hpp"

namespace yunlian::execution {

/// keccak256(RLP([])): the ommers hash of every block since the merge.
inline constexpr Hash kEmptyOmmersHash = {{0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a,
                                           0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
                                           0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13,
                                           0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47}};

/// What a new block is built on.
struct BlockParams {
    Hash parent_hash;
    std::uint64_t block_num = 0;
    std::uint64_t timestamp = 0;
    std::uint64_t gas_limit = 0;
    Uint256 base_fee;
    Address beneficiary;
    std::uint64_t chain_id = 0;
    Bytes extra_data;
    /// BLOCKHASH: the hash of an earlier canonical block (only the 256 most recent are asked).
    std::function<Hash(std::int64_t)> block_hash;
};

/// A transaction offered to the builder, with its sender already recovered.
struct Candidate {
    const types::Transaction* txn = nullptr;
    Address sender;
    Hash hash;
};

/// Why a candidate was left out of a block.
enum class RejectReason {
    kInvalid,     ///< it can never apply (nonce used, funds short, fee cap, ...): drop it
    kLaterNonce,  ///< its nonce is ahead of the sender's: it may apply after another
    kNoRoom,      ///< the block has too little gas left: it may fit the next block
};

/// A block with everything needed to store it.
struct BlockOutput {
    types::Block block;
    std::vector<types::Receipt> receipts;
    std::vector<Address> senders;
    std::vector<Hash> txn_hashes;
    /// Gas used by each transaction alone.
    std::vector<std::uint64_t> gas_used;
    /// The state changes with their trie nodes and the new state root.
    state::StateDiff diff;
    /// Candidates left out, with the reason.
    std::vector<std::pair<Hash, RejectReason>> rejected;
};

/// Builds a block from `candidates` in the order given on `state`, skipping those that cannot be
/// applied. Throws state::StorageError when the state is corrupt.
[[nodiscard]] BlockOutput build_block(const BlockParams& params,
                                      std::span<const Candidate> candidates,
                                      const state::StateReader& state, evm::Vm& vm);

/// Why a received block is invalid.
enum class BlockError {
    kTransactionInvalid,   ///< a transaction cannot be applied
    kGasUsedMismatch,      ///< the header's gas used differs from the execution's
    kRootMismatch,         ///< transactions, receipts or state root, or bloom, differ
    kSenderCountMismatch,  ///< the senders given do not match the transactions
};

/// Re-executes `block` (whose senders are given, in order) on `state` and checks its header.
[[nodiscard]] Result<BlockOutput, BlockError> execute_block(
    const types::Block& block, std::span<const Address> senders, std::uint64_t chain_id,
    const std::function<Hash(std::int64_t)>& block_hash, const state::StateReader& state,
    evm::Vm& vm);

/// The transactions root of a body (trie of RLP(index) -> canonical encoding).
[[nodiscard]] Hash transactions_root(std::span<const types::Transaction> txns);
/// The receipts root (trie of RLP(index) -> consensus encoding).
[[nodiscard]] Hash receipts_root(std::span<const types::Receipt> receipts);

}  // namespace yunlian::execution
