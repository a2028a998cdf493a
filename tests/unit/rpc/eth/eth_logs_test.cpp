// eth_getLogs, the polling filters and the "logs" subscription over a chain in memory whose
// blocks hold contract creations that emit logs (init code made of PUSH32 / LOGn).
#include "rpc/eth/eth_logs.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "chain/chain_store.hpp"
#include "common/hex.hpp"
#include "crypto/secp256k1.hpp"
#include "evm/create_address.hpp"
#include "evm/vm.hpp"
#include "execution/block_builder.hpp"
#include "execution/block_fees.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/eth/eth_json.hpp"
#include "rpc/subscriptions.hpp"
#include "state/layout.hpp"
#include "state/memory_kv.hpp"
#include "txpool/tx_pool.hpp"
#include "types/transaction.hpp"

namespace yunlian::rpc::eth {
namespace {

namespace json = boost::json;
constexpr std::uint64_t kGwei = 1'000'000'000;

crypto::PrivateKey key(std::uint8_t n) {
    FixedBytes<32> b{};
    b[31] = n;
    return *crypto::parse_private_key(b.view());
}
Address address_of(std::uint8_t n) { return crypto::address_of(*crypto::public_key_of(key(n))); }

Hash topic(std::uint8_t n) {
    Hash h{};
    h[31] = n;
    return h;
}

/// A log the init code emits: topics and one byte of data.
struct Emit {
    std::vector<Hash> topics;
    std::uint8_t data = 0;
};

/// Init code that emits `logs` in order and deploys nothing.
Bytes emitting_init_code(const std::vector<Emit>& logs) {
    Bytes code;
    for (const auto& e : logs) {
        code.insert(code.end(), {0x60, e.data, 0x60, 0x00, 0x53});  // MSTORE8(0, data)
        for (auto t = e.topics.rbegin(); t != e.topics.rend(); ++t) {
            code.push_back(0x7f);  // PUSH32
            code.insert(code.end(), t->begin(), t->end());
        }
        code.insert(code.end(), {0x60, 0x01, 0x60, 0x00});  // size 1, offset 0
        code.push_back(static_cast<std::uint8_t>(0xa0 + e.topics.size()));
    }
    code.push_back(0x00);
    return code;
}

types::Transaction create(std::uint8_t from, std::uint64_t nonce, const std::vector<Emit>& logs) {
    types::Transaction t;
    t.type = types::TxType::kDynamicFee;
    t.chain_id = chain::kDefaultChainId;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{10 * kGwei};
    t.max_priority_fee_per_gas = Uint256{kGwei};
    t.gas_limit = 200'000;
    t.data = emitting_init_code(logs);
    (void)types::sign_transaction(t, key(from));
    return t;
}

types::Transaction transfer(std::uint8_t from, std::uint64_t nonce) {
    types::Transaction t = create(from, nonce, {});
    t.data.clear();
    t.to = address_of(9);
    t.gas_limit = 21'000;
    (void)types::sign_transaction(t, key(from));
    return t;
}

class RecordingSink final : public SubscriberSink {
  public:
    bool push(std::shared_ptr<const std::string> message) override {
        const std::lock_guard lock(m_mutex);
        messages.push_back(json::parse(*message));
        return true;
    }
    std::vector<json::value> messages;

  private:
    std::mutex m_mutex;
};

class EthLogsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        chain::Genesis g;
        types::Account funded;
        funded.balance = Uint256{1'000'000'000'000'000'000ULL};
        g.alloc[address_of(1)] = funded;
        g.alloc[address_of(2)] = funded;
        auto families = state::state_families();
        for (auto& f : chain::chain_families()) families.push_back(f);
        m_chain =
            std::make_unique<chain::ChainStore>(std::make_unique<state::MemoryKv>(families), g);
        register_log_methods(m_dispatcher, *m_chain);
        // Block 1: A emits (X, Y); B emits (X) and (Z, Y). Block 2: a transfer. Block 3: A emits
        // a LOG0.
        add_block({create(1, 0, {{{topic(1), topic(2)}, 0xa1}}),
                   create(2, 0, {{{topic(1)}, 0xb1}, {{topic(3), topic(2)}, 0xb2}})});
        add_block({transfer(1, 1)});
        add_block({create(1, 2, {{{}, 0xa3}})});
    }

