#pragma once
// A bounded set of recently seen 32-byte hashes, for gossip deduplication: the application asks
// insert(hash) before relaying a transaction or consensus message and relays only when it is new.

#include <cstddef>
#include <deque>
#include <mutex>
#include <unordered_set>

#include "common/bytes.hpp"

namespace yunlian::p2p {

/// Remembers the last `capacity` distinct hashes inserted; the oldest insertion is forgotten
/// first (FIFO by insertion, so a hash seen again is not refreshed: a relay loop still ends).
/// Thread-safe.
class SeenCache {
  public:
    /// `capacity` of 0 is treated as 1.
    explicit SeenCache(std::size_t capacity);

    /// Records `hash`; true when it was not already in the cache (the caller should relay it).
    bool insert(const Hash& hash);
    /// Whether `hash` is in the cache.
    [[nodiscard]] bool contains(const Hash& hash) const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t capacity() const noexcept { return m_capacity; }

  private:
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<Hash> m_order;
    std::unordered_set<Hash, FixedBytesHasher> m_set;
};

}  // namespace yunlian::p2p
