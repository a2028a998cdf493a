#pragma once
// A deterministic simulated network for BftEngine tests: N engines, a simulated clock, and a
// scheduler that delivers messages with delays, drops and duplicates drawn from a seeded PRNG
// (test-only randomness). It plays the node's part: carries out actions in order (persist before
// broadcast), builds and validates toy blocks, commits with the QC, and runs block sync. Faults:
// crash / restart from the persisted last-signed record, partitions, and byzantine behaviours
// injected around an honest engine (double votes, two proposals per round, forged signatures).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <vector>

#include "consensus/bft/bft_engine.hpp"

namespace yunlian::consensus::bft::sim {

/// A toy block: what the sim's node builds and checks. Encoded as
/// height(8) || round(8) || proposer(4) || parent hash(32) || valid flag(1) || salt(1).
struct ToyBlock {
    std::uint64_t height = 0;
    std::uint64_t round = 0;
    std::uint32_t proposer = 0;
    Hash parent;
    bool valid = true;
    std::uint8_t salt = 0;
};

[[nodiscard]] Bytes encode_toy(const ToyBlock& block);
[[nodiscard]] std::optional<ToyBlock> decode_toy(BytesView bytes);
[[nodiscard]] Hash hash_of(BytesView bytes);

/// The test key of validator i (a fixed small scalar).
[[nodiscard]] crypto::PrivateKey key_of(std::uint32_t index);

/// How the network and the byzantine nodes behave.
struct SimConfig {
    std::size_t validators = 4;
    std::uint64_t seed = 1;
    std::uint64_t min_delay_ms = 5;
    std::uint64_t max_delay_ms = 60;
    /// Per-message probabilities, in per-mille.
    std::uint32_t drop_permille = 0;
    std::uint32_t duplicate_permille = 0;
    TimeoutConfig timeouts{300, 200, 200, 100};
    /// Block sync: every interval, nodes behind the best committed height get the missing
    /// blocks and QCs (as NET's sync would). 0 disables it.
    std::uint64_t sync_interval_ms = 2000;
    /// Byzantine behaviours, by validator index.
    std::set<std::uint32_t> double_voters;
    std::set<std::uint32_t> equivocating_proposers;
    std::set<std::uint32_t> invalid_proposers;
    std::set<std::uint32_t> forgers;
    /// Restart engines WITHOUT their persisted record (a negative control: they then
    /// equivocate, which the tests must notice).
    bool forget_on_restart = false;
    /// Prints every input and action to stderr (for debugging a failing seed).
    bool trace = false;
};

/// What happened to one node.
struct NodeRecord {
    /// Committed blocks by height (by consensus or by sync), with their QCs.
    std::map<std::uint64_t, Hash> committed;
    std::map<std::uint64_t, QuorumCert> qcs;
    std::vector<Misbehaviour> misbehaviour;
    std::vector<Evidence> evidence;
    /// Every vote / proposal this node's engine asked to broadcast, in order.
    std::vector<Message> sent;
    std::optional<LastSigned> persisted;
    /// Every record ever persisted, in order.
    std::vector<LastSigned> persisted_all;
    std::size_t persist_before_broadcast_violations = 0;
};

class Simulation {
  public:
    explicit Simulation(SimConfig config);

    /// Starts every live node at height 1 (genesis is height 0).
    void start();
    /// Runs the event queue until `until_ms` (simulated) or until it is empty.
    void run_until(std::uint64_t until_ms);
    /// Runs until every live honest node committed `height`, or `limit_ms` passed. True if done.
    bool run_until_height(std::uint64_t height, std::uint64_t limit_ms);

    /// Stops a node: it loses every message and timer until restart (its chain and persisted
    /// record survive, as on disk).
    void crash(std::uint32_t node);
    /// Restarts a crashed node with a fresh engine built from its persisted record.
    void restart(std::uint32_t node);
    /// Cuts a node off the network (messages to and from it are lost) or heals it.
    void set_partitioned(std::uint32_t node, bool partitioned);

    [[nodiscard]] std::uint64_t now() const noexcept { return m_now; }
    [[nodiscard]] const NodeRecord& record(std::uint32_t node) const { return m_nodes[node].rec; }
    [[nodiscard]] const BftEngine& engine(std::uint32_t node) const {
        return *m_nodes[node].engine;
    }
    [[nodiscard]] bool alive(std::uint32_t node) const { return m_nodes[node].alive; }
    [[nodiscard]] bool honest(std::uint32_t node) const;
    /// Highest height every live honest node committed.
    [[nodiscard]] std::uint64_t min_honest_height() const;
    /// Highest height any node committed.
    [[nodiscard]] std::uint64_t max_height() const;
    /// Safety: no two nodes committed different blocks at one height, and every QC verifies.
    [[nodiscard]] bool agreement() const;
    [[nodiscard]] const ValidatorSet& validators() const { return m_validators; }
    [[nodiscard]] std::uint64_t chain_id() const { return kChainId; }

    static constexpr std::uint64_t kChainId = 20261;

  private:
    enum class EventKind { kDeliver, kTimeout, kBuilt, kValidated, kStartHeight, kSync };
    struct Event {
        std::uint64_t at = 0;
        std::uint64_t seq = 0;
        EventKind kind = EventKind::kDeliver;
        std::uint32_t node = 0;
        std::uint64_t epoch = 0;
        std::optional<Message> message;
        std::uint64_t height = 0;
        std::uint64_t round = 0;
        Step step = Step::kPropose;
        Hash hash;
        Bytes block;
        bool valid = false;
        bool operator>(const Event& other) const {
            return at != other.at ? at > other.at : seq > other.seq;
        }
    };
    struct Node {
        std::unique_ptr<BftEngine> engine;
        bool alive = true;
        bool partitioned = false;
        std::uint64_t epoch = 0;
        std::map<std::uint64_t, Bytes> blocks;
        NodeRecord rec;
    };

    void push(Event event);
    void dispatch(const Event& event);
    void apply(std::uint32_t node, const Actions& actions);
    void apply_one(std::uint32_t node, const Action& action);
    void trace_action(std::uint32_t node, const Action& action) const;
    void broadcast(std::uint32_t from, const Message& message);
    void send(std::uint32_t from, std::uint32_t to, const Message& message);
    void byzantine_extras(std::uint32_t from, const Message& message);
    void commit(std::uint32_t node, const CommitBlock& commit);
    void sync_tick();
    [[nodiscard]] Hash head_hash(std::uint32_t node) const;
    [[nodiscard]] std::uint64_t rand_below(std::uint64_t bound);
    [[nodiscard]] bool chance(std::uint32_t permille);

    SimConfig m_config;
    ValidatorSet m_validators;
    std::vector<Node> m_nodes;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_queue;
    std::mt19937_64 m_rng;
    std::uint64_t m_now = 0;
    std::uint64_t m_seq = 0;
    /// The best committed chain seen (height -> block bytes and QC), the source for sync.
    std::map<std::uint64_t, std::pair<Bytes, QuorumCert>> m_best;
    bool m_conflict = false;
};

}  // namespace yunlian::consensus::bft::sim
