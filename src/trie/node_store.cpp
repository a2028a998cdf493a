#include "trie/node_store.hpp"

namespace yunlian::trie {

std::optional<Bytes> MemoryNodeStore::get_node(const Hash& hash) const {
    const auto it = m_nodes.find(hash);
    if (it == m_nodes.end()) return std::nullopt;
    return it->second;
}

void MemoryNodeStore::put_node(const Hash& hash, BytesView rlp) {
    m_nodes.try_emplace(hash, rlp.begin(), rlp.end());
}

std::optional<Bytes> LayeredNodeStore::get_node(const Hash& hash) const {
    if (auto node = m_staged.get_node(hash)) return node;
    return m_base.get_node(hash);
}

}  // namespace yunlian::trie
