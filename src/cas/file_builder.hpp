#pragma once
// Imports a file as a UnixFS DAG with the balanced layout that kubo and ipfs-unixfs-importer use by
// default: fixed-size chunks become leaves, leaves are grouped `max_links` at a time under parent
// file nodes, parents again, until one root remains. A file of one chunk is its own root. Every
// node records the file size below it (UnixFS filesize and blocksizes) so a reader can seek.
//
// Memory is bounded by one batch of chunks whatever the file size: the layout keeps at most
// `max_links` pending links per level.

#include <cstdint>
#include <span>
#include <vector>

#include "cas/block_io.hpp"
#include "cas/cid.hpp"

namespace yunlian::cas {

/// kubo's and ipfs-unixfs-importer's default chunk size.
inline constexpr std::size_t kDefaultChunkSize = 262'144;
/// The most links kubo's balanced layout puts in one node.
inline constexpr std::size_t kDefaultMaxLinks = 174;
/// The largest chunk accepted (kubo's limit: a block must stay well below 2 MiB).
inline constexpr std::size_t kMaxChunkSize = 1 << 20;

/// How to import. The defaults are kubo's: CIDv0 and dag-pb leaves.
struct AddOptions {
    std::size_t chunk_size = kDefaultChunkSize;
    std::uint8_t cid_version = 0;
    bool raw_leaves = false;
    std::size_t max_links = kDefaultMaxLinks;
    unsigned hash_threads = 2;  ///< leaves are hashed in parallel; the output does not change
};

/// The options of the "CIDv1 with raw leaves" profile.
[[nodiscard]] inline AddOptions cid_v1_profile() {
    AddOptions options;
    options.cid_version = 1;
    options.raw_leaves = true;
    return options;
}

/// A node just built: its CID, its cumulative size (this block and all below, the Tsize of a
/// link to it) and the number of file bytes below it.
struct AddedNode {
    Cid cid;
    std::uint64_t tsize = 0;
    std::uint64_t file_size = 0;
};

/// Throws std::invalid_argument when the options are out of range.
void check_options(const AddOptions& options);

/// Groups nodes into parents, level by level, exactly as ipfs-unixfs-importer's balanced layout
/// (its `reduce` of batches of `max_links`, recursively, and a single leaf reduced to itself).
class BalancedLayout {
  public:
    BalancedLayout(const AddOptions& options, BlockSink& sink) : m_options(options), m_sink(sink) {}

    /// Adds the next leaf, in file order.
    void push_leaf(const AddedNode& leaf) { push(0, leaf); }
    /// The root, after the last leaf. At least one leaf must have been pushed.
    [[nodiscard]] AddedNode finish();

  private:
    void push(std::size_t level, const AddedNode& node);
    AddedNode make_parent(std::span<const AddedNode> children);

    AddOptions m_options;
    BlockSink& m_sink;
    std::vector<std::vector<AddedNode>> m_levels;
    std::vector<std::uint64_t> m_counts;
};

/// Imports all of `source` as one file; every block goes to `sink`. Throws on read failure.
[[nodiscard]] AddedNode add_file(ByteSource& source, const AddOptions& options, BlockSink& sink);

}  // namespace yunlian::cas
