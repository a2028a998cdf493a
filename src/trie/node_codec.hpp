#pragma once
// Encoding and decoding of the three node kinds (Yellow Paper appendix D, equation 194-198):
//   leaf      RLP([HP(path, true), value])
//   extension RLP([HP(path, false), ref(child)])
//   branch    RLP([ref(child 0), ..., ref(child 15), value])
// where ref(n) is n's RLP itself when shorter than 32 bytes (embedded), else RLP(keccak(n)).

#include <array>
#include <cstddef>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "trie/error.hpp"

namespace yunlian::trie {

/// keccak256(RLP("")) = 56e81f17...b421, the root of the empty trie.
inline constexpr Hash kEmptyRoot = {{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6,
                                     0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
                                     0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0,
                                     0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

/// Nodes whose RLP is at least this long are referenced by hash; shorter ones are embedded.
inline constexpr std::size_t kHashRefThreshold = 32;
/// The encoded size of a hash reference: 0xa0 followed by 32 bytes.
inline constexpr std::size_t kHashRefSize = 33;

/// The reference a parent stores for a child whose RLP is `node_rlp`.
[[nodiscard]] Bytes make_ref(BytesView node_rlp);
/// RLP(hash): a hash reference.
[[nodiscard]] Bytes hash_ref(const Hash& hash);
/// Whether `ref` is a hash reference (33 bytes) rather than an embedded node (< 32 bytes).
[[nodiscard]] inline bool is_hash_ref(BytesView ref) noexcept { return ref.size() == kHashRefSize; }
/// The hash inside a hash reference.
[[nodiscard]] inline Hash ref_hash(BytesView ref) noexcept {
    return Hash::from_view(ref.subspan(1));
}

/// A reference held inline (never allocates): an embedded node's RLP (under 32 bytes) or
/// RLP(hash) (33 bytes).
class NodeRef {
  public:
    [[nodiscard]] BytesView view() const noexcept { return {m_bytes.data(), m_size}; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    void clear() noexcept { m_size = 0; }
    /// Copies `ref`, at most kHashRefSize bytes (callers pass embedded nodes or hash refs only).
    void assign(BytesView ref) noexcept;
    void assign_hash(const Hash& hash) noexcept;
    /// The reference of a node whose RLP is `rlp`: itself or its hash.
    void assign_node(BytesView rlp) noexcept;

  private:
    std::array<std::uint8_t, kHashRefSize> m_bytes{};
    std::uint8_t m_size = 0;
};

/// RLP of a leaf with the remaining `path` (nibbles) and `value`.
[[nodiscard]] Bytes encode_leaf(BytesView path, BytesView value);
/// RLP of an extension with `path` (nibbles, non-empty) and the child's reference.
[[nodiscard]] Bytes encode_extension(BytesView path, BytesView child_ref);
/// RLP of a leaf whose path is nibbles [from, to) of `key`, without materialising the nibbles.
[[nodiscard]] Bytes encode_leaf_from_key(BytesView key, std::size_t from, std::size_t to,
                                         BytesView value);
/// RLP of an extension whose path is nibbles [from, to) of `key` (from < to).
[[nodiscard]] Bytes encode_extension_from_key(BytesView key, std::size_t from, std::size_t to,
                                              BytesView child_ref);
/// RLP of a branch; an empty view in `child_refs` is an absent child, an empty `value` none.
[[nodiscard]] Bytes encode_branch(const std::array<BytesView, 16>& child_refs, BytesView value);

enum class NodeKind { kLeaf, kExtension, kBranch };

/// A child as a decoded node names it.
struct ChildRef {
    enum class Kind { kNone, kHash, kInline };
    Kind kind = Kind::kNone;
    /// kHash: the 32 hash bytes; kInline: the embedded node's whole RLP.
    BytesView data;
};

/// A node decoded from RLP; views point into the input.
struct DecodedNode {
    NodeKind kind = NodeKind::kLeaf;
    Bytes path;                           ///< leaf and extension: nibbles
    BytesView value;                      ///< leaf: non-empty; branch: possibly empty
    ChildRef child;                       ///< extension
    std::array<ChildRef, 16> children{};  ///< branch
};

/// Decodes one node strictly: malformed RLP, bad paths, empty extension paths, embedded children
/// of 32 bytes or more and empty leaf values are errors, never crashes.
[[nodiscard]] Result<DecodedNode, TrieError> decode_node(BytesView rlp);

}  // namespace yunlian::trie
