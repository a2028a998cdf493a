// The balanced DAG builder and the reader: known roots, determinism across thread counts and
// read sizes, the layout's shape, seeking reads at chunk boundaries, directories, and reads of
// corrupted or lying DAGs.
#include <atomic>

#include <gtest/gtest.h>

#include "cas/dag_pb.hpp"
#include "cas/dir_builder.hpp"
#include "cas/reader.hpp"
#include "cas/unixfs.hpp"
#include "crypto/sha256.hpp"
#include "test_data.hpp"

namespace yunlian::cas {
namespace {

using testing::seeded_bytes;

/// Hands out at most `step` bytes per read, to exercise short reads.
class TrickleSource final : public ByteSource {
  public:
    TrickleSource(BytesView data, std::size_t step) : m_rest(data), m_step(step) {}
    std::size_t read(std::span<std::uint8_t> out) override {
        const std::size_t n = std::min({out.size(), m_rest.size(), m_step});
        std::copy_n(m_rest.begin(), n, out.begin());
        m_rest = m_rest.subspan(n);
        return n;
    }

  private:
    BytesView m_rest;
    std::size_t m_step;
};

AddedNode add_bytes(BytesView data, const AddOptions& options, BlockSink& sink) {
    MemorySource source(data);
    return add_file(source, options, sink);
}

Bytes read_all(const DagReader& reader, const Cid& cid, std::uint64_t offset = 0,
               std::uint64_t length = UINT64_MAX) {
    Bytes out;
    auto ok = reader.read(cid, offset, length, [&](BytesView d) { append(out, d); });
    EXPECT_TRUE(ok) << (ok ? "" : describe(ok.error()));
    return out;
}

TEST(Builder, EmptyFileRootsMatchKubo) {
    NullSink sink;
    EXPECT_EQ(add_bytes({}, AddOptions{}, sink).cid.to_string(),
              "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
    EXPECT_EQ(add_bytes({}, cid_v1_profile(), sink).cid.to_string(),
              "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
}

TEST(Builder, RootDoesNotDependOnThreadsOrReadSizes) {
    const Bytes data = seeded_bytes(3'000'000, 11);
    for (const auto& base : {AddOptions{}, cid_v1_profile()}) {
        AddOptions one_thread = base;
        one_thread.hash_threads = 1;
        NullSink sink;
        const auto reference = add_bytes(data, base, sink);
        EXPECT_EQ(add_bytes(data, one_thread, sink).cid, reference.cid);
        TrickleSource trickle(data, 4097);
        EXPECT_EQ(add_file(trickle, base, sink).cid, reference.cid);
        EXPECT_EQ(reference.file_size, data.size());
    }
}

TEST(Builder, BalancedShapeWithSmallFanout) {
    // 7 chunks, 2 links per node: leaves pair up into 4 parents, then 2, then the root.
    AddOptions options;
    options.chunk_size = 10;
    options.max_links = 2;
    MemoryBlockStore store;
    const Bytes data = seeded_bytes(65, 3);
    const auto root = add_bytes(data, options, store);
    EXPECT_EQ(store.blocks().size(), 7u + 4u + 2u + 1u);
    const auto block = store.get(root.cid).value();
    const auto node = decode_pb_node(block).value();
    const auto unixfs = decode_unixfs(*node.data).value();
    EXPECT_EQ(unixfs.filesize, 65u);
    EXPECT_EQ(unixfs.blocksizes, (std::vector<std::uint64_t>{40, 25}));
    EXPECT_EQ(read_all(DagReader(store), root.cid), data);
}

TEST(Builder, CumulativeSizeIsSumOfBlocks) {
    MemoryBlockStore store;
    AddOptions options;
    options.chunk_size = 1000;
    const auto root = add_bytes(seeded_bytes(500'000, 5), options, store);
    std::uint64_t total = 0;
    for (const auto& [digest, block] : store.blocks()) total += block.size();
    EXPECT_EQ(root.tsize, total);
}

TEST(Builder, RejectsBadOptions) {
    NullSink sink;
    AddOptions zero_chunk;
    zero_chunk.chunk_size = 0;
    EXPECT_THROW((void)add_bytes({}, zero_chunk, sink), std::invalid_argument);
    AddOptions one_link;
    one_link.max_links = 1;
    EXPECT_THROW((void)add_bytes({}, one_link, sink), std::invalid_argument);
}

class ReaderRanges : public ::testing::TestWithParam<bool> {};

TEST_P(ReaderRanges, ReadsEveryBoundaryRange) {
    MemoryBlockStore store;
    AddOptions options = GetParam() ? cid_v1_profile() : AddOptions{};
    options.chunk_size = 1024;
    options.max_links = 4;  // a deep tree from a small file
    const Bytes data = seeded_bytes(50'000, 9);
    const auto root = add_bytes(data, options, store);
    const DagReader reader(store);
    EXPECT_EQ(reader.stat(root.cid).value().size, data.size());
    const std::uint64_t points[] = {0, 1, 1023, 1024, 1025, 4095, 4096, 16384, 49'999};
    for (const auto offset : points) {
        for (const std::uint64_t length : {1ull, 2ull, 1024ull, 5000ull, 100'000ull}) {
            const auto got = read_all(reader, root.cid, offset, length);
            const auto end = std::min<std::uint64_t>(data.size(), offset + length);
            ASSERT_EQ(got, Bytes(data.begin() + static_cast<long>(offset),
                                 data.begin() + static_cast<long>(end)))
                << offset << "+" << length;
        }
    }
    EXPECT_EQ(reader.read(root.cid, data.size(), 1, [](BytesView) {}).error().kind,
              FailureKind::kRangeNotSatisfiable);
}

INSTANTIATE_TEST_SUITE_P(BothProfiles, ReaderRanges, ::testing::Bool());

/// Counts the blocks fetched, to prove a range read skips what it does not need.
class CountingSource final : public BlockSource {
  public:
    explicit CountingSource(const BlockSource& inner) : m_inner(inner) {}
    Result<Bytes, Failure> get(const Cid& cid) const override {
        ++m_gets;
        return m_inner.get(cid);
    }
    [[nodiscard]] int gets() const { return m_gets; }

  private:
    const BlockSource& m_inner;
    mutable std::atomic<int> m_gets{0};
};

TEST(Reader, SeeksWithoutReadingSkippedBlocks) {
    MemoryBlockStore store;
    AddOptions options = cid_v1_profile();
    options.chunk_size = 1024;
    const auto root = add_bytes(seeded_bytes(174 * 1024 * 3, 2), options, store);
    const CountingSource counting(store);
    const DagReader reader(counting);
    Bytes out;
    ASSERT_TRUE(reader.read(root.cid, 200'000, 10, [&](BytesView d) { append(out, d); }));
    // stat of the root, then root, one level-1 node and one leaf: nowhere near 522 leaves.
    EXPECT_LE(counting.gets(), 4);
    EXPECT_EQ(out.size(), 10u);
}

TEST(Reader, DirectoriesResolveAndList) {
    MemoryBlockStore store;
    const AddOptions options;
    const Bytes a = seeded_bytes(10, 1);
    const Bytes b = seeded_bytes(300'000, 2);
    const auto inner =
        add_directory_node({{"b.bin", add_bytes(b, options, store)}}, options, store);
    const auto root = add_directory_node({{"sub", inner}, {"a.txt", add_bytes(a, options, store)}},
                                         options, store);
    const DagReader reader(store);
    const auto listing = reader.list(root.cid).value();
    ASSERT_EQ(listing.size(), 2u);
    EXPECT_EQ(listing[0].name, "a.txt");  // sorted by name bytes
    EXPECT_EQ(listing[1].name, "sub");
    EXPECT_EQ(read_all(reader, reader.resolve(root.cid, "sub/b.bin").value()), b);
    EXPECT_EQ(read_all(reader, reader.resolve(root.cid, "/a.txt/").value()), a);
    EXPECT_EQ(reader.resolve(root.cid, "nope").error().kind, FailureKind::kNotFound);
    EXPECT_EQ(reader.resolve(root.cid, "a.txt/x").error().kind, FailureKind::kNotADirectory);
    EXPECT_EQ(reader.read(root.cid, 0, 1, [](BytesView) {}).error().kind, FailureKind::kNotAFile);
    EXPECT_EQ(reader.stat(root.cid).value().kind, NodeKind::kDirectory);
    NullSink sink;
    EXPECT_THROW((void)add_directory_node({{"x", {}}, {"x", {}}}, options, sink),
                 std::invalid_argument);
    EXPECT_THROW((void)add_directory_node({{"..", {}}}, options, sink), std::invalid_argument);
}

TEST(Reader, CorruptLeafIsAnIntegrityErrorNamingIt) {
    MemoryBlockStore store;
    AddOptions options = cid_v1_profile();
    options.chunk_size = 1000;
    const auto root = add_bytes(seeded_bytes(5000, 4), options, store);
    const auto node = decode_pb_node(store.get(root.cid).value()).value();
    const Cid third = node.links[2].cid;
    store.blocks()[third.digest][17] ^= 0x01;
    const DagReader reader(store);
    Bytes out;
    const auto result = reader.read(root.cid, 0, UINT64_MAX, [&](BytesView d) { append(out, d); });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, FailureKind::kIntegrity);
    EXPECT_EQ(result.error().subject, third.to_string());
    EXPECT_EQ(out.size(), 2000u);  // the two good leaves before it, nothing of the bad one
    EXPECT_NE(describe(result.error()).find(third.to_string()), std::string::npos);
    // Ranges that avoid the bad leaf still read.
    EXPECT_EQ(read_all(reader, root.cid, 3000, 2000).size(), 2000u);
}

TEST(Reader, LyingBlocksizesAreMalformed) {
    MemoryBlockStore store;
    AddOptions options = cid_v1_profile();
    options.chunk_size = 100;
    const auto leaf_a = add_bytes(seeded_bytes(100, 1), options, store);
    const auto leaf_b = add_bytes(seeded_bytes(100, 2), options, store);
    // A parent that claims 150 bytes under its second link.
    UnixfsData unixfs;
    unixfs.filesize = 250;
    unixfs.blocksizes = {100, 150};
    const Bytes data = encode_unixfs(unixfs);
    PbNode node;
    node.links = {PbLink{leaf_a.cid, "", 100}, PbLink{leaf_b.cid, "", 100}};
    node.data = BytesView(data);
    const Bytes block = encode_pb_node(node);
    const Cid cid{1, Codec::kDagPb, crypto::sha256(block)};
    const std::array<BytesView, 1> parts{BytesView(block)};
    store.put(cid, parts);
    const auto result = DagReader(store).read(cid, 0, UINT64_MAX, [](BytesView) {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, FailureKind::kMalformed);
    EXPECT_EQ(result.error().format, CasError::kBlockSizesMismatch);
}

TEST(ContentPath, ParsesAndRejects) {
    const auto p = parse_content_path("/ipfs/QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH//a/b/");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->path, "a/b");
    EXPECT_FALSE(parse_content_path("/ipfs/"));
    EXPECT_FALSE(parse_content_path("Qmnotacid/a"));
}

}  // namespace
}  // namespace yunlian::cas
