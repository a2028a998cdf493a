#pragma once
// Plain UnixFS directories (`add -r`): a dag-pb node with UnixFS Data {Type: Directory} and one
// named link per entry, sorted by the bytes of the name (the dag-pb canonical order that
// @ipld/dag-pb's prepare() applies). HAMT-sharded directories are not built: ipfs-unixfs-importer
// switches to them only past 256 KiB of links, far beyond the directories this is tested with.

#include <filesystem>
#include <string>
#include <vector>

#include "cas/block_io.hpp"
#include "cas/file_builder.hpp"

namespace yunlian::cas {

/// One entry of a directory being built.
struct DirEntry {
    std::string name;
    AddedNode node;
};

/// Builds and stores a directory node over `entries` (any order; names must be unique and valid).
/// Throws std::invalid_argument on a bad or duplicate name.
[[nodiscard]] AddedNode add_directory_node(std::vector<DirEntry> entries, const AddOptions& options,
                                           BlockSink& sink);

/// Imports a file, or with `recursive` a directory tree (regular files and directories only;
/// anything else is an error). Throws on I/O failure.
[[nodiscard]] AddedNode add_path(const std::filesystem::path& path, bool recursive,
                                 const AddOptions& options, BlockSink& sink);

}  // namespace yunlian::cas