    void add_block(const std::vector<types::Transaction>& txns) {
        const auto parent = m_chain->head();
        execution::BlockParams env;
        env.parent_hash = m_chain->head_hash();
        env.block_num = parent.block_num + 1;
        env.timestamp = parent.timestamp + 12;
        env.gas_limit = parent.gas_limit;
        env.base_fee = execution::next_base_fee(parent);
        env.chain_id = m_chain->chain_id();
        env.block_hash = [this](std::int64_t n) {
            return m_chain->canonical_hash(static_cast<std::uint64_t>(n)).value_or(Hash{});
        };
        std::vector<execution::Candidate> candidates;
        for (const auto& t : txns) {
            candidates.push_back({&t, *types::recover_sender(t), types::transaction_hash(t)});
        }
        evm::Vm vm;
        auto out = execution::build_block(env, candidates, m_chain->state(), vm);
        ASSERT_EQ(out.block.transactions.size(), txns.size());
        m_chain->commit(chain::BlockCommit{
            out.block, out.receipts, out.senders, out.txn_hashes, out.gas_used, out.diff, {}});
    }

    /// Calls `method` with `params` (JSON text); returns the result, or throws the error message.
    json::value call(const std::string& method, const std::string& params) {
        return call_on(m_dispatcher, method, params);
    }
    json::value call_on(Dispatcher& dispatcher, const std::string& method,
                        const std::string& params) {
        const auto response = dispatcher.handle(R"({"jsonrpc":"2.0","id":1,"method":")" + method +
                                                R"(","params":)" + params + "}");
        const json::value v = json::parse(*response);
        if (const auto* error = v.as_object().if_contains("error")) {
            m_last_code = error->at("code").to_number<int>();
            throw std::runtime_error(std::string(error->at("message").as_string()));
        }
        return v.at("result");
    }

    std::string error_of(const std::string& method, const std::string& params) {
        try {
            (void)call(method, params);
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "no error";
    }

    static std::string hex_of(const Hash& h) { return to_hex(h.view()); }
    static std::string hex_of(const Address& a) { return to_hex(a.view()); }
    Address creator(std::uint8_t from, std::uint64_t nonce) {
        return evm::create_address(address_of(from), nonce);
    }

    std::unique_ptr<chain::ChainStore> m_chain;
    Dispatcher m_dispatcher;
    int m_last_code = 0;
};

std::vector<std::string> data_of(const json::value& logs) {
    std::vector<std::string> out;
    for (const auto& log : logs.as_array()) out.emplace_back(log.at("data").as_string());
    return out;
}

TEST_F(EthLogsTest, GetLogsReturnsGethLogObjectsWithBlockWideIndexes) {
    const auto logs = call("eth_getLogs", R"([{"fromBlock":"earliest","toBlock":"latest"}])");
    ASSERT_EQ(data_of(logs), (std::vector<std::string>{"0xa1", "0xb1", "0xb2", "0xa3"}));
    const auto block1 = *m_chain->canonical_hash(1);
    const auto txns = m_chain->transactions(block1);
    const auto& second = logs.as_array()[2].as_object();
    EXPECT_EQ(second.at("address").as_string(), hex_of(creator(2, 0)));
    EXPECT_EQ(second.at("blockNumber").as_string(), "0x1");
    EXPECT_EQ(second.at("blockHash").as_string(), hex_of(block1));
    EXPECT_EQ(second.at("transactionHash").as_string(), hex_of(types::transaction_hash(txns[1])));
    EXPECT_EQ(second.at("transactionIndex").as_string(), "0x1");
    EXPECT_EQ(second.at("logIndex").as_string(), "0x2");  // across the block, not the receipt
    EXPECT_EQ(second.at("removed").as_bool(), false);
    ASSERT_EQ(second.at("topics").as_array().size(), 2U);
    EXPECT_EQ(second.at("topics").as_array()[0].as_string(), hex_of(topic(3)));
    // geth's field order.
    std::vector<std::string> keys;
    for (const auto& entry : second) keys.emplace_back(entry.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"address", "topics", "data", "blockNumber",
                                              "transactionHash", "transactionIndex", "blockHash",
                                              "logIndex", "removed"}));
    EXPECT_EQ(logs.as_array()[3].at("logIndex").as_string(), "0x0");
    EXPECT_EQ(logs.as_array()[3].at("blockNumber").as_string(), "0x3");
}

