#pragma once
// The ways content-addressed data can be wrong. Every decoder in cas returns one of these, named
// after the rule that was broken, so that a bad CID string, block or CAR file never crashes.

#include <string>
#include <string_view>

namespace yunlian::cas {

enum class CasError {
    kTruncated,             ///< input ended inside a value
    kVarintOverflow,        ///< a varint longer than the format allows
    kVarintNotMinimal,      ///< a varint with redundant trailing zero groups (multiformats spec)
    kUnsupportedHash,       ///< a multihash other than sha2-256
    kBadDigestLength,       ///< a sha2-256 multihash whose length is not 32
    kEmptyCid,              ///< an empty CID string
    kUnsupportedMultibase,  ///< a multibase prefix other than 'b' (base32) or 'z' (base58btc)
    kBadBase58,             ///< a character outside the base58btc alphabet
    kBadBase32,             ///< a character outside RFC 4648 base32, or non-zero padding bits
    kCidTooLong,            ///< a CID string longer than any sha2-256 CID can be
    kBadCidVersion,         ///< a CID version other than 0 or 1, or a v0 CID in v1 form
    kUnsupportedCodec,      ///< a codec other than dag-pb (0x70) or raw (0x55)
    kTrailingBytes,         ///< bytes after a complete value
    kBadWireType,           ///< a protobuf field with the wrong wire type
    kUnknownField,          ///< a protobuf field the schema does not have
    kFieldOrder,            ///< dag-pb fields out of canonical order (links before data)
    kDuplicateField,        ///< a non-repeated protobuf field given twice
    kMissingField,          ///< a required field (PBLink.Hash, Data.Type) is absent
    kBadUnixfsType,         ///< a UnixFS type outside the enum, or not supported here
    kBlockSizesMismatch,    ///< UnixFS blocksizes do not match the links or the file size
    kBadLinkName,           ///< a directory link name that is empty, "." or "..", or has '/'
    kDuplicateLinkName,     ///< two directory entries with one name
    kBadCarHeader,          ///< a CAR header that is not {roots: [CID...], version: 1}
    kBlockTooLarge,         ///< a block or section larger than the limit
    kHashMismatch,          ///< a block whose bytes do not hash to its CID
};

/// A short English name of the error, for messages.
[[nodiscard]] std::string_view to_string(CasError error) noexcept;

/// What went wrong above the formats: the block store, the reader, CAR and the gateway.
enum class FailureKind {
    kMalformed,            ///< a block or input that does not decode (see `format`)
    kNotFound,             ///< a block, link or path that does not exist
    kIntegrity,            ///< a stored block whose bytes do not hash to its CID
    kNotAFile,             ///< a file operation on a directory
    kNotADirectory,        ///< a path step or listing below a file
    kRangeNotSatisfiable,  ///< a byte range beyond the end of the file
    kTooDeep,              ///< a DAG deeper than the reader accepts
    kIo,                   ///< the file system or the database failed
};

/// A failure with its subject (a CID, a path or a message).
struct Failure {
    FailureKind kind = FailureKind::kIo;
    std::string subject;
    CasError format = CasError::kTruncated;  ///< meaningful when kind is kMalformed
};

/// "integrity error: block <cid> does not match its hash" and the like.
[[nodiscard]] std::string describe(const Failure& failure);

}  // namespace yunlian::cas
