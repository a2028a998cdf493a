#pragma once
// Reading UnixFS back: resolve a path through directories, list a directory, and stream any byte
// range of a file. A range read descends only into the children whose bytes overlap the range
// (using each node's blocksizes), so what is skipped is never fetched. Every block comes from a
// BlockSource, which verifies it against its CID.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cas/block_io.hpp"
#include "cas/cid.hpp"

namespace yunlian::cas {

/// What a CID names.
enum class NodeKind : std::uint8_t { kFile, kDirectory };

/// The kind of a node and, for a file, its size in bytes.
struct NodeInfo {
    NodeKind kind = NodeKind::kFile;
    std::uint64_t size = 0;
};

/// One entry of a directory.
struct DirListing {
    std::string name;
    Cid cid;
    std::uint64_t tsize = 0;
};

/// "<cid>[/path...]" split into the CID and the path below it (no leading '/').
struct ContentPath {
    Cid root;
    std::string path;
};

/// Parses "CID", "CID/a/b" or "/ipfs/CID/a/b". Empty segments ("a//b", trailing '/') are ignored.
[[nodiscard]] Result<ContentPath, CasError> parse_content_path(std::string_view text);

/// Receives file bytes in order.
using ByteSink = std::function<void(BytesView)>;

/// Reads UnixFS DAGs from a block source. The source must allow concurrent get(): a read fetches
/// the next child on a helper thread while the current one is delivered.
class DagReader {
  public:
    explicit DagReader(const BlockSource& source) noexcept : m_source(source) {}

    /// Follows `path` (segments separated by '/') from `root` through directories.
    [[nodiscard]] Result<Cid, Failure> resolve(const Cid& root, std::string_view path) const;
    /// Whether `cid` is a file or a directory, and a file's size.
    [[nodiscard]] Result<NodeInfo, Failure> stat(const Cid& cid) const;
    /// The entries of a directory, in stored (name) order.
    [[nodiscard]] Result<std::vector<DirListing>, Failure> list(const Cid& cid) const;
    /// Streams bytes [offset, offset + length) of a file, clipped to its end. An offset past the
    /// end (other than 0 of an empty file) is kRangeNotSatisfiable.
    [[nodiscard]] Result<void, Failure> read(const Cid& cid, std::uint64_t offset,
                                             std::uint64_t length, const ByteSink& sink) const;

  private:
    Result<void, Failure> read_node(const Cid& cid, std::uint64_t expected_size,
                                    std::uint64_t begin, std::uint64_t end, unsigned depth,
                                    const ByteSink& sink) const;
    Result<void, Failure> read_block(const Cid& cid, Bytes block, std::uint64_t expected_size,
                                     std::uint64_t begin, std::uint64_t end, unsigned depth,
                                     const ByteSink& sink) const;

    const BlockSource& m_source;
};

}  // namespace yunlian::cas
