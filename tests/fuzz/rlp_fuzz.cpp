// Fuzzes the RLP decoder: any input either decodes into items that lie inside it, or is rejected;
// a decoded item re-encodes to exactly the bytes it came from.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>

#include "codec/rlp.hpp"

namespace {

using yunlian::BytesView;

void walk(BytesView in, int depth) {
    while (!in.empty()) {
        const BytesView before = in;
        auto item = yunlian::rlp::decode_item(in);
        if (!item) return;
        const BytesView consumed = before.first(before.size() - in.size());
        // Canonical: re-encoding gives back the consumed bytes.
        yunlian::Bytes again;
        if (item->is_list) {
            yunlian::rlp::encode_list_header(again, item->payload.size());
            yunlian::append(again, item->payload);
        } else {
            yunlian::rlp::encode_string(again, item->payload);
        }
        if (!std::equal(again.begin(), again.end(), consumed.begin(), consumed.end())) std::abort();
        if (item->is_list && depth < 64) walk(item->payload, depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    walk(BytesView(data, size), 0);
    return 0;
}
