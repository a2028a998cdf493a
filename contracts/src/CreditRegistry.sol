// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title CreditRegistry
/// @notice A registry for sharing credit data between institutions. A data owner publishes a
/// record as the hash of the data and a pointer to where it is kept off chain (e.g. a CID of
/// encrypted content); the data never goes on chain. The owner grants consumers access until a
/// block time, and may revoke it or withdraw the record. Consumers log each use through
/// accessRecord, which leaves an audit event; grants, revocations and withdrawals are events too.
contract CreditRegistry {
    struct Record {
        address owner;
        bytes32 dataHash;
        string pointer;
        uint64 publishedAt;
        bool withdrawn;
    }

    event RecordPublished(uint256 indexed recordId, address indexed owner, bytes32 dataHash, string pointer);
    event RecordUpdated(uint256 indexed recordId, bytes32 dataHash, string pointer);
    event RecordWithdrawn(uint256 indexed recordId, address indexed owner);
    event AccessGranted(uint256 indexed recordId, address indexed consumer, uint64 expiresAt);
    event AccessRevoked(uint256 indexed recordId, address indexed consumer);
    /// @notice The audit trail: `consumer` used record `recordId` at block time `timestamp`.
    event RecordAccessed(uint256 indexed recordId, address indexed consumer, uint64 timestamp);

    error UnknownRecord(uint256 recordId);
    /// @notice Only the owner of `recordId` may do this; `caller` is not.
    error NotRecordOwner(uint256 recordId, address caller);
    error RecordIsWithdrawn(uint256 recordId);
    error ZeroHash();
    error EmptyPointer();
    /// @notice Grants must end after the current block time `currentTime`.
    error InvalidExpiry(uint64 expiresAt, uint64 currentTime);
    /// @notice Access cannot be granted to the zero address or to the owner itself.
    error InvalidConsumer(address consumer);
    /// @notice `consumer` holds no unexpired grant on `recordId` to revoke.
    error NoActiveGrant(uint256 recordId, address consumer);
    /// @notice `caller` may not read `recordId`: no grant, an expired one, or a revoked one.
    error AccessDenied(uint256 recordId, address caller);

    /// @notice Ids start at 1; recordCount is the last id issued.
    uint256 public recordCount;

    mapping(uint256 recordId => Record) private _records;
    /// @dev The block time a grant ends; 0 means none. A grant is live while expiry > now.
    mapping(uint256 recordId => mapping(address consumer => uint64)) private _grants;

    modifier onlyRecordOwner(uint256 recordId) {
        address recordOwner = _records[recordId].owner;
        if (recordOwner == address(0)) revert UnknownRecord(recordId);
        if (recordOwner != msg.sender) revert NotRecordOwner(recordId, msg.sender);
        if (_records[recordId].withdrawn) revert RecordIsWithdrawn(recordId);
        _;
    }

    /// @notice Publishes a record owned by the caller.
    /// @param dataHash The hash of the (off-chain) data, so a reader can check what it fetched.
    /// @param pointer Where the data is kept, e.g. "ipfs://<cid>".
    function publish(bytes32 dataHash, string calldata pointer) external returns (uint256 recordId) {
        _checkData(dataHash, pointer);
        recordId = ++recordCount;
        _records[recordId] = Record({
            owner: msg.sender,
            dataHash: dataHash,
            pointer: pointer,
            publishedAt: uint64(block.timestamp),
            withdrawn: false
        });
        emit RecordPublished(recordId, msg.sender, dataHash, pointer);
    }

    /// @notice Replaces the data of a record (e.g. a new report); grants carry over.
    function update(uint256 recordId, bytes32 dataHash, string calldata pointer) external onlyRecordOwner(recordId) {
        _checkData(dataHash, pointer);
        Record storage record = _records[recordId];
        record.dataHash = dataHash;
        record.pointer = pointer;
        emit RecordUpdated(recordId, dataHash, pointer);
    }

    /// @notice Withdraws a record for good: no one but the owner can read it afterwards.
    function withdraw(uint256 recordId) external onlyRecordOwner(recordId) {
        _records[recordId].withdrawn = true;
        emit RecordWithdrawn(recordId, msg.sender);
    }

    /// @notice Lets `consumer` read `recordId` until block time `expiresAt` (exclusive). Granting
    /// again replaces the previous expiry, which extends or shortens it.
    function grantAccess(uint256 recordId, address consumer, uint64 expiresAt) external onlyRecordOwner(recordId) {
        if (consumer == address(0) || consumer == msg.sender) revert InvalidConsumer(consumer);
        if (expiresAt <= block.timestamp) revert InvalidExpiry(expiresAt, uint64(block.timestamp));
        _grants[recordId][consumer] = expiresAt;
        emit AccessGranted(recordId, consumer, expiresAt);
    }

    /// @notice Ends `consumer`'s grant on `recordId` now.
    function revokeAccess(uint256 recordId, address consumer) external onlyRecordOwner(recordId) {
        if (_grants[recordId][consumer] <= block.timestamp) revert NoActiveGrant(recordId, consumer);
        delete _grants[recordId][consumer];
        emit AccessRevoked(recordId, consumer);
    }

    /// @notice Whether `account` may read `recordId` now: the owner always, a consumer while its
    /// grant runs and the record is not withdrawn.
    function hasAccess(uint256 recordId, address account) public view returns (bool) {
        Record storage record = _records[recordId];
        if (record.owner == address(0)) return false;
        if (account == record.owner) return true;
        return !record.withdrawn && _grants[recordId][account] > block.timestamp;
    }

    /// @notice When `consumer`'s grant on `recordId` ends (0 if it never had one or it was revoked).
    function grantExpiry(uint256 recordId, address consumer) external view returns (uint64) {
        return _grants[recordId][consumer];
    }

    /// @notice The record's owner, time of publication and whether it is withdrawn: public facts
    /// that let a consumer ask for access. The data hash and pointer need access.
    function recordInfo(uint256 recordId) external view returns (address owner, uint64 publishedAt, bool withdrawn) {
        Record storage record = _records[recordId];
        if (record.owner == address(0)) revert UnknownRecord(recordId);
        return (record.owner, record.publishedAt, record.withdrawn);
    }

    /// @notice Reads the record's hash and pointer without leaving a trace, for the caller's own
    /// checks. Reverts with AccessDenied unless hasAccess(recordId, msg.sender).
    function readRecord(uint256 recordId) external view returns (bytes32 dataHash, string memory pointer) {
        Record storage record = _checkAccess(recordId);
        return (record.dataHash, record.pointer);
    }

    /// @notice Reads the record as a transaction, which emits RecordAccessed: the audit trail an
    /// owner or regulator reviews.
    function accessRecord(uint256 recordId) external returns (bytes32 dataHash, string memory pointer) {
        Record storage record = _checkAccess(recordId);
        emit RecordAccessed(recordId, msg.sender, uint64(block.timestamp));
        return (record.dataHash, record.pointer);
    }

    function _checkAccess(uint256 recordId) private view returns (Record storage record) {
        record = _records[recordId];
        if (record.owner == address(0)) revert UnknownRecord(recordId);
        if (!hasAccess(recordId, msg.sender)) revert AccessDenied(recordId, msg.sender);
    }

    function _checkData(bytes32 dataHash, string calldata pointer) private pure {
        if (dataHash == bytes32(0)) revert ZeroHash();
        if (bytes(pointer).length == 0) revert EmptyPointer();
    }
}
