#pragma once
// The two multibase encodings CIDs use (github.com/multiformats/multibase): base58btc (the
// Bitcoin alphabet, prefix 'z', and the whole of a CIDv0) and base32 (RFC 4648 lower case without
// padding, prefix 'b', the default text form of a CIDv1).

#include <string>
#include <string_view>

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// base58btc of `data`, without a multibase prefix.
[[nodiscard]] std::string encode_base58btc(BytesView data);

/// Decodes base58btc text (no prefix). Quadratic in the length: callers bound the length.
[[nodiscard]] Result<Bytes, CasError> decode_base58btc(std::string_view text);

/// Lower-case RFC 4648 base32 of `data`, unpadded, without a multibase prefix.
[[nodiscard]] std::string encode_base32(BytesView data);

/// Decodes unpadded base32 (lower or upper case as `upper` says); rejects non-zero pad bits.
[[nodiscard]] Result<Bytes, CasError> decode_base32(std::string_view text, bool upper = false);

}  // namespace yunlian::cas
