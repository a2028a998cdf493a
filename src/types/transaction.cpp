#include "types/transaction.hpp"

#include "codec/rlp_uint256.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::types {

namespace {

// secp256k1 group order n, and n / 2 for the EIP-2 low-S rule.
constexpr Uint256 kSecpN = Uint256::from_limbs(0xbfd25e8cd0364141ULL, 0xbaaedce6af48a03bULL,
                                               0xfffffffffffffffeULL, 0xffffffffffffffffULL);
constexpr Uint256 kSecpHalfN = Uint256::from_limbs(0xdfe92f46681b20a0ULL, 0x5d576e7357a4501dULL,
                                                   0xffffffffffffffffULL, 0x7fffffffffffffffULL);

Unexpected<TxError> rlp_error(rlp::RlpError e) { return Unexpected(TxError{TxErrorCode::kRlp, e}); }
Unexpected<TxError> tx_error(TxErrorCode code) { return Unexpected(TxError{code}); }

void encode_to(Bytes& out, const std::optional<Address>& to) {
    if (to) {
        rlp::encode_string(out, to->view());
    } else {
        rlp::encode_string(out, BytesView{});
    }
}

// The fields shared by every signing payload and encoding, in each type's order, without the
// signature. `for_signing_legacy` adds EIP-155's [chain_id, 0, 0] for legacy transactions.
Bytes unsigned_payload(const Transaction& txn, bool for_signing_legacy) {
    Bytes p;
    p.reserve(128 + txn.data.size());
    switch (txn.type) {
        case TxType::kLegacy:
            rlp::encode_uint(p, txn.nonce);
            rlp::encode_uint(p, txn.gas_price);
            rlp::encode_uint(p, txn.gas_limit);
            encode_to(p, txn.to);
            rlp::encode_uint(p, txn.value);
            rlp::encode_string(p, txn.data);
            if (for_signing_legacy && txn.chain_id) {
                rlp::encode_uint(p, *txn.chain_id);
                rlp::encode_uint(p, std::uint64_t{0});
                rlp::encode_uint(p, std::uint64_t{0});
            }
            break;
        case TxType::kAccessList:
            rlp::encode_uint(p, txn.chain_id.value_or(0));
            rlp::encode_uint(p, txn.nonce);
            rlp::encode_uint(p, txn.gas_price);
            rlp::encode_uint(p, txn.gas_limit);
            encode_to(p, txn.to);
            rlp::encode_uint(p, txn.value);
            rlp::encode_string(p, txn.data);
            encode_access_list(p, txn.access_list);
            break;
        case TxType::kDynamicFee:
            rlp::encode_uint(p, txn.chain_id.value_or(0));
            rlp::encode_uint(p, txn.nonce);
            rlp::encode_uint(p, txn.max_priority_fee_per_gas);
            rlp::encode_uint(p, txn.max_fee_per_gas);
            rlp::encode_uint(p, txn.gas_limit);
            encode_to(p, txn.to);
            rlp::encode_uint(p, txn.value);
            rlp::encode_string(p, txn.data);
            encode_access_list(p, txn.access_list);
            break;
    }
    return p;
}

Bytes signed_payload(const Transaction& txn) {
    Bytes p = unsigned_payload(txn, false);
    if (txn.type == TxType::kLegacy) {
        rlp::encode_uint(p, txn.legacy_v());
    } else {
        rlp::encode_uint(p, std::uint64_t{txn.y_parity});
    }
    rlp::encode_uint(p, txn.r);
    rlp::encode_uint(p, txn.s);
    return p;
}

Result<std::optional<Address>, TxError> read_to(rlp::ListReader& list) {
    auto to = list.bytes();
    if (!to) return rlp_error(to.error());
    if (to->empty()) return std::optional<Address>{};
    if (to->size() != Address::kSize) return tx_error(TxErrorCode::kInvalidTo);
    return std::optional<Address>{Address::from_view(*to)};
}

// Reads the fields common to all types after the fee fields: gas, to, value, data.
Result<void, TxError> read_call_fields(rlp::ListReader& list, Transaction& txn) {
    auto gas = list.uint64();
    if (!gas) return rlp_error(gas.error());
    txn.gas_limit = *gas;
    auto to = read_to(list);
    if (!to) return Unexpected(to.error());
    txn.to = *to;
    auto value = rlp::read_uint256(list);
    if (!value) return rlp_error(value.error());
    txn.value = *value;
    auto data = list.bytes();
    if (!data) return rlp_error(data.error());
    txn.data = to_bytes(*data);
    return {};
}

Result<void, TxError> read_signature(rlp::ListReader& list, Transaction& txn) {
    auto r = rlp::read_uint256(list);
    if (!r) return rlp_error(r.error());
    auto s = rlp::read_uint256(list);
    if (!s) return rlp_error(s.error());
    txn.r = *r;
    txn.s = *s;
    if (auto done = list.finish(); !done) return rlp_error(done.error());
    return {};
}

Result<Transaction, TxError> decode_legacy(BytesView encoded) {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return rlp_error(list.error());
    Transaction txn;
    txn.type = TxType::kLegacy;
    auto nonce = list->uint64();
    if (!nonce) return rlp_error(nonce.error());
    txn.nonce = *nonce;
    auto gas_price = rlp::read_uint256(*list);
    if (!gas_price) return rlp_error(gas_price.error());
    txn.gas_price = *gas_price;
    if (auto fields = read_call_fields(*list, txn); !fields) return Unexpected(fields.error());
    auto v = rlp::read_uint256(*list);
    if (!v) return rlp_error(v.error());
    if (*v == Uint256(27) || *v == Uint256(28)) {
        txn.y_parity = static_cast<std::uint8_t>(v->low_u64() - 27);
    } else if (*v >= Uint256(35)) {
        const Uint256 id = (*v - Uint256(35)) >> 1U;
        if (!id.fits_u64()) return tx_error(TxErrorCode::kChainIdOverflow);
        txn.chain_id = id.low_u64();
        txn.y_parity = static_cast<std::uint8_t>((v->low_u64() - 35) & 1U);
    } else {
        return tx_error(TxErrorCode::kInvalidV);
    }
    if (auto sig = read_signature(*list, txn); !sig) return Unexpected(sig.error());
    return txn;
}

Result<Transaction, TxError> decode_typed(TxType type, BytesView body) {
    auto list = rlp::ListReader::open(body);
    if (!list) return rlp_error(list.error());
    Transaction txn;
    txn.type = type;
    auto chain_id = list->uint64();
    if (!chain_id) {
        return chain_id.error() == rlp::RlpError::kOverflow
                   ? tx_error(TxErrorCode::kChainIdOverflow)
                   : rlp_error(chain_id.error());
    }
    txn.chain_id = *chain_id;
    auto nonce = list->uint64();
    if (!nonce) return rlp_error(nonce.error());
    txn.nonce = *nonce;
    if (type == TxType::kDynamicFee) {
        auto tip = rlp::read_uint256(*list);
        if (!tip) return rlp_error(tip.error());
        auto cap = rlp::read_uint256(*list);
        if (!cap) return rlp_error(cap.error());
        txn.max_priority_fee_per_gas = *tip;
        txn.max_fee_per_gas = *cap;
    } else {
        auto price = rlp::read_uint256(*list);
        if (!price) return rlp_error(price.error());
        txn.gas_price = *price;
    }
    if (auto fields = read_call_fields(*list, txn); !fields) return Unexpected(fields.error());
    auto access = list->list();
    if (!access) return rlp_error(access.error());
    auto access_list = decode_access_list(*access);
    if (!access_list) return Unexpected(access_list.error());
    txn.access_list = std::move(*access_list);
    auto parity = list->uint64();
    if (!parity) return rlp_error(parity.error());
    if (*parity > 1) return tx_error(TxErrorCode::kInvalidYParity);
    txn.y_parity = static_cast<std::uint8_t>(*parity);
    if (auto sig = read_signature(*list, txn); !sig) return Unexpected(sig.error());
    return txn;
}

}  // namespace

