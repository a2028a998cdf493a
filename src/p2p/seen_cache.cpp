#include "p2p/seen_cache.hpp"

#include <algorithm>

namespace yunlian::p2p {

SeenCache::SeenCache(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {
    m_set.reserve(m_capacity);
}

bool SeenCache::insert(const Hash& hash) {
    const std::lock_guard lock(m_mutex);
    if (!m_set.insert(hash).second) return false;
    m_order.push_back(hash);
    if (m_order.size() > m_capacity) {
        m_set.erase(m_order.front());
        m_order.pop_front();
    }
    return true;
}

bool SeenCache::contains(const Hash& hash) const {
    const std::lock_guard lock(m_mutex);
    return m_set.contains(hash);
}

std::size_t SeenCache::size() const {
    const std::lock_guard lock(m_mutex);
    return m_order.size();
}

}  // namespace yunlian::p2p
