// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ERC20
/// @notice A fungible token following EIP-20, with a single owner who may mint.
/// @dev Failures revert with custom errors (named after the broken rule) rather than returning
/// false: EIP-20 lets callers rely on `true`, and a revert carries the reason to the wallet.
contract ERC20 {
    /// @notice EIP-20: emitted on every balance move, including mint (from 0) and burn (to 0).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice EIP-20: emitted on every successful approve, and on transferFrom's allowance use.
    event Approval(address indexed owner, address indexed spender, uint256 value);
    /// @notice The minting right changed hands.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    /// @notice `account` holds `balance`, less than the `needed` amount.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice `spender` may move `allowance`, less than the `needed` amount.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice Tokens cannot be sent to this address (the zero address; burn() destroys tokens).
    error InvalidReceiver(address receiver);
    /// @notice The zero address cannot be approved as a spender.
    error InvalidSpender(address spender);
    /// @notice Only the owner may call this; `caller` is not the owner.
    error NotOwner(address caller);

    string public name;
    string public symbol;
    uint8 public immutable decimals;
    uint256 public totalSupply;
    address public owner;

    mapping(address account => uint256) public balanceOf;
    mapping(address holder => mapping(address spender => uint256)) public allowance;

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @param name_ The token's name, e.g. "Yunlian Token".
    /// @param symbol_ The ticker, e.g. "YUN".
    /// @param decimals_ How many decimals a display divides by (18 for ether-like units).
    /// @param initialSupply Minted to the deployer, who becomes the owner.
    constructor(string memory name_, string memory symbol_, uint8 decimals_, uint256 initialSupply) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
        if (initialSupply > 0) _mint(msg.sender, initialSupply);
    }

    /// @notice EIP-20 transfer. A zero value is a normal transfer and emits Transfer.
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice EIP-20 approve: sets (does not add to) the allowance of `spender`.
    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert InvalidSpender(spender);
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice EIP-20 transferFrom. An allowance of type(uint256).max is treated as unlimited and
    /// is not decreased.
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                allowance[from][msg.sender] = allowed - value;
            }
            emit Approval(from, msg.sender, allowed - value);
        }
        _transfer(from, to, value);
        return true;
    }

    /// @notice Creates `value` new tokens for `to`. Owner only.
    function mint(address to, uint256 value) external onlyOwner {
        if (to == address(0)) revert InvalidReceiver(to);
        _mint(to, value);
    }

    /// @notice Destroys `value` of the caller's tokens.
    function burn(uint256 value) external {
        uint256 balance = balanceOf[msg.sender];
        if (balance < value) revert InsufficientBalance(msg.sender, balance, value);
        unchecked {
            balanceOf[msg.sender] = balance - value;
            totalSupply -= value;
        }
        emit Transfer(msg.sender, address(0), value);
    }

    /// @notice Hands the minting right to `newOwner`. The zero address renounces it for good.
    function transferOwnership(address newOwner) external onlyOwner {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert InvalidReceiver(to);
        uint256 balance = balanceOf[from];
        if (balance < value) revert InsufficientBalance(from, balance, value);
        // No overflow: the sum of all balances is totalSupply, which is checked in _mint.
        unchecked {
            balanceOf[from] = balance - value;
            balanceOf[to] += value;
        }
        emit Transfer(from, to, value);
    }

    function _mint(address to, uint256 value) private {
        totalSupply += value;
        unchecked {
            balanceOf[to] += value;
        }
        emit Transfer(address(0), to, value);
    }
}
