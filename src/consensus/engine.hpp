#pragma once
// The Engine interface (issue 3). An engine is a state machine: events in (transactions waiting,
// a timer firing, a block committed), actions out (propose a block now, wake me at time T). It
// never touches sockets, clocks or threads itself, so a BFT engine can later be driven the same
// way, replayed and fuzzed (CometBFT's model). The node owns the loop that feeds it.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "types/header.hpp"

namespace yunlian::consensus {

/// Something that happened, as the node tells the engine.
struct Event {
    enum class Kind {
        kStarted,         ///< the node is up; the engine may schedule its first timer
        kTxnsPending,     ///< the pool holds executable transactions
        kTimer,           ///< a timer the engine asked for is due
        kBlockCommitted,  ///< a block became the head
    };
    Kind kind = Kind::kStarted;
    /// Milliseconds on the node's clock (injected, so engines stay deterministic).
    std::uint64_t now_ms = 0;
    /// For kTxnsPending: how many executable transactions wait.
    std::size_t pending_txns = 0;
};

/// What the engine wants done.
struct Action {
    enum class Kind {
        kPropose,   ///< build, seal and commit a block on the head now
        kSetTimer,  ///< deliver a kTimer event at `at_ms`
    };
    Kind kind = Kind::kPropose;
    std::uint64_t at_ms = 0;
};

/// Why a header is not acceptable to the engine.
enum class SealError {
    kWrongParent,        ///< the block does not extend the given parent
    kWrongNumber,        ///< block_num is not parent's + 1
    kTimestampNotAfter,  ///< timestamp not greater than the parent's
    kWrongGasLimit,      ///< gas limit moved by more than parent/1024 (Yellow Paper eq. 47)
    kWrongSeal,          ///< engine-specific fields (difficulty, nonce, mix hash) are wrong
};

[[nodiscard]] std::string_view to_message(SealError error) noexcept;

class Engine {
  public:
    virtual ~Engine() = default;
    /// The engine's name ("solo").
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// Feeds one event; returns what to do about it.
    [[nodiscard]] virtual std::vector<Action> on_event(const Event& event) = 0;
    /// Proposing: fills the engine's fields of a header the node has built on `parent`.
    virtual void seal(const types::BlockHeader& parent, types::BlockHeader& header) const = 0;
    /// Validating: whether `header` may follow `parent` under this engine's rules (the body and
    /// state are checked by re-executing the block).
    [[nodiscard]] virtual Result<void, SealError> validate(
        const types::BlockHeader& parent, const types::BlockHeader& header) const = 0;
    /// Finality: the highest block number that can no longer be replaced, given the head.
    [[nodiscard]] virtual std::uint64_t finalized(std::uint64_t head_num) const noexcept = 0;
};

/// Checks the rules every engine shares: parent link, number, timestamp, gas limit bounds.
[[nodiscard]] Result<void, SealError> validate_common(const types::BlockHeader& parent,
                                                      const types::BlockHeader& header);

}  // namespace yunlian::consensus