TEST_F(EthLogsTest, GetLogsFiltersByAddressAndTopics) {
    const std::string x = hex_of(topic(1));
    const std::string y = hex_of(topic(2));
    const std::string z = hex_of(topic(3));
    const std::string range = R"("fromBlock":"0x0",)";
    EXPECT_EQ(data_of(call("eth_getLogs", "[{" + range + R"("topics":[")" + x + R"("]}])")),
              (std::vector<std::string>{"0xa1", "0xb1"}));
    EXPECT_EQ(data_of(call("eth_getLogs", "[{" + range + R"("topics":[null,")" + y + R"("]}])")),
              (std::vector<std::string>{"0xa1", "0xb2"}));
    EXPECT_EQ(data_of(call("eth_getLogs",
                           "[{" + range + R"("topics":[[")" + x + R"(",")" + z + R"("]]}])")),
              (std::vector<std::string>{"0xa1", "0xb1", "0xb2"}));
    // A null inside an OR array makes the position a wildcard; a position needs a topic there.
    EXPECT_EQ(data_of(call("eth_getLogs", "[{" + range + R"("topics":[[")" + z + R"(",null]]}])")),
              (std::vector<std::string>{"0xa1", "0xb1", "0xb2"}));
    EXPECT_EQ(data_of(call("eth_getLogs", "[{" + range + R"("topics":[null,null]}])")),
              (std::vector<std::string>{"0xa1", "0xb2"}));
    EXPECT_EQ(data_of(call("eth_getLogs",
                           "[{" + range + R"("address":")" + hex_of(creator(2, 0)) + R"("}])")),
              (std::vector<std::string>{"0xb1", "0xb2"}));
    EXPECT_EQ(data_of(call("eth_getLogs", "[{" + range + R"("address":[")" + hex_of(creator(1, 0)) +
                                              R"(",")" + hex_of(creator(1, 2)) + R"("]}])")),
              (std::vector<std::string>{"0xa1", "0xa3"}));
    EXPECT_TRUE(
        call("eth_getLogs", "[{" + range + R"("address":")" + hex_of(address_of(9)) + R"("}])")
            .as_array()
            .empty());
    // The default range is the latest block only.
    EXPECT_EQ(data_of(call("eth_getLogs", "[{}]")), (std::vector<std::string>{"0xa3"}));
    EXPECT_EQ(data_of(call("eth_getLogs",
                           R"([{"blockHash":")" + hex_of(*m_chain->canonical_hash(1)) + R"("}])")),
              (std::vector<std::string>{"0xa1", "0xb1", "0xb2"}));
    EXPECT_TRUE(call("eth_getLogs", R"([{"fromBlock":"0x2","toBlock":"0x2"}])").as_array().empty());
}

TEST_F(EthLogsTest, GetLogsRejectsBadRangesAndCriteriaAsGethDoes) {
    EXPECT_EQ(error_of("eth_getLogs", R"([{"fromBlock":"0x3","toBlock":"0x1"}])"),
              "invalid block range params");
    EXPECT_EQ(m_last_code, kServerError);
    EXPECT_EQ(error_of("eth_getLogs", R"([{"fromBlock":"0x1","toBlock":"0x9"}])"),
              "block range extends beyond current head block");
    EXPECT_EQ(m_last_code, kInvalidParams);
    EXPECT_EQ(error_of("eth_getLogs", R"([{"fromBlock":"0x9"}])"), "invalid block range params");
    EXPECT_EQ(m_last_code, kInvalidParams);
    EXPECT_EQ(
        error_of("eth_getLogs",
                 R"([{"blockHash":")" + hex_of(topic(7)) + R"(","fromBlock":"0x1"}])"),
        "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or "
        "the other");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"blockHash":")" + hex_of(topic(7)) + R"("}])"),
              "unknown block");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"topics":[null,null,null,null,null]}])"),
              "invalid argument 0: exceed max topics");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"topics":[7]}])"),
              "invalid argument 0: invalid topic(s)");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"topics":"0x00"}])"),
              "invalid argument 0: invalid topic(s)");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"address":"0x12"}])").substr(0, 36),
              "invalid argument 0: invalid address:");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"address":["0x12"]}])").substr(0, 47),
              "invalid argument 0: invalid address at index 0:");
    EXPECT_EQ(error_of("eth_getLogs", R"([{"fromBlock":"soon"}])"),
              "invalid argument 0: hex string without 0x prefix");
    EXPECT_EQ(error_of("eth_getLogs", "[7]"), "invalid argument 0: expected a filter object");
    EXPECT_EQ(error_of("eth_getLogs", "[]"), "missing value for required argument 0");
}

