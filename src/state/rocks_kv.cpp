#include "state/rocks_kv.hpp"

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/write_batch.h>

namespace yunlian::state {

namespace {

rocksdb::Slice slice(BytesView bytes) noexcept {
    if (bytes.empty()) return {};  // Slice() points at "", never null (memcmp needs that)
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

BytesView view(const rocksdb::Slice& s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

void check(const rocksdb::Status& status, std::string_view what) {
    if (!status.ok()) {
        throw StorageError("rocksdb: " + std::string(what) + ": " + status.ToString());
    }
}

}  // namespace

struct RocksKv::Impl {
    std::unique_ptr<rocksdb::DB> db;
    std::vector<std::string> names;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;

    ~Impl() {
        for (auto* handle : handles) {
            if (db && handle != nullptr) (void)db->DestroyColumnFamilyHandle(handle);
        }
    }

    rocksdb::ColumnFamilyHandle* handle(FamilyId id) const {
        if (id >= handles.size()) throw StorageError("rocksdb: unknown column family");
        return handles[id];
    }
};

RocksKv::RocksKv(std::unique_ptr<Impl> impl) noexcept : m_impl(std::move(impl)) {}
RocksKv::~RocksKv() = default;

std::unique_ptr<RocksKv> RocksKv::open(const std::filesystem::path& path,
                                       const std::vector<std::string>& families) {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    auto impl = std::make_unique<Impl>();
    impl->names.emplace_back(rocksdb::kDefaultColumnFamilyName);
    auto add = [&impl](const std::string& name) {
        if (std::ranges::find(impl->names, name) == impl->names.end()) impl->names.push_back(name);
    };
    for (const auto& name : families) add(name);
    // RocksDB refuses to open a database without naming every family it already has.
    std::vector<std::string> existing;
    if (rocksdb::DB::ListColumnFamilies(options, path.string(), &existing).ok()) {
        for (const auto& name : existing) add(name);
    }
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    descriptors.reserve(impl->names.size());
    for (const auto& name : impl->names) {
        descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(options));
    }
    rocksdb::DB* raw = nullptr;
    check(rocksdb::DB::Open(rocksdb::DBOptions(options), path.string(), descriptors, &impl->handles,
                            &raw),
          "open " + path.string());
    impl->db.reset(raw);
    return std::unique_ptr<RocksKv>(new RocksKv(std::move(impl)));
}

std::optional<Bytes> RocksKv::get(FamilyId family, BytesView key) const {
    rocksdb::PinnableSlice value;
    const auto status =
        m_impl->db->Get(rocksdb::ReadOptions(), m_impl->handle(family), slice(key), &value);
    if (status.IsNotFound()) return std::nullopt;
    check(status, "get");
    const BytesView bytes = view(value);
    return Bytes(bytes.begin(), bytes.end());
}

void RocksKv::for_each_prefix(FamilyId family, BytesView prefix, const PrefixVisitor& visit) const {
    std::unique_ptr<rocksdb::Iterator> it(
        m_impl->db->NewIterator(rocksdb::ReadOptions(), m_impl->handle(family)));
    for (it->Seek(slice(prefix)); it->Valid() && it->key().starts_with(slice(prefix)); it->Next()) {
        if (!visit(view(it->key()), view(it->value()))) break;
    }
    check(it->status(), "iterate");
}

void RocksKv::write(const WriteBatch& batch) {
    rocksdb::WriteBatch rocks_batch;
    for (const auto& op : batch.ops()) {
        auto* handle = m_impl->handle(op.family);
        if (op.value) {
            check(rocks_batch.Put(handle, slice(op.key), slice(*op.value)), "batch put");
        } else {
            check(rocks_batch.Delete(handle, slice(op.key)), "batch delete");
        }
    }
    check(m_impl->db->Write(rocksdb::WriteOptions(), &rocks_batch), "write");
}

std::optional<FamilyId> RocksKv::family_id(std::string_view name) const {
    const auto it = std::ranges::find(m_impl->names, name);
    if (it == m_impl->names.end()) return std::nullopt;
    return static_cast<FamilyId>(it - m_impl->names.begin());
}

}  // namespace yunlian::state
