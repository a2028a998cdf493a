#include "trie/node_codec.hpp"

#include "codec/rlp.hpp"
#include "crypto/keccak.hpp"
#include "trie/nibbles.hpp"

namespace yunlian::trie {

namespace {

constexpr std::uint8_t kEmptyString = 0x80;

Bytes wrap_two(BytesView first_encoded, BytesView second_encoded) {
    Bytes out;
    const std::size_t payload = first_encoded.size() + second_encoded.size();
    out.reserve(payload + 3);
    rlp::encode_list_header(out, payload);
    append(out, first_encoded);
    append(out, second_encoded);
    return out;
}

Result<ChildRef, TrieError> decode_child(rlp::ListReader& list) {
    auto raw = list.raw_item();
    if (!raw) return Unexpected(TrieError::kMalformedNode);
    auto item = rlp::decode_single(*raw);
    if (!item) return Unexpected(TrieError::kMalformedNode);
    if (item->is_list) {
        if (raw->size() >= kHashRefThreshold) return Unexpected(TrieError::kOversizedInline);
        return ChildRef{ChildRef::Kind::kInline, *raw};
    }
    if (item->payload.empty()) return ChildRef{};
    if (item->payload.size() != Hash::kSize) return Unexpected(TrieError::kMalformedNode);
    return ChildRef{ChildRef::Kind::kHash, item->payload};
}

Result<DecodedNode, TrieError> decode_short(rlp::ListReader& list) {
    auto encoded_path = list.bytes();
    if (!encoded_path) return Unexpected(TrieError::kMalformedNode);
    auto path = hex_prefix_decode(*encoded_path);
    if (!path) return Unexpected(path.error());
    DecodedNode node;
    node.path = std::move(path->nibbles);
    if (path->leaf) {
        node.kind = NodeKind::kLeaf;
        auto value = list.bytes();
        if (!value) return Unexpected(TrieError::kMalformedNode);
        if (value->empty()) return Unexpected(TrieError::kEmptyValue);
        node.value = *value;
    } else {
        node.kind = NodeKind::kExtension;
        if (node.path.empty()) return Unexpected(TrieError::kEmptyExtension);
        auto child = decode_child(list);
        if (!child) return Unexpected(child.error());
        if (child->kind == ChildRef::Kind::kNone) return Unexpected(TrieError::kMalformedNode);
        node.child = *child;
    }
    if (!list.finish()) return Unexpected(TrieError::kMalformedNode);
    return node;
}

Result<DecodedNode, TrieError> decode_branch(rlp::ListReader& list) {
    DecodedNode node;
    node.kind = NodeKind::kBranch;
    for (auto& child : node.children) {
        auto ref = decode_child(list);
        if (!ref) return Unexpected(ref.error());
        child = *ref;
    }
    auto value = list.bytes();
    if (!value) return Unexpected(TrieError::kMalformedNode);
    node.value = *value;
    if (!list.finish()) return Unexpected(TrieError::kMalformedNode);
    return node;
}

std::size_t count_items(BytesView payload) {
    std::size_t count = 0;
    while (!payload.empty()) {
        if (!rlp::decode_item(payload)) return 0;
        ++count;
    }
    return count;
}

}  // namespace

Bytes hash_ref(const Hash& hash) {
    Bytes out;
    out.reserve(kHashRefSize);
    out.push_back(static_cast<std::uint8_t>(kEmptyString + Hash::kSize));
    append(out, hash.view());
    return out;
}

Bytes make_ref(BytesView node_rlp) {
    if (node_rlp.size() < kHashRefThreshold) return to_bytes(node_rlp);
    return hash_ref(crypto::keccak256(node_rlp));
}

Bytes encode_leaf(BytesView path, BytesView value) {
    Bytes first;
    rlp::encode_string(first, hex_prefix_encode(path, true));
    Bytes second;
    rlp::encode_string(second, value);
    return wrap_two(first, second);
}

Bytes encode_extension(BytesView path, BytesView child_ref) {
    Bytes first;
    rlp::encode_string(first, hex_prefix_encode(path, false));
    return wrap_two(first, child_ref);
}

Bytes encode_branch(const std::array<BytesView, 16>& child_refs, BytesView value) {
    std::size_t payload = rlp::string_size(value);
    for (const auto& ref : child_refs) payload += ref.empty() ? 1 : ref.size();
    Bytes out;
    out.reserve(payload + 3);
    rlp::encode_list_header(out, payload);
    for (const auto& ref : child_refs) {
        if (ref.empty()) {
            out.push_back(kEmptyString);
        } else {
            append(out, ref);
        }
    }
    rlp::encode_string(out, value);
    return out;
}

Result<DecodedNode, TrieError> decode_node(BytesView rlp) {
    auto opened = rlp::ListReader::open(rlp);
    if (!opened) return Unexpected(TrieError::kMalformedNode);
    const std::size_t items = count_items(opened->rest());
    if (items == 2) return decode_short(*opened);
    if (items == 17) return decode_branch(*opened);
    return Unexpected(TrieError::kMalformedNode);
}

}  // namespace yunlian::trie