TEST_F(EthLogsTest, RangeLimitIsEnforced) {
    LogCriteria c;
    c.from_block = BlockTag{BlockTag::Kind::kEarliest, 0};
    EXPECT_EQ(get_logs(*m_chain, c, 4).size(), 4U);  // blocks 0..3: four blocks are allowed
    try {
        (void)get_logs(*m_chain, c, 3);
        ADD_FAILURE() << "no error";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.code(), kServerError);
        EXPECT_STREQ(e.what(), "exceed maximum block range: 3");
    }
    c.from_block = BlockTag{BlockTag::Kind::kNumber, 1};
    EXPECT_EQ(get_logs(*m_chain, c, 3).size(), 4U);
}

TEST_F(EthLogsTest, LogFilterReportsNewLogsOncePerPoll) {
    const std::string id = std::string(
        call("eth_newFilter", R"([{"topics":[")" + hex_of(topic(1)) + R"("]}])").as_string());
    EXPECT_EQ(id.substr(0, 2), "0x");
    EXPECT_TRUE(call("eth_getFilterChanges", "[\"" + id + "\"]").as_array().empty());
    add_block({create(2, 1, {{{topic(1)}, 0xc1}, {{topic(4)}, 0xc2}})});
    add_block({create(1, 3, {{{topic(1), topic(5)}, 0xd1}})});
    EXPECT_EQ(data_of(call("eth_getFilterChanges", "[\"" + id + "\"]")),
              (std::vector<std::string>{"0xc1", "0xd1"}));
    EXPECT_TRUE(call("eth_getFilterChanges", "[\"" + id + "\"]").as_array().empty());
    // getFilterLogs runs the filter's whole query (default range: the latest block).
    EXPECT_EQ(data_of(call("eth_getFilterLogs", "[\"" + id + "\"]")),
              (std::vector<std::string>{"0xd1"}));
    EXPECT_TRUE(call("eth_uninstallFilter", "[\"" + id + "\"]").as_bool());
    EXPECT_FALSE(call("eth_uninstallFilter", "[\"" + id + "\"]").as_bool());
    EXPECT_EQ(error_of("eth_getFilterChanges", "[\"" + id + "\"]"), "filter not found");
    EXPECT_EQ(m_last_code, kServerError);
}

TEST_F(EthLogsTest, LogFilterHonoursNumericRange) {
    const std::string id =
        std::string(call("eth_newFilter", R"([{"fromBlock":"0x0","toBlock":"0x4"}])").as_string());
    add_block({create(2, 1, {{{}, 0xe4}})});
    add_block({create(2, 2, {{{}, 0xe5}})});
    EXPECT_EQ(data_of(call("eth_getFilterChanges", "[\"" + id + "\"]")),
              (std::vector<std::string>{"0xe4"}));
    EXPECT_EQ(data_of(call("eth_getFilterLogs", "[\"" + id + "\"]")),
              (std::vector<std::string>{"0xa1", "0xb1", "0xb2", "0xa3", "0xe4"}));
}

TEST_F(EthLogsTest, BlockFilterReportsNewBlockHashes) {
    const std::string id = std::string(call("eth_newBlockFilter", "[]").as_string());
    EXPECT_TRUE(call("eth_getFilterChanges", "[\"" + id + "\"]").as_array().empty());
    add_block({transfer(1, 3)});
    add_block({transfer(1, 4)});
    const auto hashes = call("eth_getFilterChanges", "[\"" + id + "\"]").as_array();
    ASSERT_EQ(hashes.size(), 2U);
    EXPECT_EQ(hashes[0].as_string(), hex_of(*m_chain->canonical_hash(4)));
    EXPECT_EQ(hashes[1].as_string(), hex_of(*m_chain->canonical_hash(5)));
    EXPECT_EQ(error_of("eth_getFilterLogs", "[\"" + id + "\"]"), "filter not found");
    EXPECT_EQ(error_of("eth_getFilterChanges", R"(["0x1234"])"), "filter not found");
    EXPECT_EQ(error_of("eth_newBlockFilter", R"([1])"), "too many arguments, want at most 0");
}

