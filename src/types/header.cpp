#include "types/header.hpp"

#include "codec/rlp_uint256.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::types {

namespace {

Unexpected<HeaderError> rlp_error(rlp::RlpError e) {
    return Unexpected(HeaderError{HeaderErrorCode::kRlp, e});
}

template <std::size_t N>
Result<void, HeaderError> read_fixed(rlp::ListReader& list, FixedBytes<N>& out) {
    auto v = list.fixed<N>();
    if (!v) return rlp_error(v.error());
    out = *v;
    return {};
}

Result<void, HeaderError> read_u64(rlp::ListReader& list, std::uint64_t& out) {
    auto v = list.uint64();
    if (!v) return rlp_error(v.error());
    out = *v;
    return {};
}

Result<void, HeaderError> read_u256(rlp::ListReader& list, Uint256& out) {
    auto v = rlp::read_uint256(list);
    if (!v) return rlp_error(v.error());
    out = *v;
    return {};
}

// The mandatory fields, in order; any failure stops at the first error.
Result<void, HeaderError> read_mandatory(rlp::ListReader& list, BlockHeader& h) {
    Result<void, HeaderError> r;
    if (!(r = read_fixed(list, h.parent_hash))) return r;
    if (!(r = read_fixed(list, h.ommers_hash))) return r;
    if (!(r = read_fixed(list, h.beneficiary))) return r;
    if (!(r = read_fixed(list, h.state_root))) return r;
    if (!(r = read_fixed(list, h.transactions_root))) return r;
    if (!(r = read_fixed(list, h.receipts_root))) return r;
    if (!(r = read_fixed(list, h.logs_bloom))) return r;
    if (!(r = read_u256(list, h.difficulty))) return r;
    if (!(r = read_u64(list, h.block_num))) return r;
    if (!(r = read_u64(list, h.gas_limit))) return r;
    if (!(r = read_u64(list, h.gas_used))) return r;
    if (!(r = read_u64(list, h.timestamp))) return r;
    auto extra = list.bytes();
    if (!extra) return rlp_error(extra.error());
    h.extra_data = to_bytes(*extra);
    if (!(r = read_fixed(list, h.mix_hash))) return r;
    return read_fixed(list, h.nonce);
}

}  // namespace

void encode_header(Bytes& out, const BlockHeader& h) {
    Bytes p;
    p.reserve(600 + h.extra_data.size());
    rlp::encode_string(p, h.parent_hash.view());
    rlp::encode_string(p, h.ommers_hash.view());
    rlp::encode_string(p, h.beneficiary.view());
    rlp::encode_string(p, h.state_root.view());
    rlp::encode_string(p, h.transactions_root.view());
    rlp::encode_string(p, h.receipts_root.view());
    rlp::encode_string(p, h.logs_bloom.view());
    rlp::encode_uint(p, h.difficulty);
    rlp::encode_uint(p, h.block_num);
    rlp::encode_uint(p, h.gas_limit);
    rlp::encode_uint(p, h.gas_used);
    rlp::encode_uint(p, h.timestamp);
    rlp::encode_string(p, h.extra_data);
    rlp::encode_string(p, h.mix_hash.view());
    rlp::encode_string(p, h.nonce.view());
    // Later forks' fields only ever appear as a prefix of this sequence.
    if (h.base_fee_per_gas) rlp::encode_uint(p, *h.base_fee_per_gas);
    if (h.withdrawals_root) rlp::encode_string(p, h.withdrawals_root->view());
    if (h.blob_gas_used) rlp::encode_uint(p, *h.blob_gas_used);
    if (h.excess_blob_gas) rlp::encode_uint(p, *h.excess_blob_gas);
    if (h.parent_beacon_block_root) rlp::encode_string(p, h.parent_beacon_block_root->view());
    rlp::encode_list_header(out, p.size());
    append(out, p);
}

Bytes encode_header(const BlockHeader& header) {
    Bytes out;
    encode_header(out, header);
    return out;
}

Result<BlockHeader, HeaderError> decode_header(rlp::ListReader list) {
    BlockHeader h;
    if (auto r = read_mandatory(list, h); !r) return Unexpected(r.error());
    if (!list.empty()) {
        Uint256 base_fee;
        if (auto r = read_u256(list, base_fee); !r) return Unexpected(r.error());
        h.base_fee_per_gas = base_fee;
    }
    if (!list.empty()) {
        Hash root;
        if (auto r = read_fixed(list, root); !r) return Unexpected(r.error());
        h.withdrawals_root = root;
    }
    if (!list.empty()) {
        std::uint64_t used = 0;
        if (auto r = read_u64(list, used); !r) return Unexpected(r.error());
        h.blob_gas_used = used;
        std::uint64_t excess = 0;
        if (list.empty()) return Unexpected(HeaderError{HeaderErrorCode::kOptionalFieldGap});
        if (auto r = read_u64(list, excess); !r) return Unexpected(r.error());
        h.excess_blob_gas = excess;
    }
    if (!list.empty()) {
        Hash root;
        if (auto r = read_fixed(list, root); !r) return Unexpected(r.error());
        h.parent_beacon_block_root = root;
    }
    if (auto done = list.finish(); !done) return rlp_error(done.error());
    return h;
}

Result<BlockHeader, HeaderError> decode_header(BytesView encoded) {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return rlp_error(list.error());
    return decode_header(*list);
}

Hash header_hash(const BlockHeader& header) { return crypto::keccak256(encode_header(header)); }

}  // namespace yunlian::types
