#pragma once
// UnixFS v1 data (github.com/ipfs/specs/blob/main/UNIXFS.md), the protobuf in a dag-pb node's Data:
// message Data { required DataType Type = 1; optional bytes Data = 2; optional uint64 filesize = 3;
// repeated uint64 blocksizes = 4; optional uint64 hashType = 5; optional uint64 fanout = 6;
// optional uint32 mode = 7; optional UnixTime mtime = 8; }. Files, raw nodes and plain directories
// are supported; HAMT shards, symlinks and metadata nodes decode but are reported as unsupported
// by the reader.

#include <cstdint>
#include <optional>
#include <vector>

#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// UnixFS DataType.
enum class UnixfsType : std::uint8_t {
    kRaw = 0,
    kDirectory = 1,
    kFile = 2,
    kMetadata = 3,
    kSymlink = 4,
    kHamtShard = 5,
};

/// A UnixFS Data message. `data` views bytes owned elsewhere.
struct UnixfsData {
    UnixfsType type = UnixfsType::kFile;
    std::optional<BytesView> data;
    std::optional<std::uint64_t> filesize;
    std::vector<std::uint64_t> blocksizes;
};

/// The encoding ipfs-unixfs writes: fields in number order, empty data omitted, filesize present
/// for files and raw nodes, blocksizes unpacked (proto2).
[[nodiscard]] Bytes encode_unixfs(const UnixfsData& data);

/// Decodes a UnixFS Data message strictly.
[[nodiscard]] Result<UnixfsData, CasError> decode_unixfs(BytesView bytes);

/// The bytes a file node covers: its own data plus its children's blocksizes.
[[nodiscard]] std::uint64_t unixfs_content_size(const UnixfsData& data) noexcept;

}  // namespace yunlian::cas
