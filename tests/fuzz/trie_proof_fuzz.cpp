// Feeds arbitrary node bytes to proof verification and to the incremental trie loading them from a
// store. Input: [key length][key][2-byte big-endian length][node]...; the root is the keccak of
// the first node, so walks get past the root into hostile children.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/bytes.hpp"
#include "crypto/keccak.hpp"
#include "trie/node_codec.hpp"
#include "trie/proof.hpp"
#include "trie/trie.hpp"

namespace {

using yunlian::Bytes;
using yunlian::BytesView;

struct Input {
    BytesView key;
    std::vector<Bytes> nodes;
};

Input parse(BytesView data) {
    Input input;
    if (data.empty()) return input;
    const std::size_t key_size = std::min<std::size_t>(data[0] % 64, data.size() - 1);
    input.key = data.subspan(1, key_size);
    data = data.subspan(1 + key_size);
    while (data.size() >= 2) {
        const std::size_t size = std::min<std::size_t>((data[0] << 8) | data[1], data.size() - 2);
        input.nodes.emplace_back(data.begin() + 2, data.begin() + 2 + static_cast<long>(size));
        data = data.subspan(2 + size);
    }
    return input;
}

void exercise_trie(const Input& input, const yunlian::Hash& root) {
    yunlian::trie::MemoryNodeStore store;
    for (const auto& node : input.nodes) store.put_node(yunlian::crypto::keccak256(node), node);
    {
        yunlian::trie::Trie trie(store, root);
        (void)trie.get(input.key);
        (void)trie.prove(input.key);
    }
    {
        yunlian::trie::Trie trie(store, root);
        if (trie.put(input.key, yunlian::as_bytes("fuzz"))) (void)trie.root_hash();
    }
    {
        yunlian::trie::Trie trie(store, root);
        if (trie.erase(input.key)) {
            yunlian::trie::MemoryNodeStore sink;
            (void)trie.commit(sink);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Input input = parse(BytesView(data, size));
    for (const auto& node : input.nodes) (void)yunlian::trie::decode_node(node);
    const yunlian::Hash root = input.nodes.empty() ? yunlian::trie::kEmptyRoot
                                                   : yunlian::crypto::keccak256(input.nodes[0]);
    (void)yunlian::trie::verify_proof(root, input.key, input.nodes);
    exercise_trie(input, root);
    return 0;
}