std::string_view TxError::message() const noexcept {
    switch (code) {
        case TxErrorCode::kRlp:
            return rlp::to_string(rlp);
        case TxErrorCode::kEmptyInput:
            return "typed transaction too short";
        case TxErrorCode::kUnsupportedType:
            return "transaction type not supported";
        case TxErrorCode::kInvalidTo:
            return "invalid recipient address length";
        case TxErrorCode::kInvalidV:
            return "invalid transaction v value";
        case TxErrorCode::kInvalidYParity:
            return "invalid transaction y parity";
        case TxErrorCode::kChainIdOverflow:
            return "chain id does not fit in 64 bits";
        case TxErrorCode::kInvalidSignature:
            return "invalid transaction v, r, s values";
        case TxErrorCode::kHighS:
            return "invalid transaction v, r, s values (s above n/2)";
        case TxErrorCode::kRecoveryFailed:
            return "invalid sender: signature recovery failed";
    }
    return "invalid transaction";
}

Uint256 Transaction::effective_gas_price(const Uint256& base_fee) const noexcept {
    if (type != TxType::kDynamicFee) return gas_price;
    const Uint256 tip_cap = max_fee_per_gas - base_fee;
    const Uint256 tip = max_priority_fee_per_gas < tip_cap ? max_priority_fee_per_gas : tip_cap;
    return base_fee + tip;
}

Uint256 Transaction::legacy_v() const noexcept {
    if (!chain_id) return Uint256(27U + y_parity);
    return Uint256(*chain_id) * Uint256(2) + Uint256(35U + y_parity);
}

