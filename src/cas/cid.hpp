#pragma once
// Content identifiers (github.com/multiformats/cid). CIDv0 is a bare base58btc sha2-256 multihash
// and always means dag-pb; CIDv1 is <version 1><codec><multihash> in a multibase. Only the dag-pb
// (0x70) and raw (0x55) codecs exist here: they are all that UnixFS uses.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// The multicodec of a block.
enum class Codec : std::uint8_t {
    kDagPb = 0x70,  ///< protobuf merkledag nodes
    kRaw = 0x55,    ///< raw bytes (leaves with --raw-leaves)
};

/// A sha2-256 CID.
struct Cid {
    std::uint8_t version = 1;
    Codec codec = Codec::kRaw;
    Hash digest;

    /// The binary form: the multihash for v0, <0x01><codec><multihash> for v1.
    [[nodiscard]] Bytes to_bytes() const;
    /// The text form: base58btc for v0, "b" + base32 for v1.
    [[nodiscard]] std::string to_string() const;
    /// The sha2-256 multihash (the block store key).
    [[nodiscard]] Bytes multihash() const;

    /// Decodes the binary form from the start of `in`; `length` receives the bytes taken.
    [[nodiscard]] static Result<Cid, CasError> from_prefix(BytesView in, std::size_t& length);
    /// Decodes exactly one binary CID.
    [[nodiscard]] static Result<Cid, CasError> from_bytes(BytesView in);
    /// Parses the text form: a 46-character "Qm..." v0, or a 'b' (base32), 'B' (BASE32) or 'z'
    /// (base58btc) multibase v1.
    [[nodiscard]] static Result<Cid, CasError> parse(std::string_view text);

    friend auto operator<=>(const Cid&, const Cid&) = default;
    friend bool operator==(const Cid&, const Cid&) = default;
};

}  // namespace yunlian::cas
