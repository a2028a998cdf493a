#pragma once
// One small record kept in its own file and written durably: the bytes reach the disk (fsync of
// the file and of its folder) before store() returns. The BFT node keeps what its validator last
// signed here, so that a crash and restart can never make it sign a conflicting vote (the write
// must be durable BEFORE the vote leaves the process).

#include <filesystem>
#include <optional>

#include "common/bytes.hpp"

namespace yunlian::chain {

class DurableRecord {
  public:
    /// The record in file `path` (its folder must exist).
    explicit DurableRecord(std::filesystem::path path) : m_path(std::move(path)) {}

    /// The bytes last stored, or nullopt when nothing was ever stored. Throws std::runtime_error
    /// when the file exists but cannot be read.
    [[nodiscard]] std::optional<Bytes> load() const;
    /// Replaces the record: writes a temporary file, fsyncs it, renames it over the record and
    /// fsyncs the folder, so after a crash the file holds either the old or the new bytes, whole.
    /// Throws std::runtime_error when any step fails.
    void store(BytesView bytes);

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

  private:
    std::filesystem::path m_path;
};

}  // namespace yunlian::chain
