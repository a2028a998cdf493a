#include "codec/rlp_uint256.hpp"

namespace yunlian::rlp {

void encode_uint(Bytes& out, const Uint256& value) {
    if (value.fits_u64()) {
        encode_uint(out, value.low_u64());
        return;
    }
    const auto full = value.to_be_bytes();
    const std::size_t len = byte_length(value);
    encode_string(out, full.view().subspan(32 - len));
}

Result<Uint256, RlpError> read_uint256(ListReader& list) noexcept {
    auto s = list.bytes();
    if (!s) return Unexpected(s.error());
    auto digits = uint_payload(*s, 32);
    if (!digits) return Unexpected(digits.error());
    return Uint256::from_be_bytes(*digits);
}

}  // namespace yunlian::rlp
