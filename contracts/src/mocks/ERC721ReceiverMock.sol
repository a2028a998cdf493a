// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC721Receiver} from "../ERC721.sol";

/// @title ERC721ReceiverMock
/// @notice A test double for EIP-721 receivers: it accepts, answers wrongly, or reverts, as set at
/// deployment, so the tests can check every branch of safeTransferFrom's receiver check.
contract ERC721ReceiverMock is IERC721Receiver {
    enum Behaviour {
        Accept,
        WrongAnswer,
        RevertWithError,
        RevertEmpty
    }

    /// @notice Emitted when a token is accepted, with everything the receiver was told.
    event Received(address operator, address from, uint256 tokenId, bytes data);

    /// @notice The receiver refuses `tokenId`.
    error Refused(uint256 tokenId);

    Behaviour public immutable behaviour;

    constructor(Behaviour behaviour_) {
        behaviour = behaviour_;
    }

    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4)
    {
        if (behaviour == Behaviour.RevertWithError) revert Refused(tokenId);
        if (behaviour == Behaviour.RevertEmpty) revert();
        if (behaviour == Behaviour.WrongAnswer) return 0xdeadbeef;
        emit Received(operator, from, tokenId, data);
        return IERC721Receiver.onERC721Received.selector;
    }
}
