// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice EIP-721: what a contract must answer to receive tokens through safeTransferFrom.
interface IERC721Receiver {
    /// @return The selector of this function, 0x150b7a02, to accept the token.
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

/// @title ERC721
/// @notice A non-fungible token following EIP-721 (core and metadata extensions) and EIP-165.
/// Each token carries its own metadata URI, set by the minter. Only the contract owner mints.
contract ERC721 {
    /// @notice EIP-721: ownership of `tokenId` changed (mint from 0, burn to 0).
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    /// @notice EIP-721: the approved address of `tokenId` changed (cleared on transfer).
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    /// @notice EIP-721: `operator` may (or may no longer) manage all tokens of `owner`.
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    /// @notice No token `tokenId` exists (never minted, or burnt).
    error NonexistentToken(uint256 tokenId);
    /// @notice `caller` is neither the owner of `tokenId`, its approved address, nor an operator.
    error NotOwnerNorApproved(address caller, uint256 tokenId);
    /// @notice transferFrom named `from`, but the token belongs to `owner`.
    error WrongFrom(address from, address owner);
    /// @notice Tokens cannot go to this address (the zero address; burn() destroys tokens).
    error InvalidReceiver(address receiver);
    /// @notice The contract at `receiver` did not accept the token in onERC721Received.
    error UnsafeReceiver(address receiver);
    /// @notice EIP-721 forbids asking about the zero address, or making an owner its own operator.
    error InvalidAddress(address account);
    /// @notice Only the contract owner may mint; `caller` is not it.
    error NotContractOwner(address caller);

    bytes4 private constant ERC165_ID = 0x01ffc9a7;
    bytes4 private constant ERC721_ID = 0x80ac58cd;
    bytes4 private constant ERC721_METADATA_ID = 0x5b5e139f;

    string public name;
    string public symbol;
    address public immutable owner;
    /// @notice The id the next mint takes; ids start at 1 and are never reused.
    uint256 public nextTokenId = 1;

    mapping(uint256 tokenId => address) private _owners;
    mapping(address holder => uint256) private _balances;
    mapping(uint256 tokenId => address) private _tokenApprovals;
    mapping(address holder => mapping(address operator => bool)) private _operators;
    mapping(uint256 tokenId => string) private _tokenUris;

    constructor(string memory name_, string memory symbol_) {
        name = name_;
        symbol = symbol_;
        owner = msg.sender;
    }

    /// @notice EIP-165.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == ERC165_ID || interfaceId == ERC721_ID || interfaceId == ERC721_METADATA_ID;
    }

    /// @notice EIP-721: tokens held by `holder`; the zero address is an error, not a count.
    function balanceOf(address holder) external view returns (uint256) {
        if (holder == address(0)) revert InvalidAddress(holder);
        return _balances[holder];
    }

    /// @notice EIP-721: the owner of `tokenId`; reverts for tokens that do not exist.
    function ownerOf(uint256 tokenId) public view returns (address) {
        address holder = _owners[tokenId];
        if (holder == address(0)) revert NonexistentToken(tokenId);
        return holder;
    }

    /// @notice EIP-721 metadata: the URI given at mint.
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return _tokenUris[tokenId];
    }

    /// @notice Mints the next id to `to` without calling it (like transferFrom). Owner only.
    function mint(address to, string calldata uri) external returns (uint256 tokenId) {
        tokenId = _mint(to, uri);
    }

    /// @notice Mints the next id to `to` and, if `to` is a contract, requires it to accept.
    function safeMint(address to, string calldata uri, bytes calldata data) external returns (uint256 tokenId) {
        tokenId = _mint(to, uri);
        _checkReceiver(address(0), to, tokenId, data);
    }

    /// @notice Destroys `tokenId`; the owner, its approved address or an operator may burn.
    function burn(uint256 tokenId) external {
        address holder = ownerOf(tokenId);
        if (!_isAuthorized(holder, msg.sender, tokenId)) revert NotOwnerNorApproved(msg.sender, tokenId);
        delete _tokenApprovals[tokenId];
        delete _tokenUris[tokenId];
        unchecked {
            _balances[holder] -= 1;
        }
        delete _owners[tokenId];
        emit Transfer(holder, address(0), tokenId);
    }

    /// @notice EIP-721: approve `approved` for `tokenId`; the owner or an operator may call.
    function approve(address approved, uint256 tokenId) external {
        address holder = ownerOf(tokenId);
        if (msg.sender != holder && !_operators[holder][msg.sender]) {
            revert NotOwnerNorApproved(msg.sender, tokenId);
        }
        _tokenApprovals[tokenId] = approved;
        emit Approval(holder, approved, tokenId);
    }

    /// @notice EIP-721: the approved address of `tokenId` (zero if none).
    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return _tokenApprovals[tokenId];
    }

    /// @notice EIP-721: lets `operator` manage all of the caller's tokens, or stops it.
    function setApprovalForAll(address operator, bool approved) external {
        if (operator == address(0) || operator == msg.sender) revert InvalidAddress(operator);
        _operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    /// @notice EIP-721.
    function isApprovedForAll(address holder, address operator) external view returns (bool) {
        return _operators[holder][operator];
    }

    /// @notice EIP-721: moves `tokenId` without asking the receiver; the caller must be
    /// authorised and `from` must be the current owner.
    function transferFrom(address from, address to, uint256 tokenId) public {
        address holder = ownerOf(tokenId);
        if (holder != from) revert WrongFrom(from, holder);
        if (!_isAuthorized(holder, msg.sender, tokenId)) revert NotOwnerNorApproved(msg.sender, tokenId);
        if (to == address(0)) revert InvalidReceiver(to);
        delete _tokenApprovals[tokenId];
        unchecked {
            _balances[from] -= 1;
            _balances[to] += 1;
        }
        _owners[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }

    /// @notice EIP-721: transferFrom, then a contract receiver must return the
    /// onERC721Received selector.
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes calldata data) external {
        transferFrom(from, to, tokenId);
        _checkReceiver(from, to, tokenId, data);
    }

    /// @notice EIP-721: safeTransferFrom with empty data.
    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        transferFrom(from, to, tokenId);
        _checkReceiver(from, to, tokenId, "");
    }

    function _mint(address to, string calldata uri) private returns (uint256 tokenId) {
        if (msg.sender != owner) revert NotContractOwner(msg.sender);
        if (to == address(0)) revert InvalidReceiver(to);
        tokenId = nextTokenId++;
        _owners[tokenId] = to;
        unchecked {
            _balances[to] += 1;
        }
        _tokenUris[tokenId] = uri;
        emit Transfer(address(0), to, tokenId);
    }

    function _isAuthorized(address holder, address spender, uint256 tokenId) private view returns (bool) {
        return spender == holder || _operators[holder][spender] || _tokenApprovals[tokenId] == spender;
    }

    /// @dev EIP-721: a receiver with code must return the selector. A revert with a reason is
    /// passed on unchanged so the caller sees the receiver's own error; a revert without data, or
    /// a wrong answer, becomes UnsafeReceiver.
    function _checkReceiver(address from, address to, uint256 tokenId, bytes memory data) private {
        if (to.code.length == 0) return;
        try IERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data) returns (bytes4 answer) {
            if (answer != IERC721Receiver.onERC721Received.selector) revert UnsafeReceiver(to);
        } catch (bytes memory reason) {
            if (reason.length == 0) revert UnsafeReceiver(to);
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
