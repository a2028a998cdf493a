// The RocksDB block store (verification, pins, gc, corruption) and CAR v1 (header encoding,
// round trips, malformed and lying files).
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "cas/block_store.hpp"
#include "cas/car.hpp"
#include "cas/dag_pb.hpp"
#include "cas/file_builder.hpp"
#include "cas/reader.hpp"
#include "cas/varint.hpp"
#include "common/hex.hpp"
#include "crypto/sha256.hpp"
#include "test_data.hpp"

namespace yunlian::cas {
namespace {

using testing::seeded_bytes;

class TempDir {
  public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_path = std::filesystem::temp_directory_path() /
                 (std::string("cas_") + info->name() + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

AddedNode add_bytes(BytesView data, const AddOptions& options, BlockSink& sink) {
    MemorySource source(data);
    return add_file(source, options, sink);
}

AddOptions small_chunks(AddOptions options) {
    options.chunk_size = 4096;
    return options;
}

TEST(BlockStore, StoresVerifiesAndSurvivesReopen) {
    TempDir dir;
    const Bytes data = seeded_bytes(100'000, 1);
    Cid root;
    {
        BlockStore store(dir.path());
        root = add_bytes(data, small_chunks({}), store).cid;
        store.flush();
        EXPECT_TRUE(store.has(root));
    }
    BlockStore store(dir.path());
    Bytes out;
    ASSERT_TRUE(DagReader(store).read(root, 0, UINT64_MAX, [&](BytesView d) { append(out, d); }));
    EXPECT_EQ(out, data);
    EXPECT_EQ(store.get(Cid{1, Codec::kRaw, crypto::sha256(as_bytes("absent"))}).error().kind,
              FailureKind::kNotFound);
}

TEST(BlockStore, CorruptBlockIsNeverServed) {
    TempDir dir;
    BlockStore store(dir.path());
    const Bytes data = seeded_bytes(20'000, 2);
    const auto root = add_bytes(data, small_chunks(cid_v1_profile()), store).cid;
    store.flush();
    const auto node = decode_pb_node(store.get(root).value()).value();
    const Cid leaf = node.links[1].cid;
    Bytes flipped = store.get(leaf).value();
    flipped[100] ^= 0x80;
    store.put_unchecked(leaf, flipped);
    const auto got = store.get(leaf);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().kind, FailureKind::kIntegrity);
    EXPECT_EQ(got.error().subject, leaf.to_string());
    EXPECT_FALSE(DagReader(store).read(root, 0, UINT64_MAX, [](BytesView) {}));
}

TEST(BlockStore, PinsAndGarbageCollection) {
    TempDir dir;
    BlockStore store(dir.path());
    const auto kept = add_bytes(seeded_bytes(30'000, 3), small_chunks({}), store);
    const auto dropped = add_bytes(seeded_bytes(30'000, 4), small_chunks({}), store);
    const auto single = add_bytes(seeded_bytes(30'000, 5), small_chunks({}), store);
    store.flush();
    const auto blocks_before = store.block_count();
    EXPECT_EQ(blocks_before, 3u * 9u);  // 8 leaves and a root each
    ASSERT_TRUE(store.pin(kept.cid, PinKind::kRecursive));
    ASSERT_TRUE(store.pin(single.cid, PinKind::kDirect));
    const auto pins = store.pins();
    ASSERT_EQ(pins.size(), 2u);

    const auto report = store.gc().value();
    EXPECT_EQ(report.kept_blocks, 9u + 1u);
    EXPECT_EQ(report.removed_blocks, 9u + 8u);
    EXPECT_EQ(store.block_count(), 10u);
    EXPECT_TRUE(DagReader(store).read(kept.cid, 0, UINT64_MAX, [](BytesView) {}));
    EXPECT_EQ(store.get(dropped.cid).error().kind, FailureKind::kNotFound);
    EXPECT_TRUE(store.get(single.cid));  // the directly pinned root stays, its leaves do not
    EXPECT_FALSE(DagReader(store).read(single.cid, 0, UINT64_MAX, [](BytesView) {}));

    // A recursive pin needs the whole DAG; a direct pin only the block.
    EXPECT_EQ(store.pin(single.cid, PinKind::kRecursive).error().kind, FailureKind::kNotFound);
    EXPECT_TRUE(store.unpin(single.cid));
    EXPECT_FALSE(store.unpin(single.cid));
    EXPECT_EQ(store.gc().value().removed_blocks, 1u);
    EXPECT_TRUE(store.unpin(kept.cid));
    EXPECT_EQ(store.gc().value().removed_blocks, 9u);
    EXPECT_EQ(store.block_count(), 0u);
}

TEST(BlockStore, GcRefusesWhenAPinnedDagIsCorrupt) {
    TempDir dir;
    BlockStore store(dir.path());
    const auto root = add_bytes(seeded_bytes(30'000, 6), small_chunks({}), store);
    add_bytes(seeded_bytes(1000, 7), {}, store);  // garbage
    store.flush();
    ASSERT_TRUE(store.pin(root.cid, PinKind::kRecursive));
    Bytes bad = store.get(root.cid).value();
    bad[5] ^= 1;
    store.put_unchecked(root.cid, bad);
    const auto count = store.block_count();
    const auto gc = store.gc();
    ASSERT_FALSE(gc);
    EXPECT_EQ(gc.error().kind, FailureKind::kIntegrity);
    EXPECT_EQ(gc.error().subject, root.cid.to_string());
    EXPECT_EQ(store.block_count(), count);  // nothing removed
}

TEST(Car, HeaderMatchesIpldCar) {
    const auto cid = Cid::parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH").value();
    const Bytes header = encode_car_header({cid});
    // {"roots": [42(h'00' + cid)], "version": 1} in DAG-CBOR, as @ipld/car writes it.
    EXPECT_EQ(to_hex(BytesView(header).first(13), false), "a265726f6f747381d82a582300");
    EXPECT_EQ(to_hex(BytesView(header).last(9), false), "6776657273696f6e01");
    EXPECT_EQ(decode_car_header(header).value(), std::vector<Cid>{cid});
}

TEST(Car, RejectsMalformedHeaders) {
    const auto bad = [](std::string_view hex) {
        return decode_car_header(from_hex(hex, HexPrefix::kForbidden).value());
    };
    EXPECT_EQ(bad("a1").error(), CasError::kBadCarHeader);
    EXPECT_EQ(bad("a2").error(), CasError::kTruncated);
    // version 2
    EXPECT_EQ(bad("a265726f6f7473806776657273696f6e02").error(), CasError::kBadCarHeader);
    // roots twice
    EXPECT_EQ(bad("a265726f6f74738065726f6f747380").error(), CasError::kBadCarHeader);
    // a non-minimal length (24 encoded in two bytes)
    EXPECT_EQ(bad("b90002").error(), CasError::kBadCarHeader);
    EXPECT_TRUE(bad("a265726f6f7473806776657273696f6e01"));  // no roots is allowed
    EXPECT_EQ(bad("a265726f6f7473806776657273696f6e0100").error(), CasError::kTrailingBytes);
}

TEST(Car, RoundTripsAndVerifies) {
    MemoryBlockStore source;
    const Bytes data = seeded_bytes(200'000, 8);
    const auto root = add_bytes(data, small_chunks({}), source);
    std::stringstream car;
    EXPECT_EQ(export_car(source, root.cid, car).value(), source.blocks().size());
    const std::string bytes = car.str();

    MemoryBlockStore target;
    std::istringstream in(bytes);
    const auto imported = import_car(in, target).value();
    EXPECT_EQ(imported.roots, std::vector<Cid>{root.cid});
    EXPECT_EQ(imported.blocks, source.blocks().size());
    Bytes out;
    ASSERT_TRUE(
        DagReader(target).read(root.cid, 0, UINT64_MAX, [&](BytesView d) { append(out, d); }));
    EXPECT_EQ(out, data);

    // A flipped byte in the last block's data: the import names that block.
    std::string flipped = bytes;
    flipped[flipped.size() - 3] ^= 0x10;
    std::istringstream bad_in(flipped);
    MemoryBlockStore sink;
    const auto failed = import_car(bad_in, sink);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().kind, FailureKind::kIntegrity);

    // Cut short inside a section.
    std::istringstream cut(bytes.substr(0, bytes.size() - 10));
    EXPECT_EQ(import_car(cut, sink).error().format, CasError::kTruncated);
    // An absurd section length is refused before any allocation.
    Bytes huge;
    const Bytes header = encode_car_header({root.cid});
    append_varint(huge, header.size());
    append(huge, header);
    append_varint(huge, std::uint64_t{1} << 40);
    std::istringstream huge_in(std::string(huge.begin(), huge.end()));
    EXPECT_EQ(import_car(huge_in, sink).error().format, CasError::kBlockTooLarge);
}

TEST(Car, ExportOfIncompleteDagFails) {
    MemoryBlockStore source;
    const auto root = add_bytes(seeded_bytes(50'000, 9), small_chunks({}), source);
    const auto node = decode_pb_node(source.get(root.cid).value()).value();
    source.blocks().erase(node.links[3].cid.digest);
    std::stringstream car;
    EXPECT_EQ(export_car(source, root.cid, car).error().kind, FailureKind::kNotFound);
}

}  // namespace
}  // namespace yunlian::cas
