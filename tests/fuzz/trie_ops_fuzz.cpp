// Differential fuzzing of the incremental trie: the input is a list of puts, erases and
// commit-and-reopen steps on short keys (so that keys are prefixes of one another and branches
// carry values); after them the incremental root must equal the sorted build of a std::map model,
// and every key must read back as the model says.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

#include "common/bytes.hpp"
#include "trie/node_store.hpp"
#include "trie/sorted_root.hpp"
#include "trie/trie.hpp"

namespace {

using yunlian::Bytes;
using yunlian::BytesView;

/// Byte-wise order (spelled out: GCC 12 warns falsely on std::vector's operator<=>).
struct BytesLess {
    bool operator()(const Bytes& a, const Bytes& b) const noexcept {
        return std::ranges::lexicographical_compare(a, b);
    }
};
using BytesMap = std::map<Bytes, Bytes, BytesLess>;

/// Takes up to `n` bytes from the front of `in`.
BytesView take(BytesView& in, std::size_t n) {
    n = std::min(n, in.size());
    const BytesView out = in.first(n);
    in = in.subspan(n);
    return out;
}

Bytes model_root_bytes(const BytesMap& model) {
    std::vector<yunlian::trie::KeyValue> pairs;
    for (const auto& [k, v] : model) pairs.push_back({k, v});
    const auto root = yunlian::trie::sorted_root(pairs);
    if (!root) std::abort();
    return yunlian::to_bytes(root->view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    BytesView in(data, size);
    yunlian::trie::MemoryNodeStore store;
    auto trie = std::make_unique<yunlian::trie::Trie>(store);
    BytesMap model;
    std::size_t ops = 0;
    while (!in.empty() && ops++ < 512) {
        const std::uint8_t op = take(in, 1)[0];
        const Bytes key = yunlian::to_bytes(take(in, op % 4));
        switch ((op >> 2) % 4) {
            case 0:
            case 1: {
                const std::size_t len = in.empty() ? 0 : take(in, 1)[0] % 48;
                const Bytes value = yunlian::to_bytes(take(in, len));
                if (!trie->put(key, value)) std::abort();
                if (value.empty()) {
                    model.erase(key);
                } else {
                    model[key] = value;
                }
                break;
            }
            case 2:
                if (!trie->erase(key)) std::abort();
                model.erase(key);
                break;
            default: {
                const auto root = trie->commit(store);
                trie = std::make_unique<yunlian::trie::Trie>(store, root);
                break;
            }
        }
    }
    if (yunlian::to_bytes(trie->root_hash().view()) != model_root_bytes(model)) std::abort();
    for (const auto& [key, value] : model) {
        const auto got = trie->get(key);
        if (!got || !got->has_value() || **got != value) std::abort();
    }
    return 0;
}
