#pragma once
// Signed test transactions for the pool tests.

#include "common/hex.hpp"
#include "crypto/secp256k1.hpp"
#include "types/transaction.hpp"

namespace yunlian::txpool::test {

inline crypto::PrivateKey key(std::uint8_t n) {
    FixedBytes<32> bytes{};
    bytes[31] = n;
    return *crypto::parse_private_key(bytes.view());
}

inline Address address_of(std::uint8_t n) {
    return crypto::address_of(*crypto::public_key_of(key(n)));
}

inline constexpr std::uint64_t kChainId = 20261;
inline constexpr std::uint64_t kGwei = 1'000'000'000;

/// An EIP-1559 transfer from key `n`.
inline types::Transaction transfer(std::uint8_t n, std::uint64_t nonce, std::uint64_t max_fee_gwei,
                                   std::uint64_t tip_gwei, std::uint64_t gas = 21'000) {
    types::Transaction t;
    t.type = types::TxType::kDynamicFee;
    t.chain_id = kChainId;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{max_fee_gwei * kGwei};
    t.max_priority_fee_per_gas = Uint256{tip_gwei * kGwei};
    t.gas_limit = gas;
    t.to = Address{{0xaa}};
    t.value = Uint256{1};
    (void)types::sign_transaction(t, key(n));
    return t;
}

}  // namespace yunlian::txpool::test
