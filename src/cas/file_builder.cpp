#include "cas/file_builder.hpp"

#include <array>
#include <stdexcept>
#include <thread>

#include "cas/dag_pb.hpp"
#include "cas/unixfs.hpp"
#include "cas/varint.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::cas {
namespace {

// About 4 MiB of file is read and hashed per batch: enough to keep two threads busy, small
// against the 64 MB memory budget.
constexpr std::size_t kBatchBytes = 4 << 20;

/// A leaf being built: its chunk, the dag-pb framing around it, and its digest.
struct LeafJob {
    BytesView chunk;
    Bytes prefix;
    Bytes suffix;
    Hash digest;
};

// The dag-pb leaf ipfs-unixfs-importer writes for a chunk of n bytes: PBNode{Data: UnixFS{Type:
// File, Data: chunk, filesize: n}} = 0a <len> 08 02 [12 <n> chunk] 18 <n>, with the Data field
// omitted when the chunk is empty (ipfs-unixfs drops empty data).
void frame_leaf(LeafJob& job) {
    const std::size_t n = job.chunk.size();
    Bytes unixfs_head{0x08, 0x02};
    if (n > 0) {
        unixfs_head.push_back(0x12);
        append_varint(unixfs_head, n);
    }
    job.suffix = {0x18};
    append_varint(job.suffix, n);
    const std::size_t unixfs_size = unixfs_head.size() + n + job.suffix.size();
    job.prefix = {0x0a};
    append_varint(job.prefix, unixfs_size);
    append(job.prefix, unixfs_head);
}

void hash_leaves(std::span<LeafJob> jobs, bool raw) {
    crypto::Sha256 hasher;
    for (auto& job : jobs) {
        if (raw) {
            job.digest = crypto::sha256(job.chunk);
            continue;
        }
        frame_leaf(job);
        hasher.update(job.prefix);
        hasher.update(job.chunk);
        hasher.update(job.suffix);
        job.digest = hasher.finish();
    }
}

void hash_batch(std::span<LeafJob> jobs, const AddOptions& options) {
    if (options.hash_threads < 2 || jobs.size() < 2) {
        hash_leaves(jobs, options.raw_leaves);
        return;
    }
    // Two halves on two threads; each leaf's digest depends only on its own bytes.
    const std::size_t half = jobs.size() / 2;
    std::jthread worker([&] { hash_leaves(jobs.subspan(half), options.raw_leaves); });
    hash_leaves(jobs.subspan(0, half), options.raw_leaves);
}

/// Reads until `out` is full or the source ends; returns the bytes read.
std::size_t fill(ByteSource& source, std::span<std::uint8_t> out) {
    std::size_t total = 0;
    while (total < out.size()) {
        const std::size_t n = source.read(out.subspan(total));
        if (n == 0) break;
        total += n;
    }
    return total;
}

}  // namespace

void check_options(const AddOptions& options) {
    if (options.chunk_size == 0 || options.chunk_size > kMaxChunkSize) {
        throw std::invalid_argument("chunk size must be between 1 and 1048576 bytes");
    }
    if (options.max_links < 2 || options.max_links > 8192) {
        throw std::invalid_argument("max links must be between 2 and 8192");
    }
    if (options.cid_version > 1) throw std::invalid_argument("CID version must be 0 or 1");
}

void BalancedLayout::push(std::size_t level, const AddedNode& node) {
    if (m_levels.size() <= level) {
        m_levels.resize(level + 1);
        m_counts.resize(level + 1, 0);
    }
    m_levels[level].push_back(node);
    ++m_counts[level];
    if (m_levels[level].size() == m_options.max_links) {
        const AddedNode parent = make_parent(m_levels[level]);
        m_levels[level].clear();
        push(level + 1, parent);
    }
}

AddedNode BalancedLayout::finish() {
    // One chunk in all: the leaf is the root (reduceSingleLeafToSelf).
    if (m_counts.at(0) == 1) return m_levels[0].front();
    for (std::size_t level = 0;; ++level) {
        // Above the leaves, a level that only ever held one node holds the root.
        if (level > 0 && m_counts[level] == 1) return m_levels[level].front();
        if (!m_levels[level].empty()) {
            const AddedNode parent = make_parent(m_levels[level]);
            m_levels[level].clear();
            push(level + 1, parent);
        }
    }
}

AddedNode BalancedLayout::make_parent(std::span<const AddedNode> children) {
    UnixfsData unixfs;
    unixfs.type = UnixfsType::kFile;
    PbNode node;
    std::uint64_t file_size = 0;
    std::uint64_t tsize = 0;
    for (const auto& child : children) {
        unixfs.blocksizes.push_back(child.file_size);
        file_size += child.file_size;
        tsize += child.tsize;
        node.links.push_back(PbLink{child.cid, std::string(), child.tsize});
    }
    unixfs.filesize = file_size;
    const Bytes data = encode_unixfs(unixfs);
    node.data = BytesView(data);
    const Bytes block = encode_pb_node(node);
    const Cid cid{m_options.cid_version, Codec::kDagPb, crypto::sha256(block)};
    const std::array<BytesView, 1> parts{BytesView(block)};
    m_sink.put(cid, parts);
    return AddedNode{cid, tsize + block.size(), file_size};
}

AddedNode add_file(ByteSource& source, const AddOptions& options, BlockSink& sink) {
    check_options(options);
    const std::size_t per_batch = std::max<std::size_t>(1, kBatchBytes / options.chunk_size);
    Bytes buffer(per_batch * options.chunk_size);
    std::vector<LeafJob> jobs;
    BalancedLayout layout(options, sink);
    bool any = false;
    for (;;) {
        const std::size_t got = fill(source, buffer);
        // An empty file is one empty chunk, as in kubo and ipfs-unixfs-importer.
        if (got == 0 && any) break;
        any = true;
        jobs.clear();
        for (std::size_t off = 0; off < got || (got == 0 && jobs.empty());
             off += options.chunk_size) {
            const std::size_t n = std::min(options.chunk_size, got - off);
            jobs.push_back(LeafJob{BytesView(buffer).subspan(off, n), {}, {}, {}});
        }
        hash_batch(jobs, options);
        for (const auto& job : jobs) {
            // Raw leaves are always CIDv1: CIDv0 can only name dag-pb.
            const Cid cid = options.raw_leaves
                                ? Cid{1, Codec::kRaw, job.digest}
                                : Cid{options.cid_version, Codec::kDagPb, job.digest};
            const std::array<BytesView, 3> parts{BytesView(job.prefix), job.chunk,
                                                 BytesView(job.suffix)};
            sink.put(cid, parts);
            const std::uint64_t size = job.prefix.size() + job.chunk.size() + job.suffix.size();
            layout.push_leaf(AddedNode{cid, size, job.chunk.size()});
        }
        if (got < buffer.size()) break;
    }
    return layout.finish();
}

}  // namespace yunlian::cas
