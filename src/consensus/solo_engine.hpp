#pragma once
// `solo`: one node seals every block. With no block time it seals as soon as transactions wait
// (automine, as Hardhat and Anvil do); with a block time it seals every period, empty or not (as
// geth --dev.period does). Every sealed block is final at once: there is no one to disagree.

#include <cstdint>

#include "consensus/engine.hpp"

namespace yunlian::consensus {

class SoloEngine final : public Engine {
  public:
    /// `block_time_ms` 0 means automine.
    explicit SoloEngine(std::uint64_t block_time_ms) noexcept : m_block_time_ms(block_time_ms) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "solo"; }
    [[nodiscard]] std::vector<Action> on_event(const Event& event) override;
    void seal(const types::BlockHeader& parent, types::BlockHeader& header) const override;
    [[nodiscard]] Result<void, SealError> validate(const types::BlockHeader& parent,
                                                   const types::BlockHeader& header) const override;
    [[nodiscard]] std::uint64_t finalized(std::uint64_t head_num) const noexcept override {
        return head_num;
    }

  private:
    std::uint64_t m_block_time_ms;
    std::uint64_t m_next_ms = 0;
};

}  // namespace yunlian::consensus
