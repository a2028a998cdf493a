#pragma once
// The block store: blocks keyed by their sha2-256 multihash in RocksDB (column family "blocks",
// large values in blob files so that compaction does not rewrite file data), pins in a column
// family of their own, and a mark-and-sweep garbage collector. Every read is re-hashed and
// checked against the CID asked for; a block that fails is a kIntegrity failure naming the CID.
// RocksDB's headers stay in block_store.cpp.

#include <filesystem>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "cas/block_io.hpp"

namespace yunlian::cas {

/// How a CID is pinned. A recursive pin keeps the whole DAG below it; a direct pin one block.
enum class PinKind : std::uint8_t { kDirect = 1, kRecursive = 2 };

/// What a garbage collection did.
struct GcReport {
    std::uint64_t removed_blocks = 0;
    std::uint64_t kept_blocks = 0;
};

/// A RocksDB block store. Thread-safe for concurrent get(); put() and pins from one thread.
class BlockStore final : public BlockSink, public BlockSource {
  public:
    /// Opens or creates the store in `dir`; throws std::runtime_error when RocksDB cannot.
    explicit BlockStore(const std::filesystem::path& dir);
    ~BlockStore() override;
    BlockStore(const BlockStore&) = delete;
    BlockStore& operator=(const BlockStore&) = delete;

    /// Queues a block; it is written in batches and durable after flush(). Throws on failure.
    void put(const Cid& cid, std::span<const BytesView> parts) override;
    /// Writes queued blocks and flushes them to disk. Throws on failure.
    void flush();
    /// The verified block, kNotFound, or kIntegrity naming the CID.
    [[nodiscard]] Result<Bytes, Failure> get(const Cid& cid) const override;
    /// Whether a block with this digest is stored (not verified).
    [[nodiscard]] bool has(const Cid& cid) const;
    /// The number of stored blocks.
    [[nodiscard]] std::uint64_t block_count() const;

    /// Pins `cid`. With `verify`, a recursive pin first reads and verifies the whole DAG and a
    /// direct pin the block; without, the caller vouches for them (it has just written them).
    [[nodiscard]] Result<void, Failure> pin(const Cid& cid, PinKind kind, bool verify = true);
    /// Removes a pin; false when `cid` was not pinned.
    bool unpin(const Cid& cid);
    /// Every pin, ordered by CID bytes.
    [[nodiscard]] std::vector<std::pair<Cid, PinKind>> pins() const;

    /// Removes every block not reachable from a pin. Refuses (removing nothing) when a pinned
    /// DAG is incomplete or corrupt, since what lies below a bad block cannot be known.
    [[nodiscard]] Result<GcReport, Failure> gc();

    /// Stores bytes under `cid` without any check: a fault-injection hook for the corruption
    /// tests, never used by the library itself.
    void put_unchecked(const Cid& cid, BytesView bytes);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Visits every block of the DAG under `root` once, parents before children (depth first, links
/// in order), stopping at the first failure.
[[nodiscard]] Result<void, Failure> walk_dag(
    const BlockSource& source, const Cid& root,
    const std::function<void(const Cid&, const Bytes&)>& visit);

}  // namespace yunlian::cas