TEST_F(EthLogsTest, LogsSubscriptionSendsOneNotificationPerMatchingLog) {
    SubscriptionHub hub;
    add_logs_subscription(hub);
    auto sink = std::make_shared<RecordingSink>();
    auto other = std::make_shared<RecordingSink>();
    const std::string id = hub.subscribe(sink, "logs",
                                         json::parse(R"([{"topics":[[")" + hex_of(topic(1)) +
                                                     R"(",")" + hex_of(topic(3)) + R"("]]}])")
                                             .as_array());
    (void)hub.subscribe(
        other, "logs",
        json::parse(R"([{"address":")" + hex_of(address_of(9)) + R"("}])").as_array());
    const auto block1 = *m_chain->canonical_hash(1);
    EXPECT_EQ(publish_block_logs(hub, *m_chain, *m_chain->header(block1), block1), 3U);
    ASSERT_EQ(sink->messages.size(), 3U);
    EXPECT_TRUE(other->messages.empty());
    const auto& params = sink->messages[2].at("params");
    EXPECT_EQ(params.at("subscription").as_string(), id);
    EXPECT_EQ(params.at("result").at("data").as_string(), "0xb2");
    EXPECT_EQ(params.at("result").at("logIndex").as_string(), "0x2");
    EXPECT_EQ(params.at("result").at("removed").as_bool(), false);
    // A block without matching logs sends nothing.
    const auto block2 = *m_chain->canonical_hash(2);
    EXPECT_EQ(publish_block_logs(hub, *m_chain, *m_chain->header(block2), block2), 0U);
    // Bad arguments are refused at subscribe time.
    EXPECT_THROW((void)hub.subscribe(sink, "logs", json::parse(R"([{"topics":[1]}])").as_array()),
                 RpcError);
    EXPECT_THROW((void)hub.subscribe(sink, "logs", json::parse(R"([{}, 2])").as_array()), RpcError);
}

TEST(LogFilter, MatchesAndBloomAgree) {
    types::Log log;
    log.address = Address{{0x11}};
    log.topics = {topic(1), topic(2)};
    types::Bloom bloom{};
    types::bloom_add(bloom, log);
    LogFilter f;
    EXPECT_TRUE(f.matches(log));
    EXPECT_TRUE(f.may_match(bloom));
    f.topics = {{}, {topic(2), topic(9)}};
    EXPECT_TRUE(f.matches(log));
    EXPECT_TRUE(f.may_match(bloom));
    f.topics = {{}, {}, {}};
    EXPECT_FALSE(f.matches(log));  // the log has no third topic
    f.topics = {{topic(9)}};
    EXPECT_FALSE(f.matches(log));
    EXPECT_FALSE(f.may_match(bloom));
    f.topics.clear();
    f.addresses = {Address{{0x22}}, Address{{0x11}}};
    EXPECT_TRUE(f.matches(log));
    EXPECT_TRUE(f.may_match(bloom));
    f.addresses = {Address{{0x22}}};
    EXPECT_FALSE(f.matches(log));
    EXPECT_FALSE(f.may_match(bloom));
}

TEST(LogFilter, CriteriaRoundTripThroughJson) {
    const auto c = parse_log_criteria(json::parse(
        R"({"fromBlock":"0x1","toBlock":"latest","address":"0x1100000000000000000000000000000000000000",
            "topics":[null,["0x0000000000000000000000000000000000000000000000000000000000000002"]]})"));
    const auto again = parse_log_criteria(criteria_json(c));
    EXPECT_EQ(again.from_block, c.from_block);
    EXPECT_EQ(again.to_block, c.to_block);
    EXPECT_EQ(again.filter.addresses, c.filter.addresses);
    EXPECT_EQ(again.filter.topics, c.filter.topics);
    EXPECT_FALSE(again.block_hash.has_value());
    EXPECT_EQ(parse_log_criteria(json::value(nullptr)).filter.topics.size(), 0U);
}

