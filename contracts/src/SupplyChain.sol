// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title SupplyChain
/// @notice Tracks items as they move between registered parties. A move is a two-step handoff:
/// the custodian ships to a named party, and custody changes only when that party confirms
/// receipt, so no one can be made custodian without signing for it. Every step is stored in the
/// item's history and emitted as an event.
contract SupplyChain {
    /// @notice Where an item is in its life. None marks ids that were never created.
    enum Status {
        None,
        Created,
        InTransit,
        Received,
        Delivered
    }

    /// @notice One recorded step: what happened, who did it, who holds the item after it, when.
    struct Step {
        Status status;
        address actor;
        address custodian;
        uint64 timestamp;
        string note;
    }

    struct Item {
        string description;
        address custodian;
        address pendingCustodian;
        Status status;
    }

    struct Party {
        string name;
        bool registered;
        bool active;
    }

    event PartyRegistered(address indexed party, string name);
    event PartyActiveChanged(address indexed party, bool active);
    event ItemCreated(uint256 indexed itemId, address indexed custodian, string description);
    event ItemShipped(uint256 indexed itemId, address indexed from, address indexed to, string note);
    event ItemReceived(uint256 indexed itemId, address indexed from, address indexed to, string note);
    event ItemDelivered(uint256 indexed itemId, address indexed custodian, string note);
    /// @notice Emitted with every step, so one filter follows an item's whole history.
    event StepRecorded(uint256 indexed itemId, uint256 indexed stepIndex, Status status, address actor);

    /// @notice Only the administrator registers parties; `caller` is not it.
    error NotAdmin(address caller);
    /// @notice `party` is not registered, or was deactivated.
    error NotActiveParty(address party);
    error PartyAlreadyRegistered(address party);
    error UnknownParty(address party);
    error EmptyName();
    error EmptyDescription();
    error UnknownItem(uint256 itemId);
    /// @notice Only the current custodian of `itemId` may do this; `caller` is not.
    error NotCustodian(uint256 itemId, address caller);
    /// @notice Only the party the item was shipped to may confirm receipt.
    error NotPendingCustodian(uint256 itemId, address caller);
    /// @notice The step is not allowed from the item's `current` status.
    error InvalidStatus(uint256 itemId, Status current);
    /// @notice An item cannot be shipped to its own custodian.
    error InvalidRecipient(address recipient);
    error StepOutOfRange(uint256 itemId, uint256 index, uint256 length);

    address public immutable admin;
    /// @notice Ids start at 1; itemCount is the last id issued.
    uint256 public itemCount;

    mapping(address party => Party) private _parties;
    mapping(uint256 itemId => Item) private _items;
    mapping(uint256 itemId => Step[]) private _history;

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    modifier onlyActiveParty() {
        if (!_parties[msg.sender].active) revert NotActiveParty(msg.sender);
        _;
    }

    modifier existing(uint256 itemId) {
        if (_items[itemId].status == Status.None) revert UnknownItem(itemId);
        _;
    }

    constructor() {
        admin = msg.sender;
    }

    /// @notice Admits `party` under `name`. Admin only.
    function registerParty(address party, string calldata name) external onlyAdmin {
        if (party == address(0)) revert InvalidRecipient(party);
        if (bytes(name).length == 0) revert EmptyName();
        if (_parties[party].registered) revert PartyAlreadyRegistered(party);
        _parties[party] = Party({name: name, registered: true, active: true});
        emit PartyRegistered(party, name);
    }

    /// @notice Suspends or restores a party. An inactive party can neither act nor be shipped to,
    /// but items it already holds stay recorded with it. Admin only.
    function setPartyActive(address party, bool active) external onlyAdmin {
        if (!_parties[party].registered) revert UnknownParty(party);
        _parties[party].active = active;
        emit PartyActiveChanged(party, active);
    }

    /// @notice The party's name and whether it is registered and active.
    function partyOf(address party) external view returns (string memory name, bool registered, bool active) {
        Party storage p = _parties[party];
        return (p.name, p.registered, p.active);
    }

    /// @notice Creates a new item held by the caller, a registered party.
    function createItem(string calldata description) external onlyActiveParty returns (uint256 itemId) {
        if (bytes(description).length == 0) revert EmptyDescription();
        itemId = ++itemCount;
        _items[itemId] = Item({
            description: description, custodian: msg.sender, pendingCustodian: address(0), status: Status.Created
        });
        emit ItemCreated(itemId, msg.sender, description);
        _record(itemId, Status.Created, msg.sender, "");
    }

    /// @notice The custodian hands `itemId` to `to`, an active party; custody changes on receipt.
    function ship(uint256 itemId, address to, string calldata note) external existing(itemId) onlyActiveParty {
        Item storage item = _items[itemId];
        if (item.custodian != msg.sender) revert NotCustodian(itemId, msg.sender);
        if (item.status != Status.Created && item.status != Status.Received) revert InvalidStatus(itemId, item.status);
        if (to == msg.sender) revert InvalidRecipient(to);
        if (!_parties[to].active) revert NotActiveParty(to);
        item.pendingCustodian = to;
        item.status = Status.InTransit;
        emit ItemShipped(itemId, msg.sender, to, note);
        _record(itemId, Status.InTransit, item.custodian, note);
    }

    /// @notice The party an item was shipped to signs for it and becomes its custodian.
    function receiveItem(uint256 itemId, string calldata note) external existing(itemId) onlyActiveParty {
        Item storage item = _items[itemId];
        if (item.status != Status.InTransit) revert InvalidStatus(itemId, item.status);
        if (item.pendingCustodian != msg.sender) revert NotPendingCustodian(itemId, msg.sender);
        address from = item.custodian;
        item.custodian = msg.sender;
        item.pendingCustodian = address(0);
        item.status = Status.Received;
        emit ItemReceived(itemId, from, msg.sender, note);
        _record(itemId, Status.Received, msg.sender, note);
    }

    /// @notice The custodian marks the item delivered to its end user; no step may follow.
    function markDelivered(uint256 itemId, string calldata note) external existing(itemId) onlyActiveParty {
        Item storage item = _items[itemId];
        if (item.custodian != msg.sender) revert NotCustodian(itemId, msg.sender);
        if (item.status != Status.Created && item.status != Status.Received) revert InvalidStatus(itemId, item.status);
        item.status = Status.Delivered;
        emit ItemDelivered(itemId, msg.sender, note);
        _record(itemId, Status.Delivered, msg.sender, note);
    }

    /// @notice The item's description, custodian, pending custodian (while in transit) and status.
    function getItem(uint256 itemId)
        external
        view
        existing(itemId)
        returns (string memory description, address custodian, address pendingCustodian, Status status)
    {
        Item storage item = _items[itemId];
        return (item.description, item.custodian, item.pendingCustodian, item.status);
    }

    /// @notice How many steps the item's history holds.
    function historyLength(uint256 itemId) external view existing(itemId) returns (uint256) {
        return _history[itemId].length;
    }

    /// @notice The step at `index` of the item's history (0 is its creation).
    function historyAt(uint256 itemId, uint256 index) external view existing(itemId) returns (Step memory) {
        Step[] storage steps = _history[itemId];
        if (index >= steps.length) revert StepOutOfRange(itemId, index, steps.length);
        return steps[index];
    }

    function _record(uint256 itemId, Status status, address custodian, string memory note) private {
        Step[] storage steps = _history[itemId];
        steps.push(
            Step({
                status: status, actor: msg.sender, custodian: custodian, timestamp: uint64(block.timestamp), note: note
            })
        );
        emit StepRecorded(itemId, steps.length - 1, status, msg.sender);
    }
}
