#pragma once
// The genesis specification (chain id, funded accounts, gas limit, base fee) and the genesis
// block it defines. A spec is read from geth-style genesis JSON or built for the dev chain.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "types/account.hpp"
#include "types/header.hpp"

namespace yunlian::chain {

/// Yunlian's chain id (the dev chain's too).
inline constexpr std::uint64_t kDefaultChainId = 20261;
/// The block gas limit of a new chain (as Ethereum mainnet's at the merge).
inline constexpr std::uint64_t kDefaultGasLimit = 30'000'000;

struct Genesis {
    std::uint64_t chain_id = kDefaultChainId;
    std::uint64_t gas_limit = kDefaultGasLimit;
    /// The genesis block's base fee (EIP-1559's INITIAL_BASE_FEE, 1 gwei, by default).
    Uint256 base_fee{1'000'000'000};
    std::uint64_t timestamp = 0;
    Bytes extra_data;
    Address coinbase;
    /// The accounts that exist at genesis, in address order.
    std::map<Address, types::Account> alloc;
    /// The BFT validator set (issue 6), in index order: the addresses of the validators' node
    /// keys. Empty for a solo chain. Not part of the genesis header.
    std::vector<Address> validators;
    /// Consortium mode: the node public keys (64 bytes, uncompressed without the 0x04 prefix)
    /// allowed to connect. Empty: any peer may connect.
    std::vector<Bytes> allow_list;
};

/// Reads geth-style genesis JSON: {"config":{"chainId":N}, "gasLimit", "baseFeePerGas",
/// "timestamp", "extraData", "coinbase", "alloc":{"0xaddr":{"balance","nonce"}}}, and Yunlian's
/// "validators":["0xaddr", ...] and "allowList":["0x<64-byte public key>", ...]. Numbers may be
/// JSON numbers, decimal strings or 0x-hex strings. Throws std::runtime_error with the reason.
[[nodiscard]] Genesis parse_genesis_json(std::string_view text);
/// Reads a genesis JSON file. Throws std::runtime_error.
[[nodiscard]] Genesis load_genesis_file(const std::filesystem::path& path);

/// The key of an account in the state trie: keccak256(address) (the "secure" trie).
[[nodiscard]] Hash account_trie_key(const Address& address);
/// The state root of `alloc` alone.
[[nodiscard]] Hash genesis_state_root(const Genesis& genesis);
/// The genesis block's header.
[[nodiscard]] types::BlockHeader genesis_header(const Genesis& genesis);

}  // namespace yunlian::chain
