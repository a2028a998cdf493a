#pragma once
// Faults a test build of a validator switches on to misbehave on purpose (issue 6's byzantine
// validator test). There is no TOML key or CLI flag for them: only a test executable that links
// the node library can set them, in code, through Node's constructor or run_node().

namespace yunlian::node {

struct FaultConfig {
    /// After each prevote it signs, sign and broadcast a second, conflicting prevote for the same
    /// height and round (for a random block hash), which honest nodes keep as evidence.
    bool double_vote = false;
    /// When proposer, propose blocks whose header carries a wrong state root.
    bool invalid_proposal = false;
    /// Send every peer frames larger than the p2p size limit, repeatedly.
    bool flood_oversized = false;

    [[nodiscard]] bool any() const noexcept {
        return double_vote || invalid_proposal || flood_oversized;
    }
};

}  // namespace yunlian::node
