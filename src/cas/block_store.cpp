#include "cas/block_store.hpp"

#include <set>
#include <stdexcept>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "cas/dag_pb.hpp"

namespace yunlian::cas {
namespace {

constexpr std::size_t kBatchBytes = 4 << 20;
constexpr const char* kBlocksFamily = "blocks";
constexpr const char* kPinsFamily = "pins";
constexpr const char* kIndexFamily = "block_keys";

rocksdb::Slice slice(BytesView view) {
    return {reinterpret_cast<const char*>(view.data()), view.size()};
}

void check(const rocksdb::Status& status, const char* what) {
    if (!status.ok()) throw std::runtime_error(std::string(what) + ": " + status.ToString());
}

rocksdb::ColumnFamilyOptions blocks_options() {
    rocksdb::ColumnFamilyOptions options;
    // File data is mostly incompressible and already hashed; big values go to blob files so
    // compaction moves only keys and small nodes (RocksDB integrated BlobDB).
    options.compression = rocksdb::kNoCompression;
    options.enable_blob_files = true;
    options.min_blob_size = 4096;
    options.blob_file_size = 256 << 20;
    // Blob garbage collection rewrites live blobs during compaction; it is switched on only
    // for the compaction that gc() runs, so imports write file data once.
    options.enable_blob_garbage_collection = false;
    options.write_buffer_size = 8 << 20;
    options.max_write_buffer_number = 2;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = rocksdb::NewLRUCache(8 << 20);
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    return options;
}

}  // namespace

struct BlockStore::Impl {
    std::unique_ptr<rocksdb::DB> db;
    rocksdb::ColumnFamilyHandle* blocks = nullptr;
    rocksdb::ColumnFamilyHandle* pins = nullptr;
    rocksdb::ColumnFamilyHandle* index = nullptr;  ///< the keys of "blocks", values empty
    rocksdb::ColumnFamilyHandle* fallback = nullptr;
    rocksdb::WriteBatch batch;

