// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title CallProbe
/// @notice A test double for a node's eth_call and eth_estimateGas: it fails in each way a call
/// can (a custom error, a reason string, a panic, running out of gas), and has a call whose success
/// depends on the gas it is given rather than on the gas it uses: `forward` hands all but 1/64 of
/// its gas to an inner call (EIP-150) and needs that call to finish, so the lowest gas limit that
/// works is well above the gas a successful run uses.
contract CallProbe {
    /// @notice Emitted by `work` with the digest it computed.
    event Worked(uint256 indexed rounds, bytes32 digest);

    /// @notice Raised by `failWithCustom`: a custom error with arguments.
    error Refused(address caller, uint256 code);
    /// @notice The inner call of `forward` failed (it ran out of the gas it was given).
    error InnerCallFailed(uint256 rounds);

    /// @notice The digest of the last `work`.
    bytes32 public digest;

    /// @notice Always reverts with Refused(msg.sender, code).
    function failWithCustom(uint256 code) external view {
        revert Refused(msg.sender, code);
    }

    /// @notice Always reverts with Error(reason).
    function failWithReason(string calldata reason) external pure {
        revert(reason);
    }

    /// @notice Divides by `divisor`: a zero divisor panics with code 0x12.
    function divide(uint256 value, uint256 divisor) external pure returns (uint256) {
        return value / divisor;
    }

    /// @notice Hashes `rounds` times and stores the result: gas grows with `rounds`.
    function work(uint256 rounds) public returns (bytes32 result) {
        result = digest;
        for (uint256 i = 0; i < rounds; ++i) {
            result = keccak256(abi.encode(result, i));
        }
        digest = result;
        emit Worked(rounds, result);
    }

    /// @notice Runs `work(rounds)` as an inner call with all the gas it may pass on (63/64 of
    /// what is left), and reverts if that call fails.
    function forward(uint256 rounds) external {
        (bool ok,) = address(this).call(abi.encodeCall(this.work, (rounds)));
        if (!ok) revert InnerCallFailed(rounds);
    }
}
