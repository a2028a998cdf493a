#include "state/memory_kv.hpp"

#include <algorithm>

namespace yunlian::state {

MemoryKv::MemoryKv(const std::vector<std::string>& families) {
    if (std::ranges::find(families, "default") == families.end()) m_names.emplace_back("default");
    m_names.insert(m_names.end(), families.begin(), families.end());
    m_families.resize(m_names.size());
}

const MemoryKv::Map& MemoryKv::family(FamilyId id) const {
    if (id >= m_families.size()) throw StorageError("kv: unknown column family");
    return m_families[id];
}

std::optional<Bytes> MemoryKv::get(FamilyId id, BytesView key) const {
    const Map& map = family(id);
    const auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

void MemoryKv::for_each_prefix(FamilyId id, BytesView prefix, const PrefixVisitor& visit) const {
    const Map& map = family(id);
    for (auto it = map.lower_bound(prefix); it != map.end(); ++it) {
        const Bytes& key = it->first;
        if (key.size() < prefix.size() || !std::equal(prefix.begin(), prefix.end(), key.begin())) {
            break;
        }
        if (!visit(key, it->second)) break;
    }
}

void MemoryKv::write(const WriteBatch& batch) {
    // Check every family first so that a bad batch changes nothing (atomicity).
    for (const auto& op : batch.ops()) (void)family(op.family);
    for (const auto& op : batch.ops()) {
        Map& map = m_families[op.family];
        if (op.value) {
            map.insert_or_assign(op.key, *op.value);
        } else {
            const auto it = map.find(op.key);
            if (it != map.end()) map.erase(it);
        }
    }
}

std::optional<FamilyId> MemoryKv::family_id(std::string_view name) const {
    const auto it = std::ranges::find(m_names, name);
    if (it == m_names.end()) return std::nullopt;
    return static_cast<FamilyId>(it - m_names.begin());
}

std::size_t MemoryKv::size(FamilyId id) const { return family(id).size(); }

}  // namespace yunlian::state
