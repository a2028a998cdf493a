// Fuzzes CAR import and the DAG reader over what it imported: no crash, no hang, no block in the
// sink that does not match its CID.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "cas/car.hpp"
#include "cas/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian::cas;
    (void)decode_car_header(yunlian::BytesView(data, size));
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    MemoryBlockStore store;
    const auto imported = import_car(in, store);
    for (const auto& [digest, block] : store.blocks()) {
        if (!verify_block(Cid{1, Codec::kRaw, digest}, block)) std::abort();
    }
    if (!imported) return 0;
    const DagReader reader(store);
    for (const auto& root : imported->roots) {
        (void)reader.list(root);
        (void)reader.read(root, 0, 1 << 20, [](yunlian::BytesView) {});
    }
    return 0;
}
