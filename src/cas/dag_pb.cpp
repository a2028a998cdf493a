#include "cas/dag_pb.hpp"

#include "cas/protobuf.hpp"

namespace yunlian::cas {
namespace {

constexpr std::uint32_t kNodeData = 1;
constexpr std::uint32_t kNodeLinks = 2;
constexpr std::uint32_t kLinkHash = 1;
constexpr std::uint32_t kLinkName = 2;
constexpr std::uint32_t kLinkTsize = 3;

Bytes encode_link(const PbLink& link) {
    Bytes out;
    pb::append_bytes(out, kLinkHash, link.cid.to_bytes());
    if (link.name) pb::append_bytes(out, kLinkName, as_bytes(*link.name));
    if (link.tsize) pb::append_uint(out, kLinkTsize, *link.tsize);
    return out;
}

Result<PbLink, CasError> decode_link(BytesView bytes) {
    PbLink link;
    bool has_hash = false;
    std::uint32_t last = 0;
    pb::Reader reader(bytes);
    while (!reader.done()) {
        const auto field = reader.next();
        if (!field) return Unexpected(field.error());
        if (field->number > kLinkTsize) return Unexpected(CasError::kUnknownField);
        if (field->number == last) return Unexpected(CasError::kDuplicateField);
        if (field->number < last) return Unexpected(CasError::kFieldOrder);
        last = field->number;
        const auto expected =
            field->number == kLinkTsize ? pb::WireType::kVarint : pb::WireType::kLengthDelimited;
        if (field->type != expected) return Unexpected(CasError::kBadWireType);
        if (field->number == kLinkHash) {
            auto cid = Cid::from_bytes(field->bytes);
            if (!cid) return Unexpected(cid.error());
            link.cid = *cid;
            has_hash = true;
        } else if (field->number == kLinkName) {
            link.name.emplace(reinterpret_cast<const char*>(field->bytes.data()),
                              field->bytes.size());
        } else {
            link.tsize = field->value;
        }
    }
    // The spec makes Hash required: a link to nothing cannot be followed or verified.
    if (!has_hash) return Unexpected(CasError::kMissingField);
    return link;
}

}  // namespace

Bytes encode_pb_node(const PbNode& node) {
    Bytes out;
    for (const auto& link : node.links) pb::append_bytes(out, kNodeLinks, encode_link(link));
    if (node.data) pb::append_bytes(out, kNodeData, *node.data);
    return out;
}

Result<PbNode, CasError> decode_pb_node(BytesView block) {
    PbNode node;
    pb::Reader reader(block);
    while (!reader.done()) {
        const auto field = reader.next();
        if (!field) return Unexpected(field.error());
        if (field->number != kNodeData && field->number != kNodeLinks) {
            return Unexpected(CasError::kUnknownField);
        }
        if (field->type != pb::WireType::kLengthDelimited) {
            return Unexpected(CasError::kBadWireType);
        }
        if (field->number == kNodeData) {
            if (node.data) return Unexpected(CasError::kDuplicateField);
            node.data = field->bytes;
            continue;
        }
        // Canonical order puts every link before the data.
        if (node.data) return Unexpected(CasError::kFieldOrder);
        auto link = decode_link(field->bytes);
        if (!link) return Unexpected(link.error());
        node.links.push_back(std::move(*link));
    }
    return node;
}

}  // namespace yunlian::cas
