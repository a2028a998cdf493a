// dag-pb and UnixFS: canonical encodings that ipfs-unixfs and @ipld/dag-pb produce, and the
// malformed nodes a strict decoder rejects.
#include <gtest/gtest.h>

#include "cas/dag_pb.hpp"
#include "cas/unixfs.hpp"
#include "common/hex.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::cas {
namespace {

Bytes hex(std::string_view text) { return from_hex(text, HexPrefix::kForbidden).value(); }

TEST(Unixfs, EncodesLikeIpfsUnixfs) {
    UnixfsData empty_file;
    empty_file.filesize = 0;
    EXPECT_EQ(to_hex(encode_unixfs(empty_file), false), "08021800");
    UnixfsData dir;
    dir.type = UnixfsType::kDirectory;
    EXPECT_EQ(to_hex(encode_unixfs(dir), false), "0801");
    UnixfsData parent;
    parent.filesize = 300;
    parent.blocksizes = {256, 44};
    EXPECT_EQ(to_hex(encode_unixfs(parent), false), "080218ac02208002202c");
    const Bytes chunk{'h', 'i'};
    UnixfsData leaf;
    leaf.data = BytesView(chunk);
    leaf.filesize = 2;
    const Bytes encoded = encode_unixfs(leaf);
    EXPECT_EQ(to_hex(encoded, false),
              "080212026869"
              "1802");
    const auto decoded = decode_unixfs(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->type, UnixfsType::kFile);
    EXPECT_EQ(unixfs_content_size(*decoded), 2u);
}

TEST(Unixfs, RejectsMalformed) {
    EXPECT_EQ(decode_unixfs(hex("1800")).error(), CasError::kMissingField);
    EXPECT_EQ(decode_unixfs(hex("0809")).error(), CasError::kBadUnixfsType);
    EXPECT_EQ(decode_unixfs(hex("08020802")).error(), CasError::kDuplicateField);
    EXPECT_EQ(decode_unixfs(hex("0a00")).error(), CasError::kBadWireType);
    EXPECT_EQ(decode_unixfs(hex("08024800")).error(), CasError::kUnknownField);
    EXPECT_EQ(decode_unixfs(hex("0802120568")).error(), CasError::kTruncated);
    EXPECT_EQ(decode_unixfs(hex("08021880808080808080808080800100")).error(),
              CasError::kVarintOverflow);
    EXPECT_EQ(decode_unixfs(hex("0b")).error(), CasError::kBadWireType);     // wire type 3
    EXPECT_EQ(decode_unixfs(hex("0002")).error(), CasError::kUnknownField);  // field 0
    // Sizes that would wrap around saturate instead.
    EXPECT_EQ(unixfs_content_size(decode_unixfs(hex("080220ffffffffffffffffff0120ffffffffffffffff"
                                                    "ff01"))
                                      .value()),
              UINT64_MAX);
}

TEST(DagPb, EncodesLinksFirstAndRoundTrips) {
    const Cid child{0, Codec::kDagPb, crypto::sha256(as_bytes("child"))};
    const Bytes data = hex("0801");
    PbNode node;
    node.links.push_back(PbLink{child, std::string("a"), 10});
    node.data = BytesView(data);
    const Bytes block = encode_pb_node(node);
    // 12 <len> [0a 22 <cid> 12 01 'a' 18 0a] 0a 02 08 01
    EXPECT_EQ(block[0], 0x12);
    EXPECT_EQ(to_hex(BytesView(block).last(4), false), "0a020801");
    const auto decoded = decode_pb_node(block);
    ASSERT_TRUE(decoded);
    ASSERT_EQ(decoded->links.size(), 1u);
    EXPECT_EQ(decoded->links[0].cid, child);
    EXPECT_EQ(decoded->links[0].name, "a");
    EXPECT_EQ(decoded->links[0].tsize, 10u);
    EXPECT_EQ(to_hex(*decoded->data, false), "0801");
    EXPECT_EQ(encode_pb_node(*decoded), block);
}

TEST(DagPb, RejectsMalformed) {
    const Cid child{0, Codec::kDagPb, crypto::sha256(as_bytes("child"))};
    PbNode node;
    node.links.push_back(PbLink{child, std::string(), 1});
    const Bytes link_only = encode_pb_node(node);
    Bytes data_then_link = hex("0a00");
    append(data_then_link, link_only);
    EXPECT_EQ(decode_pb_node(data_then_link).error(), CasError::kFieldOrder);
    EXPECT_EQ(decode_pb_node(hex("0a000a00")).error(), CasError::kDuplicateField);
    EXPECT_EQ(decode_pb_node(hex("1a00")).error(), CasError::kUnknownField);
    EXPECT_EQ(decode_pb_node(hex("0800")).error(), CasError::kBadWireType);
    EXPECT_EQ(decode_pb_node(hex("1200")).error(), CasError::kMissingField);  // link without Hash
    EXPECT_EQ(decode_pb_node(hex("12021200")).error(), CasError::kMissingField);
    EXPECT_EQ(decode_pb_node(hex("0a05")).error(), CasError::kTruncated);
    EXPECT_EQ(decode_pb_node(hex("120412000a00")).error(), CasError::kFieldOrder);
    EXPECT_EQ(decode_pb_node(hex("12040a020000")).error(), CasError::kBadCidVersion);
    EXPECT_TRUE(decode_pb_node({}));  // the empty node is valid dag-pb
}

}  // namespace
}  // namespace yunlian::cas
