#include "trie/node_codec.hpp"

#include <algorithm>

#include "codec/rlp.hpp"
#include "crypto/keccak.hpp"
#include "trie/nibbles.hpp"

namespace yunlian::trie {

namespace {

constexpr std::uint8_t kEmptyString = 0x80;

/// Hex-prefix of nibbles [from, to) of `key` (appendix C), written into `out` (which holds at
/// least (to - from) / 2 + 1 bytes); returns the size.
std::size_t hex_prefix_of_key(BytesView key, std::size_t from, std::size_t to, bool leaf,
                              std::uint8_t* out) noexcept {
    const std::size_t count = to - from;
    const bool odd = count % 2 == 1;
    const auto flag = static_cast<std::uint8_t>((leaf ? 2 : 0) + (odd ? 1 : 0));
    std::size_t n = 0;
    std::size_t i = from;
    if (odd) {
        out[n++] = static_cast<std::uint8_t>((flag << 4) | nibble_at(key, i));
        ++i;
    } else {
        out[n++] = static_cast<std::uint8_t>(flag << 4);
    }
    if (i % 2 == 0) {
        // Byte-aligned: copy whole bytes.
        const std::size_t bytes = (to - i) / 2;
        std::copy_n(key.begin() + static_cast<std::ptrdiff_t>(i / 2), bytes, out + n);
        return n + bytes;
    }
    for (; i < to; i += 2) {
        out[n++] = static_cast<std::uint8_t>((nibble_at(key, i) << 4) | nibble_at(key, i + 1));
    }
    return n;
}

/// RLP([HP-encoded path, second]) where `second` is a value (a string) or an encoded ref.
Bytes encode_short(BytesView hp, BytesView second, bool second_is_string) {
    const std::size_t second_size = second_is_string ? rlp::string_size(second) : second.size();
    const std::size_t payload = rlp::string_size(hp) + second_size;
    Bytes out;
    out.reserve(payload + 9);
    rlp::encode_list_header(out, payload);
    rlp::encode_string(out, hp);
    if (second_is_string) {
        rlp::encode_string(out, second);
    } else {
        append(out, second);
    }
    return out;
}

Bytes short_from_key(BytesView key, std::size_t from, std::size_t to, bool leaf, BytesView second) {
    const std::size_t max_size = (to - from) / 2 + 1;
    std::array<std::uint8_t, 64> small{};
    Bytes large;
    std::uint8_t* buffer = small.data();
    if (max_size > small.size()) {
        large.resize(max_size);
        buffer = large.data();
    }
    const std::size_t size = hex_prefix_of_key(key, from, to, leaf, buffer);
    return encode_short(BytesView(buffer, size), second, leaf);
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

void NodeRef::assign(BytesView ref) noexcept {
    m_size = static_cast<std::uint8_t>(std::min(ref.size(), kHashRefSize));
    std::copy_n(ref.begin(), m_size, m_bytes.begin());
}

void NodeRef::assign_hash(const Hash& hash) noexcept {
    m_bytes[0] = static_cast<std::uint8_t>(kEmptyString + Hash::kSize);
    std::copy(hash.begin(), hash.end(), m_bytes.begin() + 1);
    m_size = kHashRefSize;
}

void NodeRef::assign_node(BytesView rlp) noexcept {
    if (rlp.size() < kHashRefThreshold) {
        assign(rlp);
    } else {
        assign_hash(crypto::keccak256(rlp));
    }
}

Bytes encode_leaf(BytesView path, BytesView value) {
    return encode_short(hex_prefix_encode(path, true), value, true);
}

Bytes encode_extension(BytesView path, BytesView child_ref) {
    return encode_short(hex_prefix_encode(path, false), child_ref, false);
}

Bytes encode_leaf_from_key(BytesView key, std::size_t from, std::size_t to, BytesView value) {
    return short_from_key(key, from, to, true, value);
}

Bytes encode_extension_from_key(BytesView key, std::size_t from, std::size_t to,
                                BytesView child_ref) {
    return short_from_key(key, from, to, false, child_ref);
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
