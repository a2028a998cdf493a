#include "types/account.hpp"

#include "codec/rlp_uint256.hpp"

namespace yunlian::types {

Bytes encode_account(const Account& account) {
    Bytes payload;
    payload.reserve(80);
    rlp::encode_uint(payload, account.nonce);
    rlp::encode_uint(payload, account.balance);
    rlp::encode_string(payload, account.storage_root.view());
    rlp::encode_string(payload, account.code_hash.view());
    return rlp::wrap_list(payload);
}

Result<Account, rlp::RlpError> decode_account(BytesView encoded) noexcept {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return Unexpected(list.error());
    Account account;
    auto nonce = list->uint64();
    if (!nonce) return Unexpected(nonce.error());
    account.nonce = *nonce;
    auto balance = rlp::read_uint256(*list);
    if (!balance) return Unexpected(balance.error());
    account.balance = *balance;
    auto storage_root = list->fixed<32>();
    if (!storage_root) return Unexpected(storage_root.error());
    account.storage_root = *storage_root;
    auto code_hash = list->fixed<32>();
    if (!code_hash) return Unexpected(code_hash.error());
    account.code_hash = *code_hash;
    if (auto done = list->finish(); !done) return Unexpected(done.error());
    return account;
}

}  // namespace yunlian::types
