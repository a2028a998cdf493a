#pragma once
// The RocksDB backend. One database holds several column families (state's, and the chain's
// block data), and one WriteBatch spans them, so a block, its state changes and the new head
// commit together. RocksDB's headers stay in rocks_kv.cpp.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "state/kv_store.hpp"

namespace yunlian::state {

class RocksKv final : public KvStore {
  public:
    /// Opens (creating when missing) the database at `path` with at least these families.
    /// Families already in the database are opened too. Throws StorageError on failure.
    [[nodiscard]] static std::unique_ptr<RocksKv> open(const std::filesystem::path& path,
                                                       const std::vector<std::string>& families);
    ~RocksKv() override;
    RocksKv(const RocksKv&) = delete;
    RocksKv& operator=(const RocksKv&) = delete;

    [[nodiscard]] std::optional<Bytes> get(FamilyId family, BytesView key) const override;
    void for_each_prefix(FamilyId family, BytesView prefix,
                         const PrefixVisitor& visit) const override;
    void write(const WriteBatch& batch) override;
    [[nodiscard]] std::optional<FamilyId> family_id(std::string_view name) const override;

  private:
    struct Impl;
    explicit RocksKv(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace yunlian::state
