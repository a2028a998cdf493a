#pragma once
// The small interfaces between the DAG code and where blocks and bytes live: a BlockSink takes
// new blocks, a BlockSource returns verified blocks, a ByteSource streams a file's bytes. The
// RocksDB store, an in-memory store and a hash-only sink implement them, and later the network
// can too.

#include <cstdint>
#include <map>
#include <span>

#include "cas/cid.hpp"
#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// Takes new blocks. A block is given as parts to be concatenated, so that a leaf need not be
/// copied just to be framed. May throw on I/O failure (it is an edge).
class BlockSink {
  public:
    virtual ~BlockSink() = default;
    virtual void put(const Cid& cid, std::span<const BytesView> parts) = 0;
};

/// Returns blocks by CID, re-hashed and checked: a block that does not match its CID is a
/// FailureKind::kIntegrity failure, never data.
class BlockSource {
  public:
    virtual ~BlockSource() = default;
    [[nodiscard]] virtual Result<Bytes, Failure> get(const Cid& cid) const = 0;
};

/// Streams bytes in; read() returns 0 only at the end. May throw on I/O failure.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    virtual std::size_t read(std::span<std::uint8_t> out) = 0;
};

/// Discards blocks: `add --only-hash`.
class NullSink final : public BlockSink {
  public:
    void put(const Cid&, std::span<const BytesView>) override {}
};

/// Reads from a view of memory.
class MemorySource final : public ByteSource {
  public:
    explicit MemorySource(BytesView data) noexcept : m_rest(data) {}
    std::size_t read(std::span<std::uint8_t> out) override;

  private:
    BytesView m_rest;
};

/// Reads a file descriptor it does not own (a file, a pipe, stdin).
class FdSource final : public ByteSource {
  public:
    explicit FdSource(int fd) noexcept : m_fd(fd) {}
    std::size_t read(std::span<std::uint8_t> out) override;

  private:
    int m_fd;
};

/// Blocks in memory, keyed by digest (tests, CAR round trips). Verifies on get like the store.
class MemoryBlockStore final : public BlockSink, public BlockSource {
  public:
    void put(const Cid& cid, std::span<const BytesView> parts) override;
    [[nodiscard]] Result<Bytes, Failure> get(const Cid& cid) const override;
    /// Direct access for tests that corrupt a block.
    [[nodiscard]] std::map<Hash, Bytes>& blocks() noexcept { return m_blocks; }

  private:
    std::map<Hash, Bytes> m_blocks;
};

/// Checks `block` against `cid`: kIntegrity naming the CID when the digest differs.
[[nodiscard]] Result<void, Failure> verify_block(const Cid& cid, BytesView block);

}  // namespace yunlian::cas
