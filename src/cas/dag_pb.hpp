#pragma once
// dag-pb nodes (ipld.io/specs/codecs/dag-pb/spec): PBNode {repeated PBLink Links = 2; optional
// bytes Data = 1;} and PBLink {Hash = 1; Name = 2; Tsize = 3}. The encoding is canonical (links
// first, in the given order, then data; link fields in order). The decoder follows the spec's
// strictness rules: no unknown fields, no duplicates, fields in canonical order, Hash required.

#include <optional>
#include <string>
#include <vector>

#include "cas/cid.hpp"
#include "cas/error.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::cas {

/// A link from a dag-pb node to another block.
struct PbLink {
    Cid cid;
    std::optional<std::string> name;  ///< UnixFS writes "" for file chunks, the entry name in dirs
    std::optional<std::uint64_t> tsize;  ///< the cumulative size of the linked DAG's blocks
};

/// A dag-pb node. `data` views bytes owned elsewhere (the block, or the caller's buffer).
struct PbNode {
    std::vector<PbLink> links;
    std::optional<BytesView> data;
};

/// The canonical encoding of `node`.
[[nodiscard]] Bytes encode_pb_node(const PbNode& node);

/// Decodes a dag-pb block strictly; the returned node views `block`.
[[nodiscard]] Result<PbNode, CasError> decode_pb_node(BytesView block);

}  // namespace yunlian::cas
