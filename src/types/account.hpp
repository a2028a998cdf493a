#pragma once
// An Ethereum account as the state trie stores it: RLP([nonce, balance, storageRoot, codeHash]).

#include <cstdint>

#include "codec/rlp.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/uint256.hpp"

namespace yunlian::types {

/// keccak256("") — the code hash of an account without code.
inline constexpr Hash kEmptyCodeHash = {{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c,
                                         0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
                                         0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b,
                                         0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

/// keccak256(RLP("")) — the root of an empty Merkle-Patricia trie.
inline constexpr Hash kEmptyTrieRoot = {{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6,
                                         0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
                                         0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0,
                                         0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

struct Account {
    std::uint64_t nonce = 0;
    Uint256 balance;
    Hash storage_root = kEmptyTrieRoot;
    Hash code_hash = kEmptyCodeHash;

    /// EIP-161: no code, zero nonce and zero balance.
    [[nodiscard]] bool is_empty() const noexcept {
        return nonce == 0 && balance.is_zero() && code_hash == kEmptyCodeHash;
    }
    friend bool operator==(const Account&, const Account&) = default;
};

/// The account's RLP, as the state trie's leaf value.
[[nodiscard]] Bytes encode_account(const Account& account);
[[nodiscard]] Result<Account, rlp::RlpError> decode_account(BytesView encoded) noexcept;

}  // namespace yunlian::types
