#include "cas/multihash.hpp"

#include "cas/varint.hpp"

namespace yunlian::cas {

FixedBytes<kMultihashSize> encode_multihash(const Hash& digest) noexcept {
    FixedBytes<kMultihashSize> out;
    out[0] = static_cast<std::uint8_t>(kSha256Code);
    out[1] = static_cast<std::uint8_t>(Hash::size());
    std::copy(digest.begin(), digest.end(), out.begin() + 2);
    return out;
}

Result<DecodedMultihash, CasError> decode_multihash(BytesView in) noexcept {
    const auto code = decode_varint(in);
    if (!code) return Unexpected(code.error());
    if (code->value != kSha256Code) return Unexpected(CasError::kUnsupportedHash);
    const auto length = decode_varint(in.subspan(code->length));
    if (!length) return Unexpected(length.error());
    if (length->value != Hash::size()) return Unexpected(CasError::kBadDigestLength);
    const std::size_t start = code->length + length->length;
    if (in.size() - start < Hash::size()) return Unexpected(CasError::kTruncated);
    return DecodedMultihash{Hash::from_view(in.subspan(start, Hash::size())), start + Hash::size()};
}

}  // namespace yunlian::cas
