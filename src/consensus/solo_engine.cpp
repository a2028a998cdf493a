#include "consensus/solo_engine.hpp"

namespace yunlian::consensus {

std::vector<Action> SoloEngine::on_event(const Event& event) {
    using Kind = Event::Kind;
    if (m_block_time_ms == 0) {
        if (event.kind == Kind::kTxnsPending && event.pending_txns > 0) {
            return {Action{Action::Kind::kPropose, event.now_ms}};
        }
        return {};
    }
    switch (event.kind) {
        case Kind::kStarted:
            m_next_ms = event.now_ms + m_block_time_ms;
            return {Action{Action::Kind::kSetTimer, m_next_ms}};
        case Kind::kTimer:
            if (event.now_ms < m_next_ms) return {Action{Action::Kind::kSetTimer, m_next_ms}};
            m_next_ms = event.now_ms + m_block_time_ms;
            return {Action{Action::Kind::kPropose, event.now_ms},
                    Action{Action::Kind::kSetTimer, m_next_ms}};
        case Kind::kTxnsPending:
        case Kind::kBlockCommitted:
            return {};
    }
    return {};
}

void SoloEngine::seal(const types::BlockHeader& /*parent*/, types::BlockHeader& header) const {
    // Post-merge form (EIP-3675): no proof of work, so difficulty, nonce and mix hash are zero.
    header.difficulty = Uint256{0};
    header.nonce = FixedBytes<8>{};
    header.mix_hash = Hash{};
}

Result<void, SealError> SoloEngine::validate(const types::BlockHeader& parent,
                                             const types::BlockHeader& header) const {
    if (auto common = validate_common(parent, header); !common) return common;
    if (!header.difficulty.is_zero() || !header.nonce.is_zero()) {
        return Unexpected(SealError::kWrongSeal);
    }
    return {};
}

}  // namespace yunlian::consensus