    void write_batch() {
        if (batch.Count() == 0) return;
        rocksdb::WriteOptions options;
        // Blocks are written without the WAL and flushed at the end of an import: an import cut
        // short leaves only unpinned blocks, which gc removes. Pins use the WAL.
        options.disableWAL = true;
        check(db->Write(options, &batch), "write blocks");
        batch.Clear();
    }
};

BlockStore::BlockStore(const std::filesystem::path& dir) : m_impl(std::make_unique<Impl>()) {
    std::filesystem::create_directories(dir);
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    options.db_write_buffer_size = 24 << 20;
    options.max_background_jobs = 2;
    std::vector<rocksdb::ColumnFamilyDescriptor> families{
        {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
        {kBlocksFamily, blocks_options()},
        {kPinsFamily, rocksdb::ColumnFamilyOptions()},
        {kIndexFamily, rocksdb::ColumnFamilyOptions()}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    check(rocksdb::DB::Open(options, dir.string(), families, &handles, &db), "open block store");
    m_impl->db.reset(db);
    m_impl->fallback = handles[0];
    m_impl->blocks = handles[1];
    m_impl->pins = handles[2];
    m_impl->index = handles[3];
}

BlockStore::~BlockStore() {
    try {
        flush();
    } catch (const std::exception&) {
        // A destructor must not throw; unflushed blocks are unpinned and simply absent.
    }
    for (auto* handle : {m_impl->blocks, m_impl->pins, m_impl->index, m_impl->fallback}) {
        m_impl->db->DestroyColumnFamilyHandle(handle);
    }
}

void BlockStore::put(const Cid& cid, std::span<const BytesView> parts) {
    const Bytes key = cid.multihash();
    std::vector<rocksdb::Slice> slices;
    slices.reserve(parts.size());
    for (const auto part : parts) slices.push_back(slice(part));
    const rocksdb::Slice key_slice = slice(key);
    check(m_impl->batch.Put(m_impl->blocks, rocksdb::SliceParts(&key_slice, 1),
                            rocksdb::SliceParts(slices.data(), static_cast<int>(slices.size()))),
          "queue block");
    check(m_impl->batch.Put(m_impl->index, key_slice, rocksdb::Slice()), "queue block key");
    if (m_impl->batch.GetDataSize() >= kBatchBytes) m_impl->write_batch();
}

void BlockStore::flush() {
    m_impl->write_batch();
    // Blocks and their keys skipped the WAL: both families must reach their files.
    check(m_impl->db->Flush(rocksdb::FlushOptions(), {m_impl->blocks, m_impl->index}),
          "flush blocks");
}

Result<Bytes, Failure> BlockStore::get(const Cid& cid) const {
    const Bytes key = cid.multihash();
    rocksdb::PinnableSlice value;
    rocksdb::ReadOptions options;
    // The SHA-256 check below covers every byte; RocksDB's CRC over the same bytes would only
    // double the cost of a read (Debian's build computes it without SSE 4.2).
    options.verify_checksums = false;
    const auto status = m_impl->db->Get(options, m_impl->blocks, slice(key), &value);
    if (status.IsNotFound()) return Unexpected(Failure{FailureKind::kNotFound, cid.to_string()});
    // RocksDB's own checksums caught damage on disk: the same integrity error as a bad hash.
    if (status.IsCorruption()) return Unexpected(Failure{FailureKind::kIntegrity, cid.to_string()});
    if (!status.ok()) return Unexpected(Failure{FailureKind::kIo, status.ToString()});
    Bytes block(value.data(), value.data() + value.size());
    auto ok = verify_block(cid, block);
    if (!ok) return Unexpected(ok.error());
    return block;
}

bool BlockStore::has(const Cid& cid) const {
    const Bytes key = cid.multihash();
    rocksdb::PinnableSlice value;
    return m_impl->db->Get(rocksdb::ReadOptions(), m_impl->blocks, slice(key), &value).ok();
}

std::uint64_t BlockStore::block_count() const {
    std::unique_ptr<rocksdb::Iterator> it(
        m_impl->db->NewIterator(rocksdb::ReadOptions(), m_impl->index));
    std::uint64_t count = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++count;
    return count;
}

Result<void, Failure> BlockStore::pin(const Cid& cid, PinKind kind, bool verify) {
    if (!verify) {
        // The caller has just built or imported and verified this DAG itself.
    } else if (kind == PinKind::kRecursive) {
        auto complete = walk_dag(*this, cid, [](const Cid&, const Bytes&) {});
        if (!complete) return complete;
    } else {
        auto present = get(cid);
        if (!present) return Unexpected(present.error());
    }
    const Bytes key = cid.to_bytes();
    const std::uint8_t value = static_cast<std::uint8_t>(kind);
    rocksdb::WriteOptions options;
    options.sync = true;
    check(m_impl->db->Put(options, m_impl->pins, slice(key),
                          rocksdb::Slice(reinterpret_cast<const char*>(&value), 1)),
          "write pin");
    return {};
}

bool BlockStore::unpin(const Cid& cid) {
    const Bytes key = cid.to_bytes();
    rocksdb::PinnableSlice value;
    if (!m_impl->db->Get(rocksdb::ReadOptions(), m_impl->pins, slice(key), &value).ok()) {
        return false;
    }
    rocksdb::WriteOptions options;
    options.sync = true;
    check(m_impl->db->Delete(options, m_impl->pins, slice(key)), "remove pin");
    return true;
}

std::vector<std::pair<Cid, PinKind>> BlockStore::pins() const {
    std::vector<std::pair<Cid, PinKind>> out;
    std::unique_ptr<rocksdb::Iterator> it(
        m_impl->db->NewIterator(rocksdb::ReadOptions(), m_impl->pins));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const auto key = it->key();
        auto cid = Cid::from_bytes(
            BytesView(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()));
        if (!cid || it->value().size() != 1) continue;  // not written by us: ignored
        const auto kind = static_cast<std::uint8_t>(it->value()[0]);
        out.emplace_back(*cid, kind == 1 ? PinKind::kDirect : PinKind::kRecursive);
    }
    return out;
}

Result<GcReport, Failure> BlockStore::gc() {
    flush();
    std::set<Hash> live;
    for (const auto& [cid, kind] : pins()) {
        if (kind == PinKind::kDirect) {
            live.insert(cid.digest);
            continue;
        }
        auto walked =
            walk_dag(*this, cid, [&](const Cid& c, const Bytes&) { live.insert(c.digest); });
        if (!walked) return Unexpected(walked.error());
    }
    GcReport report;
    rocksdb::WriteBatch removals;
    // The scan runs over the key index, never touching block values: a block damaged on disk
    // (which RocksDB would refuse to iterate over) can still be collected.
    std::unique_ptr<rocksdb::Iterator> it(
        m_impl->db->NewIterator(rocksdb::ReadOptions(), m_impl->index));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const auto key = it->key();
        const bool ours = key.size() == 34;
        if (ours && live.contains(Hash::from_view(BytesView(
                        reinterpret_cast<const std::uint8_t*>(key.data()) + 2, Hash::size())))) {
            ++report.kept_blocks;
            continue;
        }
        ++report.removed_blocks;
        check(removals.Delete(m_impl->blocks, key), "queue removal");
        check(removals.Delete(m_impl->index, key), "queue removal");
    }
    check(it->status(), "scan blocks");
    rocksdb::WriteOptions options;
    options.sync = true;
    check(m_impl->db->Write(options, &removals), "remove blocks");
    // Compaction drops the deleted keys and, with blob garbage collection, their file data.
    check(
        m_impl->db->CompactRange(rocksdb::CompactRangeOptions(), m_impl->blocks, nullptr, nullptr),
        "compact");
    return report;
}

void BlockStore::put_unchecked(const Cid& cid, BytesView bytes) {
    const Bytes key = cid.multihash();
    rocksdb::WriteBatch batch;
    check(batch.Put(m_impl->blocks, slice(key), slice(bytes)), "queue block");
    check(batch.Put(m_impl->index, slice(key), rocksdb::Slice()), "queue block key");
    check(m_impl->db->Write(rocksdb::WriteOptions(), &batch), "put block");
}

Result<void, Failure> walk_dag(const BlockSource& source, const Cid& root,
                               const std::function<void(const Cid&, const Bytes&)>& visit) {
    // An explicit stack: a hostile DAG cannot exhaust the call stack. Blocks already visited are
    // skipped, so shared subtrees cost one visit.
    std::vector<Cid> stack{root};
    std::set<Hash> seen;
    while (!stack.empty()) {
        const Cid cid = stack.back();
        stack.pop_back();
        if (!seen.insert(cid.digest).second) continue;
        auto block = source.get(cid);
        if (!block) return Unexpected(block.error());
        visit(cid, *block);
        if (cid.codec != Codec::kDagPb) continue;
        auto node = decode_pb_node(*block);
        if (!node)
            return Unexpected(Failure{FailureKind::kMalformed, cid.to_string(), node.error()});
        for (auto it = node->links.rbegin(); it != node->links.rend(); ++it)
            stack.push_back(it->cid);
    }
    return {};
}

}  // namespace yunlian::cas
