#pragma once
// CAR v1 (ipld.io/specs/transport/car/carv1): a varint-framed DAG-CBOR header {roots: [CID...],
// version: 1} followed by varint-framed sections <CID bytes><block bytes>. This is how DAGs move
// between Yunlian and other IPFS tools. Import verifies every block against its CID before it is
// stored.

#include <cstdint>
#include <istream>
#include <ostream>
#include <vector>

#include "cas/block_io.hpp"
#include "cas/cid.hpp"

namespace yunlian::cas {

/// The largest block a CAR section may carry (kubo's hard limit is 2 MiB; 4 MiB leaves room).
inline constexpr std::size_t kMaxCarBlock = 4 << 20;
/// The largest CAR header accepted.
inline constexpr std::size_t kMaxCarHeader = 1 << 20;

/// The DAG-CBOR header bytes (without the length prefix) for `roots`.
[[nodiscard]] Bytes encode_car_header(const std::vector<Cid>& roots);
/// Decodes a header strictly: a map of exactly "roots" (CIDs as tag 42) and "version" 1.
[[nodiscard]] Result<std::vector<Cid>, CasError> decode_car_header(BytesView header);

/// Writes the DAG under `root` as a CAR with that single root, blocks depth first. Returns the
/// number of blocks. Fails, having written part of the file, if a block is missing or corrupt.
[[nodiscard]] Result<std::uint64_t, Failure> export_car(const BlockSource& source, const Cid& root,
                                                        std::ostream& out);

/// What an import brought in.
struct CarImport {
    std::vector<Cid> roots;
    std::uint64_t blocks = 0;
};

/// Reads a CAR, checking every block against its CID before putting it into `sink`. Stops at the
/// first bad section (blocks before it may already be in the sink, unpinned).
[[nodiscard]] Result<CarImport, Failure> import_car(std::istream& in, BlockSink& sink);

}  // namespace yunlian::cas
