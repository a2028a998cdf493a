#include "cas/error.hpp"

#include <fmt/core.h>

namespace yunlian::cas {

std::string_view to_string(CasError error) noexcept {
    switch (error) {
        case CasError::kTruncated:
            return "truncated input";
        case CasError::kVarintOverflow:
            return "varint overflow";
        case CasError::kVarintNotMinimal:
            return "varint not minimally encoded";
        case CasError::kUnsupportedHash:
            return "unsupported multihash (only sha2-256)";
        case CasError::kBadDigestLength:
            return "bad digest length";
        case CasError::kEmptyCid:
            return "empty CID";
        case CasError::kUnsupportedMultibase:
            return "unsupported multibase";
        case CasError::kBadBase58:
            return "invalid base58btc";
        case CasError::kBadBase32:
            return "invalid base32";
        case CasError::kCidTooLong:
            return "CID too long";
        case CasError::kBadCidVersion:
            return "bad CID version";
        case CasError::kUnsupportedCodec:
            return "unsupported codec (only dag-pb and raw)";
        case CasError::kTrailingBytes:
            return "trailing bytes";
        case CasError::kBadWireType:
            return "bad protobuf wire type";
        case CasError::kUnknownField:
            return "unknown protobuf field";
        case CasError::kFieldOrder:
            return "dag-pb fields out of canonical order";
        case CasError::kDuplicateField:
            return "duplicate protobuf field";
        case CasError::kMissingField:
            return "missing required field";
        case CasError::kBadUnixfsType:
            return "bad UnixFS type";
        case CasError::kBlockSizesMismatch:
            return "UnixFS blocksizes mismatch";
        case CasError::kBadLinkName:
            return "bad directory link name";
        case CasError::kDuplicateLinkName:
            return "duplicate directory link name";
        case CasError::kBadCarHeader:
            return "bad CAR header";
        case CasError::kBlockTooLarge:
            return "block too large";
        case CasError::kHashMismatch:
            return "block does not match its CID";
    }
    return "unknown error";
}

std::string describe(const Failure& failure) {
    switch (failure.kind) {
        case FailureKind::kMalformed:
            return fmt::format("malformed: {}: {}", to_string(failure.format), failure.subject);
        case FailureKind::kNotFound:
            return fmt::format("not found: {}", failure.subject);
        case FailureKind::kIntegrity:
            return fmt::format("integrity error: block {} does not match its hash",
                               failure.subject);
        case FailureKind::kNotAFile:
            return fmt::format("not a file: {}", failure.subject);
        case FailureKind::kNotADirectory:
            return fmt::format("not a directory: {}", failure.subject);
        case FailureKind::kRangeNotSatisfiable:
            return fmt::format("range not satisfiable: {}", failure.subject);
        case FailureKind::kTooDeep:
            return fmt::format("DAG too deep: {}", failure.subject);
        case FailureKind::kIo:
            return fmt::format("I/O error: {}", failure.subject);
    }
    return "unknown failure";
}

}  // namespace yunlian::cas
