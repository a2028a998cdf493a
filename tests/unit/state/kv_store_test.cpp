#include "state/kv_store.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "state/memory_kv.hpp"
#include "state/rocks_kv.hpp"

namespace yunlian::state {
namespace {

Bytes b(std::string_view s) { return to_bytes(as_bytes(s)); }

/// A fresh directory per test, removed afterwards.
class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 ("yunlian_kv_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

enum class Backend { kMemory, kRocks };

class KvStoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        const std::vector<std::string> families{"alpha", "beta"};
        if (GetParam() == Backend::kMemory) {
            m_store = std::make_unique<MemoryKv>(families);
        } else {
            m_store = RocksKv::open(m_dir.path(), families);
        }
        m_alpha = *m_store->family_id("alpha");
        m_beta = *m_store->family_id("beta");
    }

    TempDir m_dir;
    std::unique_ptr<KvStore> m_store;
    FamilyId m_alpha = 0;
    FamilyId m_beta = 0;
};

TEST_P(KvStoreTest, PutGetErase) {
    EXPECT_FALSE(m_store->get(m_alpha, b("k")).has_value());
    m_store->put(m_alpha, b("k"), b("v"));
    EXPECT_EQ(m_store->get(m_alpha, b("k")), b("v"));
    EXPECT_FALSE(m_store->get(m_beta, b("k")).has_value()) << "families are separate";
    m_store->put(m_alpha, b("k"), b("w"));
    EXPECT_EQ(m_store->get(m_alpha, b("k")), b("w"));
    m_store->erase(m_alpha, b("k"));
    EXPECT_FALSE(m_store->get(m_alpha, b("k")).has_value());
    m_store->erase(m_alpha, b("never"));
    m_store->put(m_alpha, b("empty"), Bytes{});
    EXPECT_EQ(m_store->get(m_alpha, b("empty")), Bytes{});
}

TEST_P(KvStoreTest, BatchSpansFamiliesAndLaterWritesWin) {
    WriteBatch batch;
    batch.put(m_alpha, b("a"), b("1"));
    batch.put(m_beta, b("b"), b("2"));
    batch.put(m_alpha, b("c"), b("3"));
    batch.erase(m_alpha, b("c"));
    batch.put(m_beta, b("b"), b("4"));
    EXPECT_EQ(batch.size(), 5U);
    m_store->write(batch);
    EXPECT_EQ(m_store->get(m_alpha, b("a")), b("1"));
    EXPECT_EQ(m_store->get(m_beta, b("b")), b("4"));
    EXPECT_FALSE(m_store->get(m_alpha, b("c")).has_value());
}

TEST_P(KvStoreTest, PrefixScanIsOrderedAndStops) {
    for (const char* key : {"ab3", "ab1", "b", "ab2", "a", "abz", "ac"}) {
        m_store->put(m_alpha, b(key), b(key));
    }
    m_store->put(m_beta, b("ab0"), b("other family"));
    std::vector<std::string> seen;
    m_store->for_each_prefix(m_alpha, b("ab"), [&](BytesView key, BytesView value) {
        EXPECT_TRUE(std::ranges::equal(key, value));
        seen.emplace_back(key.begin(), key.end());
        return true;
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"ab1", "ab2", "ab3", "abz"}));
    seen.clear();
    m_store->for_each_prefix(m_alpha, b("ab"), [&](BytesView key, BytesView) {
        seen.emplace_back(key.begin(), key.end());
        return seen.size() < 2;
    });
    EXPECT_EQ(seen.size(), 2U);
    std::size_t all = 0;
    m_store->for_each_prefix(m_alpha, Bytes{}, [&](BytesView, BytesView) { return ++all > 0; });
    EXPECT_EQ(all, 7U);
}

TEST_P(KvStoreTest, UnknownFamilies) {
    EXPECT_FALSE(m_store->family_id("gamma").has_value());
    EXPECT_TRUE(m_store->family_id("default").has_value());
    EXPECT_THROW((void)m_store->table("gamma"), StorageError);
    EXPECT_THROW((void)m_store->get(999, b("k")), StorageError);
    WriteBatch bad;
    bad.put(m_alpha, b("x"), b("1"));
    bad.put(999, b("y"), b("2"));
    EXPECT_THROW(m_store->write(bad), StorageError);
    EXPECT_FALSE(m_store->get(m_alpha, b("x")).has_value()) << "a failed batch writes nothing";
}

TEST_P(KvStoreTest, TableView) {
    KvTable table = m_store->table("beta");
    table.put(b("k"), b("v"));
    EXPECT_EQ(m_store->get(m_beta, b("k")), b("v"));
    WriteBatch batch;
    table.erase(batch, b("k"));
    table.put(batch, b("j"), b("w"));
    m_store->write(batch);
    EXPECT_FALSE(table.get(b("k")).has_value());
    EXPECT_EQ(table.get(b("j")), b("w"));
}

INSTANTIATE_TEST_SUITE_P(Backends, KvStoreTest,
                         ::testing::Values(Backend::kMemory, Backend::kRocks),
                         [](const auto& param_info) {
                             return param_info.param == Backend::kMemory ? "Memory" : "Rocks";
                         });

TEST(RocksKv, ReopenKeepsDataAndEveryFamily) {
    TempDir dir;
    {
        auto store = RocksKv::open(dir.path(), {"alpha", "beta"});
        store->put(*store->family_id("beta"), b("k"), b("v"));
    }
    // Reopened naming only one family: the other is opened too, data intact.
    auto store = RocksKv::open(dir.path(), {"alpha", "gamma"});
    const auto beta = store->family_id("beta");
    ASSERT_TRUE(beta.has_value());
    EXPECT_EQ(store->get(*beta, b("k")), b("v"));
    EXPECT_TRUE(store->family_id("gamma").has_value());
}

TEST(RocksKv, OpenFailureThrows) {
    EXPECT_THROW((void)RocksKv::open("/proc/definitely/not/writable", {}), StorageError);
}

}  // namespace
}  // namespace yunlian::state
