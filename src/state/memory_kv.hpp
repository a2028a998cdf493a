#pragma once
// The in-memory backend: one std::map per family. For tests and tools; not thread-safe.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "state/kv_store.hpp"

namespace yunlian::state {

class MemoryKv final : public KvStore {
  public:
    /// A store with these families, numbered in order ("default" is added first if absent).
    explicit MemoryKv(const std::vector<std::string>& families = {});

    [[nodiscard]] std::optional<Bytes> get(FamilyId family, BytesView key) const override;
    void for_each_prefix(FamilyId family, BytesView prefix,
                         const PrefixVisitor& visit) const override;
    void write(const WriteBatch& batch) override;
    [[nodiscard]] std::optional<FamilyId> family_id(std::string_view name) const override;

    /// Entries in `family` (for tests).
    [[nodiscard]] std::size_t size(FamilyId family) const;

  private:
    /// Byte-wise order, looked up by view without a copy.
    struct BytesLess {
        using is_transparent = void;
        bool operator()(BytesView a, BytesView b) const noexcept {
            return std::ranges::lexicographical_compare(a, b);
        }
    };
    using Map = std::map<Bytes, Bytes, BytesLess>;
    [[nodiscard]] const Map& family(FamilyId id) const;

    std::vector<std::string> m_names;
    std::vector<Map> m_families;
};

}  // namespace yunlian::state
