#include "cas/cid.hpp"

#include "cas/multibase.hpp"
#include "cas/multihash.hpp"
#include "cas/varint.hpp"

namespace yunlian::cas {
namespace {

// A v1 sha2-256 CID is 36 bytes, 58 base32 characters; anything much longer is not a CID and
// would only cost quadratic base58 decoding time.
constexpr std::size_t kMaxCidText = 100;

Result<Codec, CasError> to_codec(std::uint64_t code) noexcept {
    if (code == static_cast<std::uint64_t>(Codec::kDagPb)) return Codec::kDagPb;
    if (code == static_cast<std::uint64_t>(Codec::kRaw)) return Codec::kRaw;
    return Unexpected(CasError::kUnsupportedCodec);
}

}  // namespace

Bytes Cid::multihash() const {
    const auto mh = encode_multihash(digest);
    return yunlian::to_bytes(mh.view());
}

Bytes Cid::to_bytes() const {
    if (version == 0) return multihash();
    Bytes out;
    out.reserve(2 + kMultihashSize);
    out.push_back(1);
    append_varint(out, static_cast<std::uint64_t>(codec));
    const auto mh = encode_multihash(digest);
    append(out, mh.view());
    return out;
}

std::string Cid::to_string() const {
    if (version == 0) return encode_base58btc(to_bytes());
    std::string out = "b";
    out += encode_base32(to_bytes());
    return out;
}

Result<Cid, CasError> Cid::from_prefix(BytesView in, std::size_t& length) {
    // A v0 CID begins with the sha2-256 multihash code 0x12 and length 0x20 (CID spec,
    // "Decoding Algorithm"); a v1 CID begins with the version varint 1.
    if (in.size() >= 2 && in[0] == kSha256Code && in[1] == Hash::size()) {
        const auto mh = decode_multihash(in);
        if (!mh) return Unexpected(mh.error());
        length = mh->length;
        return Cid{0, Codec::kDagPb, mh->digest};
    }
    const auto version = decode_varint(in);
    if (!version) return Unexpected(version.error());
    if (version->value != 1) return Unexpected(CasError::kBadCidVersion);
    std::size_t pos = version->length;
    const auto code = decode_varint(in.subspan(pos));
    if (!code) return Unexpected(code.error());
    const auto codec = to_codec(code->value);
    if (!codec) return Unexpected(codec.error());
    pos += code->length;
    const auto mh = decode_multihash(in.subspan(pos));
    if (!mh) return Unexpected(mh.error());
    length = pos + mh->length;
    return Cid{1, *codec, mh->digest};
}

Result<Cid, CasError> Cid::from_bytes(BytesView in) {
    std::size_t length = 0;
    auto cid = from_prefix(in, length);
    if (!cid) return cid;
    if (length != in.size()) return Unexpected(CasError::kTrailingBytes);
    return cid;
}

Result<Cid, CasError> Cid::parse(std::string_view text) {
    if (text.empty()) return Unexpected(CasError::kEmptyCid);
    if (text.size() > kMaxCidText) return Unexpected(CasError::kCidTooLong);
    if (text.size() == 46 && text.starts_with("Qm")) {
        auto bytes = decode_base58btc(text);
        if (!bytes) return Unexpected(bytes.error());
        auto cid = from_bytes(*bytes);
        if (cid && cid->version != 0) return Unexpected(CasError::kBadCidVersion);
        return cid;
    }
    Result<Bytes, CasError> bytes = Unexpected(CasError::kUnsupportedMultibase);
    switch (text[0]) {
        case 'b':
            bytes = decode_base32(text.substr(1), false);
            break;
        case 'B':
            bytes = decode_base32(text.substr(1), true);
            break;
        case 'z':
            bytes = decode_base58btc(text.substr(1));
            break;
        default:
            break;
    }
    if (!bytes) return Unexpected(bytes.error());
    // A v0 CID has no multibase form: a multibase string must hold a v1 CID.
    if (bytes->empty() || (*bytes)[0] != 1) return Unexpected(CasError::kBadCidVersion);
    return from_bytes(*bytes);
}

}  // namespace yunlian::cas
