#pragma once
// The key-value store interface that state (and later the chain) writes to: numbered column
// families, ordered prefix iteration, and write batches applied atomically across families.
// Backends: MemoryKv (tests) and RocksKv (disk).

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"

namespace yunlian::state {

/// A column family of one store, as the store numbers it.
using FamilyId = std::uint32_t;

/// A fault of the storage itself (I/O error, corrupt entry, unknown family). It is not a
/// consensus outcome: the block being processed cannot be finished and the node must stop.
class StorageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Writes collected for one atomic commit, possibly across families; applied in order, so a
/// later write to the same key wins.
class WriteBatch {
  public:
    struct Op {
        FamilyId family = 0;
        Bytes key;
        std::optional<Bytes> value;  ///< nullopt erases
    };

    void put(FamilyId family, BytesView key, BytesView value);
    void erase(FamilyId family, BytesView key);

    [[nodiscard]] const std::vector<Op>& ops() const noexcept { return m_ops; }
    [[nodiscard]] std::size_t size() const noexcept { return m_ops.size(); }
    [[nodiscard]] bool empty() const noexcept { return m_ops.empty(); }
    void clear() noexcept { m_ops.clear(); }

  private:
    std::vector<Op> m_ops;
};

/// Called for each entry of a prefix scan, in ascending key order; returning false stops it.
using PrefixVisitor = std::function<bool(BytesView key, BytesView value)>;

class KvTable;

/// A store with column families. Reads see every write() that returned.
class KvStore {
  public:
    virtual ~KvStore() = default;

    /// The value under `key` in `family`, or nullopt. Throws StorageError on a storage fault.
    [[nodiscard]] virtual std::optional<Bytes> get(FamilyId family, BytesView key) const = 0;
    /// Visits every entry of `family` whose key starts with `prefix`, in ascending key order.
    virtual void for_each_prefix(FamilyId family, BytesView prefix,
                                 const PrefixVisitor& visit) const = 0;
    /// Applies the whole batch atomically: after a crash either all of it is there or none.
    virtual void write(const WriteBatch& batch) = 0;
    /// The id of the family called `name`, or nullopt when the store has none.
    [[nodiscard]] virtual std::optional<FamilyId> family_id(std::string_view name) const = 0;

    /// A one-entry batch.
    void put(FamilyId family, BytesView key, BytesView value);
    /// A one-entry batch.
    void erase(FamilyId family, BytesView key);
    /// The view of the family called `name`; throws StorageError when there is none.
    [[nodiscard]] KvTable table(std::string_view name);
};

/// One family of a store: what a part that owns a family holds. Cheap to copy.
class KvTable {
  public:
    KvTable(KvStore& store, FamilyId family) noexcept : m_store(&store), m_family(family) {}

    [[nodiscard]] std::optional<Bytes> get(BytesView key) const {
        return m_store->get(m_family, key);
    }
    void for_each_prefix(BytesView prefix, const PrefixVisitor& visit) const {
        m_store->for_each_prefix(m_family, prefix, visit);
    }
    void put(BytesView key, BytesView value) const { m_store->put(m_family, key, value); }
    void erase(BytesView key) const { m_store->erase(m_family, key); }
    /// Adds a put of this family to `batch`.
    void put(WriteBatch& batch, BytesView key, BytesView value) const {
        batch.put(m_family, key, value);
    }
    /// Adds an erase of this family to `batch`.
    void erase(WriteBatch& batch, BytesView key) const { batch.erase(m_family, key); }

    [[nodiscard]] KvStore& store() const noexcept { return *m_store; }
    [[nodiscard]] FamilyId family() const noexcept { return m_family; }

  private:
    KvStore* m_store;
    FamilyId m_family;
};

}  // namespace yunlian::state
