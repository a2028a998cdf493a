#pragma once
// The node side of a BFT network (issue 6; docs/NETWORK.md): owns the BFT engine and drives it
// from one consensus thread (messages from peers, timers on the monotonic clock, answers to its
// build/validate requests), carries out its actions in order (a signed vote is written durably
// before it is broadcast), gossips transactions in batches, answers and runs block sync, and
// keeps what the RPC methods report. It replaces the solo BlockProducer when engine = "bft".

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/chain_store.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "consensus/bft/actions.hpp"
#include "consensus/bft/messages.hpp"
#include "node/config.hpp"
#include "node/fault_config.hpp"
#include "txpool/pool_error.hpp"
#include "types/account.hpp"

namespace yunlian::txpool {
class TxPool;
}
namespace yunlian::p2p {
class Network;
}

namespace yunlian::node {

/// What the RPC methods report about consensus and sync (a snapshot).
struct BftStatus {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    consensus::bft::Step step = consensus::bft::Step::kPropose;
    std::optional<std::uint64_t> locked_round;
    std::optional<Hash> locked_hash;
    std::optional<std::uint32_t> own_index;
    std::uint32_t proposer = 0;
    /// Unix milliseconds of the last commit (by consensus or sync); 0 before any.
    std::uint64_t last_commit_ms = 0;
    std::optional<consensus::bft::QuorumCert> last_qc;
    /// Sync: the head when catching up began, and the best head a peer reported.
    bool syncing = false;
    std::uint64_t sync_start = 0;
    std::uint64_t best_peer_head = 0;
};

/// Everything the service needs besides the chain and the pool.
struct BftServiceOptions {
    crypto::PrivateKey node_key;
    /// The genesis validator set and allow-list.
    std::vector<Address> validators;
    std::vector<Bytes> genesis_allow_list;
    Address coinbase;
    NodeConfig config;
    FaultConfig faults;
};

class BftService {
  public:
    /// Called after each committed block (from the consensus thread): publish newHeads and logs.
    using OnBlock = std::function<void(const types::BlockHeader& header, const Hash& hash)>;

    /// Checks the options (throws std::runtime_error on a bad validator set or peer address).
    BftService(BftServiceOptions options, chain::ChainStore& chain, txpool::TxPool& pool,
               OnBlock on_block);
    ~BftService();
    BftService(const BftService&) = delete;
    BftService& operator=(const BftService&) = delete;

    /// Reads the signed-vote record, starts p2p and the consensus thread. Throws on failure.
    void start();
    /// Stops the consensus thread (finishing the action in progress) and p2p. Idempotent.
    void stop();

    /// A transaction from RPC: admitted by the pool, then gossiped to every peer.
    [[nodiscard]] Result<Hash, txpool::Rejection> submit_raw(BytesView raw);

    [[nodiscard]] BftStatus status() const;
    [[nodiscard]] const std::vector<Address>& validators() const noexcept;
    [[nodiscard]] std::uint64_t chain_id() const noexcept;
    /// The evidence kept (decoded from the chain's store).
    [[nodiscard]] std::vector<consensus::bft::Evidence> evidence() const;
    /// An account of the last decided block's state, written to disk or not (the pool checks
    /// nonces and balances through it). Thread-safe.
    [[nodiscard]] std::optional<types::Account> account(const Address& address) const;
    /// The p2p network (peers, bans, the isolation test hook).
    [[nodiscard]] p2p::Network& network();
    [[nodiscard]] std::uint16_t p2p_port() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Reads a node key file: 64 hex digits (optional 0x), surrounding whitespace ignored. Throws
/// std::runtime_error naming the file.
[[nodiscard]] crypto::PrivateKey read_node_key(const std::filesystem::path& path);

}  // namespace yunlian::node