void encode_access_list(Bytes& out, const AccessList& list) {
    Bytes entries;
    for (const auto& entry : list) {
        Bytes keys;
        keys.reserve(entry.storage_keys.size() * 33);
        for (const auto& key : entry.storage_keys) rlp::encode_string(keys, key.view());
        Bytes item;
        rlp::encode_string(item, entry.address.view());
        rlp::encode_list_header(item, keys.size());
        append(item, keys);
        rlp::encode_list_header(entries, item.size());
        append(entries, item);
    }
    rlp::encode_list_header(out, entries.size());
    append(out, entries);
}

Result<AccessList, TxError> decode_access_list(rlp::ListReader list) {
    AccessList out;
    while (!list.empty()) {
        auto entry = list.list();
        if (!entry) return rlp_error(entry.error());
        AccessListEntry decoded;
        auto address = entry->fixed<20>();
        if (!address) return rlp_error(address.error());
        decoded.address = *address;
        auto keys = entry->list();
        if (!keys) return rlp_error(keys.error());
        while (!keys->empty()) {
            auto key = keys->fixed<32>();
            if (!key) return rlp_error(key.error());
            decoded.storage_keys.push_back(*key);
        }
        if (auto done = entry->finish(); !done) return rlp_error(done.error());
        out.push_back(std::move(decoded));
    }
    return out;
}

Bytes encode_transaction(const Transaction& txn) {
    const Bytes payload = signed_payload(txn);
    if (txn.type == TxType::kLegacy) return rlp::wrap_list(payload);
    Bytes out;
    out.reserve(1 + rlp::header_size(payload.size()) + payload.size());
    out.push_back(static_cast<std::uint8_t>(txn.type));
    rlp::encode_list_header(out, payload.size());
    append(out, payload);
    return out;
}

void encode_transaction_item(Bytes& out, const Transaction& txn) {
    const Bytes encoded = encode_transaction(txn);
    if (txn.type == TxType::kLegacy) {
        append(out, encoded);
    } else {
        rlp::encode_string(out, encoded);
    }
}

Result<Transaction, TxError> decode_transaction(BytesView encoded) {
    if (encoded.empty()) return tx_error(TxErrorCode::kEmptyInput);
    const std::uint8_t first = encoded[0];
    // EIP-2718: a leading byte >= 0xc0 starts an RLP list, i.e. a legacy transaction.
    if (first >= 0xc0) return decode_legacy(encoded);
    if (first == static_cast<std::uint8_t>(TxType::kAccessList) ||
        first == static_cast<std::uint8_t>(TxType::kDynamicFee)) {
        return decode_typed(static_cast<TxType>(first), encoded.subspan(1));
    }
    if (first >= 0x80) return rlp_error(rlp::RlpError::kUnexpectedString);
    return tx_error(TxErrorCode::kUnsupportedType);
}

Result<Transaction, TxError> decode_transaction_item(rlp::Item item) {
    if (item.is_list) {
        // Re-encode the header-less view: a legacy item is its own list encoding.
        Bytes whole;
        rlp::encode_list_header(whole, item.payload.size());
        append(whole, item.payload);
        return decode_legacy(whole);
    }
    if (!item.payload.empty() && item.payload[0] >= 0xc0) {
        // A legacy transaction must not be wrapped in a string.
        return tx_error(TxErrorCode::kUnsupportedType);
    }
    return decode_transaction(item.payload);
}

Hash signing_hash(const Transaction& txn) {
    const Bytes payload = unsigned_payload(txn, true);
    Bytes msg;
    msg.reserve(1 + rlp::header_size(payload.size()) + payload.size());
    if (txn.type != TxType::kLegacy) msg.push_back(static_cast<std::uint8_t>(txn.type));
    rlp::encode_list_header(msg, payload.size());
    append(msg, payload);
    return crypto::keccak256(msg);
}

Hash transaction_hash(const Transaction& txn) { return crypto::keccak256(encode_transaction(txn)); }

Result<Address, TxError> recover_sender(const Transaction& txn) {
    if (txn.r.is_zero() || txn.s.is_zero() || txn.r >= kSecpN || txn.s >= kSecpN) {
        return tx_error(TxErrorCode::kInvalidSignature);
    }
    if (txn.s > kSecpHalfN) return tx_error(TxErrorCode::kHighS);
    const crypto::Signature sig{txn.r.to_be_bytes(), txn.s.to_be_bytes(), txn.y_parity};
    auto sender = crypto::recover_address(signing_hash(txn), sig);
    if (!sender) return tx_error(TxErrorCode::kRecoveryFailed);
    return *sender;
}

Result<void, TxError> sign_transaction(Transaction& txn, const crypto::PrivateKey& key) {
    auto sig = crypto::sign(signing_hash(txn), key);
    if (!sig) return tx_error(TxErrorCode::kInvalidSignature);
    txn.r = Uint256::from_be_bytes(sig->r.view());
    txn.s = Uint256::from_be_bytes(sig->s.view());
    txn.y_parity = sig->recovery_id;
    return {};
}

}  // namespace yunlian::types
