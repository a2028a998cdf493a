// Fuzzes the dag-pb and UnixFS decoders: no crash, and a node that decodes re-encodes to bytes
// that decode to the same node (the canonical form is a fixed point).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "cas/dag_pb.hpp"
#include "cas/unixfs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian::cas;
    const yunlian::BytesView bytes(data, size);
    if (const auto node = decode_pb_node(bytes)) {
        const auto encoded = encode_pb_node(*node);
        const auto again = decode_pb_node(encoded);
        if (!again || again->links.size() != node->links.size() ||
            encode_pb_node(*again) != encoded) {
            std::abort();
        }
        if (node->data) (void)decode_unixfs(*node->data);
    }
    if (const auto unixfs = decode_unixfs(bytes)) (void)unixfs_content_size(*unixfs);
    return 0;
}
