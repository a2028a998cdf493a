#include "state/kv_store.hpp"

#include <string>

namespace yunlian::state {

void WriteBatch::put(FamilyId family, BytesView key, BytesView value) {
    m_ops.push_back({family, to_bytes(key), to_bytes(value)});
}

void WriteBatch::erase(FamilyId family, BytesView key) {
    m_ops.push_back({family, to_bytes(key), std::nullopt});
}

void KvStore::put(FamilyId family, BytesView key, BytesView value) {
    WriteBatch batch;
    batch.put(family, key, value);
    write(batch);
}

void KvStore::erase(FamilyId family, BytesView key) {
    WriteBatch batch;
    batch.erase(family, key);
    write(batch);
}

KvTable KvStore::table(std::string_view name) {
    const auto id = family_id(name);
    if (!id) throw StorageError("kv: no column family named " + std::string(name));
    return {*this, *id};
}

}  // namespace yunlian::state
