#pragma once
// Which blocks to ask which peer for while catching up (issue 6; docs/NETWORK.md, "Sync"). Pure
// bookkeeping, no I/O and no clock of its own (the caller passes the time), so it is tested
// alone. The node commits blocks strictly in order; the planner keeps a window of ranges beyond
// the committed head, each either in flight to one peer or received and waiting for its turn.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "crypto/secp256k1.hpp"

namespace yunlian::node {

/// A peer, by its node key (p2p::PeerId).
using SyncPeer = crypto::PublicKey;

struct SyncLimits {
    /// Blocks per request.
    std::uint64_t batch = 64;
    /// Requests in flight at once (all peers together).
    std::size_t max_in_flight = 4;
    /// Blocks beyond the head the window may cover (in flight or received).
    std::uint64_t window = 512;
    /// A request unanswered this long goes to another peer.
    std::uint64_t timeout_ms = 5000;
};

/// One range to ask one peer for.
struct SyncAssignment {
    SyncPeer peer;
    std::uint64_t from = 0;
    std::uint64_t count = 0;
    friend bool operator==(const SyncAssignment&, const SyncAssignment&) = default;
};

class SyncPlanner {
  public:
    explicit SyncPlanner(SyncLimits limits = {}) : m_limits(limits) {}

    /// A peer says its head is `head_num` (a Status message).
    void on_status(const SyncPeer& peer, std::uint64_t head_num);
    /// A peer showed it has at least `head_num` (a consensus message for a later height): raises
    /// what the planner believes, never lowers it.
    void on_hint(const SyncPeer& peer, std::uint64_t head_num);
    /// A peer is gone: its ranges in flight are forgotten (and asked of others later).
    void on_peer_gone(const SyncPeer& peer);

    /// The requests to send now, given the committed head: fills free slots with the lowest
    /// missing ranges, each to a peer whose head covers its start (rotating among them), and
    /// re-assigns ranges whose peer did not answer within timeout_ms.
    [[nodiscard]] std::vector<SyncAssignment> poll(std::uint64_t head_num, std::uint64_t now_ms);

    /// A response from `peer` for the range starting at `from` holding `got` blocks. Returns
    /// false when nothing was asked of that peer at `from` (an unsolicited response: the caller
    /// ignores it). A short answer leaves the rest to be asked again; an empty one also lowers
    /// what the planner believes the peer's head is.
    bool on_response(const SyncPeer& peer, std::uint64_t from, std::uint64_t got);
    /// The range holding `block_num` turned out invalid: forget it (it is asked again, of another
    /// peer if `peer` is penalized and gone).
    void on_invalid(std::uint64_t block_num);

    /// The highest head any peer reported.
    [[nodiscard]] std::uint64_t best_head() const noexcept;
    /// Whether some peer is ahead of `head_num`.
    [[nodiscard]] bool behind(std::uint64_t head_num) const noexcept {
        return best_head() > head_num;
    }
    /// Ranges in flight (not yet answered).
    [[nodiscard]] std::size_t in_flight() const noexcept;

  private:
    struct Slot {
        SyncPeer peer;
        std::uint64_t count = 0;
        std::uint64_t deadline_ms = 0;
        bool received = false;
    };
    void drop_below(std::uint64_t head_num);
    [[nodiscard]] std::optional<SyncPeer> pick_peer(std::uint64_t from,
                                                    const std::optional<SyncPeer>& avoid);

    SyncLimits m_limits;
    std::map<SyncPeer, std::uint64_t> m_heads;
    /// Ranges by first block number; they never overlap.
    std::map<std::uint64_t, Slot> m_slots;
    std::size_t m_rotation = 0;
};

}  // namespace yunlian::node