TEST(LogFilter, MalformedCriteriaAreInvalidParams) {
    const char* const kBad[] = {
        R"(7)",
        R"("latest")",
        R"([])",
        R"({"fromBlock":7})",
        R"({"fromBlock":"0x"})",
        R"({"toBlock":"0x01"})",
        R"({"toBlock":"0x8000000000000000"})",
        R"({"blockHash":"0x12"})",
        R"({"blockHash":7})",
        R"({"address":7})",
        R"({"address":{"a":1}})",
        R"({"address":[null]})",
        R"({"address":["0x11000000000000000000000000000000000000zz"]})",
        R"({"topics":{}})",
        R"({"topics":[true]})",
        R"({"topics":[[1]]})",
        R"({"topics":[[[]]]})",
        R"({"topics":["0x00"]})",
        R"({"topics":[null,null,null,null,null]})",
    };
    for (const char* text : kBad) {
        try {
            (void)parse_log_criteria(json::parse(text));
            ADD_FAILURE() << "accepted " << text;
        } catch (const RpcError& e) {
            EXPECT_EQ(e.code(), kInvalidParams) << text;
        }
    }
    json::array many;
    for (std::size_t i = 0; i <= kMaxFilterAddresses; ++i) {
        many.emplace_back("0x1100000000000000000000000000000000000000");
    }
    json::object o;
    o["address"] = many;
    EXPECT_THROW((void)parse_log_criteria(o), RpcError);
    many.pop_back();
    o["address"] = many;
    EXPECT_EQ(parse_log_criteria(o).filter.addresses.size(), kMaxFilterAddresses);
}

}  // namespace
}  // namespace yunlian::rpc::eth

namespace yunlian::rpc::eth {
namespace {

class FundedState final : public txpool::StateView {
  public:
    std::optional<types::Account> account(const Address&) const override {
        types::Account a;
        a.balance = Uint256{1'000'000'000'000'000'000ULL};
        return a;
    }
};

TEST_F(EthLogsTest, PendingTransactionFilterReportsAdmissionsOncePerPoll) {
    EXPECT_EQ(error_of("eth_newPendingTransactionFilter", "[]"),
              "the method eth_newPendingTransactionFilter does not exist/is not available");
    FundedState state;
    txpool::PoolConfig config;
    config.chain_id = m_chain->chain_id();
    txpool::TxPool pool(config, state);
    const auto before = transfer(1, 0);
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(before)));

    Dispatcher d;
    register_log_methods(d, *m_chain, &pool);
    const std::string id =
        std::string(call_on(d, "eth_newPendingTransactionFilter", "[]").as_string());
    const std::string poll = "[\"" + id + "\"]";
    EXPECT_TRUE(call_on(d, "eth_getFilterChanges", poll).as_array().empty());  // only newer ones
    const auto a = transfer(1, 1);
    const auto b = transfer(2, 0);
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(a)));
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(b)));
    const auto hashes = call_on(d, "eth_getFilterChanges", poll).as_array();
    ASSERT_EQ(hashes.size(), 2U);
    EXPECT_EQ(hashes[0].as_string(), hex_of(types::transaction_hash(a)));
    EXPECT_EQ(hashes[1].as_string(), hex_of(types::transaction_hash(b)));
    EXPECT_TRUE(call_on(d, "eth_getFilterChanges", poll).as_array().empty());
    // Mined (gone from the pool) before the poll: still reported, as geth's feed does.
    const auto c = transfer(2, 1);
    ASSERT_TRUE(pool.add_raw(types::encode_transaction(c)));
    pool.remove(types::transaction_hash(c));
    ASSERT_EQ(call_on(d, "eth_getFilterChanges", poll).as_array().size(), 1U);
    // Not a log filter; uninstalled like any other.
    try {
        (void)call_on(d, "eth_getFilterLogs", poll);
        ADD_FAILURE() << "eth_getFilterLogs on a pending filter";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "filter not found");
    }
    EXPECT_TRUE(call_on(d, "eth_uninstallFilter", poll).as_bool());
}

}  // namespace
}  // namespace yunlian::rpc::eth
