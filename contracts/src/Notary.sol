// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Notary
/// @notice Proof that a document existed: anyone registers the hash of a document (never the
/// document itself), and the chain keeps who registered it and the block time. The registrant may
/// later revoke it; the record stays, marked revoked, and the hash can never be registered again,
/// so a verifier always sees the first registrant.
contract Notary {
    struct Record {
        address owner;
        uint64 registeredAt;
        uint64 blockNum;
        uint64 revokedAt;
    }

    event DocumentRegistered(bytes32 indexed docHash, address indexed owner, uint64 timestamp);
    event DocumentRevoked(bytes32 indexed docHash, address indexed owner, uint64 timestamp);

    /// @notice The zero hash is not the hash of any document; it is refused to catch empty input.
    error InvalidHash();
    /// @notice `docHash` was registered already, by `owner`.
    error AlreadyRegistered(bytes32 docHash, address owner);
    error NotRegistered(bytes32 docHash);
    /// @notice Only the registrant of `docHash` may revoke it; `caller` is not.
    error NotDocumentOwner(bytes32 docHash, address caller);
    error AlreadyRevoked(bytes32 docHash);

    mapping(bytes32 docHash => Record) private _records;
    /// @notice How many documents each address has registered.
    mapping(address owner => uint256) public registeredCount;

    /// @notice Registers `docHash` (e.g. the SHA-256 or Keccak-256 of a file) for the caller.
    function register(bytes32 docHash) external {
        if (docHash == bytes32(0)) revert InvalidHash();
        Record storage record = _records[docHash];
        if (record.owner != address(0)) revert AlreadyRegistered(docHash, record.owner);
        record.owner = msg.sender;
        record.registeredAt = uint64(block.timestamp);
        record.blockNum = uint64(block.number);
        registeredCount[msg.sender] += 1;
        emit DocumentRegistered(docHash, msg.sender, uint64(block.timestamp));
    }

    /// @notice Marks the caller's `docHash` as revoked, from this block's time on.
    function revoke(bytes32 docHash) external {
        Record storage record = _records[docHash];
        if (record.owner == address(0)) revert NotRegistered(docHash);
        if (record.owner != msg.sender) revert NotDocumentOwner(docHash, msg.sender);
        if (record.revokedAt != 0) revert AlreadyRevoked(docHash);
        record.revokedAt = uint64(block.timestamp);
        emit DocumentRevoked(docHash, msg.sender, uint64(block.timestamp));
    }

    /// @notice Whether `docHash` is registered and not revoked, and by whom and when it was
    /// registered. An unknown hash gives (false, 0, 0) rather than a revert, so a verifier can
    /// check untrusted input without handling errors.
    function verify(bytes32 docHash) external view returns (bool valid, address owner, uint64 registeredAt) {
        Record storage record = _records[docHash];
        return (record.owner != address(0) && record.revokedAt == 0, record.owner, record.registeredAt);
    }

    /// @notice True if `docHash` is valid and was registered by `expectedOwner`.
    function verifyOwner(bytes32 docHash, address expectedOwner) external view returns (bool) {
        Record storage record = _records[docHash];
        return record.owner != address(0) && record.owner == expectedOwner && record.revokedAt == 0;
    }

    /// @notice The whole record of `docHash`: registrant, time, block number, revocation time
    /// (0 while valid). Reverts for unknown hashes.
    function recordOf(bytes32 docHash) external view returns (Record memory) {
        Record storage record = _records[docHash];
        if (record.owner == address(0)) revert NotRegistered(docHash);
        return record;
    }
}
