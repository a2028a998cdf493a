#include "chain/chain_store.hpp"

#include <stdexcept>
#include <string_view>

#include "codec/rlp.hpp"
#include "crypto/keccak.hpp"
#include "state/layout.hpp"
#include "state/overlay.hpp"
#include "state/rocks_kv.hpp"
#include "trie/trie.hpp"

namespace yunlian::chain {
namespace {

constexpr std::string_view kHeadKey = "head";
constexpr std::string_view kGenesisKey = "genesis";
constexpr std::string_view kChainIdKey = "chain_id";

Bytes num_key(std::uint64_t block_num) {
    Bytes key(8);
    for (std::size_t i = 0; i < 8; ++i) {
        key[i] = static_cast<std::uint8_t>(block_num >> (56 - 8 * i));
    }
    return key;
}

Bytes item_key(const Hash& block_hash, std::uint32_t index) {
    Bytes key = to_bytes(block_hash.view());
    for (std::size_t i = 0; i < 4; ++i) {
        key.push_back(static_cast<std::uint8_t>(index >> (24 - 8 * i)));
    }
    return key;
}

Bytes encode_location(const TxLocation& loc) {
    Bytes payload;
    rlp::encode_string(payload, loc.block_hash.view());
    rlp::encode_uint(payload, loc.block_num);
    rlp::encode_uint(payload, loc.index);
    rlp::encode_string(payload, loc.sender.view());
    return rlp::wrap_list(payload);
}

std::optional<TxLocation> decode_location(BytesView encoded) {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return std::nullopt;
    auto hash = list->fixed<32>();
    auto num = list->uint64();
    auto index = list->uint64();
    auto sender = list->fixed<20>();
    if (!hash || !num || !index || !sender || *index > UINT32_MAX) return std::nullopt;
    return TxLocation{*hash, *num, static_cast<std::uint32_t>(*index), *sender};
}

Bytes encode_stored_receipt(const types::Receipt& receipt, std::uint64_t gas_used) {
    Bytes payload;
    rlp::encode_string(payload, types::encode_receipt(receipt));
    rlp::encode_uint(payload, gas_used);
    return rlp::wrap_list(payload);
}

std::optional<StoredReceipt> decode_stored_receipt(BytesView encoded) {
    auto list = rlp::ListReader::open(encoded);
    if (!list) return std::nullopt;
    auto receipt_bytes = list->bytes();
    auto gas = list->uint64();
    if (!receipt_bytes || !gas) return std::nullopt;
    auto receipt = types::decode_receipt(*receipt_bytes);
    if (!receipt) return std::nullopt;
    return StoredReceipt{std::move(*receipt), *gas};
}

[[noreturn]] void corrupt(std::string_view what) {
    throw std::runtime_error("database corrupt: " + std::string(what));
}

constexpr std::string_view kHeaders = "chain.headers";
constexpr std::string_view kTransactions = "chain.transactions";
constexpr std::string_view kReceipts = "chain.receipts";
constexpr std::string_view kTxIndex = "chain.tx_index";
constexpr std::string_view kCanonical = "chain.canonical";
constexpr std::string_view kMeta = "chain.meta";
constexpr std::string_view kFinality = "chain.finality";
constexpr std::string_view kEvidence = "chain.evidence";

/// The genesis allocation as a state diff, through the state's overlay (which computes the
/// storage roots, the new trie nodes and the state root).
state::StateDiff genesis_diff(const state::FlatState& base,
                              const std::map<Address, types::Account>& alloc) {
    state::Overlay overlay(base);
    for (const auto& [address, account] : alloc) {
        if (account.is_empty()) continue;  // EIP-161: an empty account does not exist
        overlay.set_nonce(address, account.nonce);
        overlay.set_balance(address, account.balance);
    }
    overlay.finish_transaction(true);
    auto diff = overlay.diff();
    if (!diff) corrupt(state::to_string(diff.error()));
    return std::move(*diff);
}

}  // namespace

std::vector<std::string> chain_families() {
    return {std::string(kHeaders),  std::string(kTransactions), std::string(kReceipts),
            std::string(kTxIndex),  std::string(kCanonical),    std::string(kMeta),
            std::string(kFinality), std::string(kEvidence)};
}

struct ChainStore::Tables {
    state::KvTable headers;
    state::KvTable transactions;
    state::KvTable receipts;
    state::KvTable tx_index;
    state::KvTable canonical;
    state::KvTable meta;
    state::KvTable finality;
    state::KvTable evidence;
};

ChainStore::ChainStore(std::unique_ptr<state::KvStore> store, const Genesis& genesis)
    : m_store(std::move(store)), m_chain_id(genesis.chain_id) {
    m_tables = std::make_unique<Tables>(
        Tables{m_store->table(kHeaders), m_store->table(kTransactions), m_store->table(kReceipts),
               m_store->table(kTxIndex), m_store->table(kCanonical), m_store->table(kMeta),
               m_store->table(kFinality), m_store->table(kEvidence)});
    m_state = std::make_unique<state::FlatState>(*m_store);
    const types::BlockHeader genesis_block = genesis_header(genesis);
    m_genesis_hash = types::header_hash(genesis_block);
    const auto stored = m_tables->meta.get(as_bytes(kGenesisKey));
    if (!stored) {
        write_genesis(genesis, genesis_block);
    } else if (stored->size() != 32 || Hash::from_view(*stored) != m_genesis_hash ||
               m_tables->meta.get(as_bytes(kChainIdKey)) != num_key(m_chain_id)) {
        // The chain id is not in the genesis header, so it is checked on its own.
        throw std::runtime_error(
            "the database holds another chain (its genesis or chain id differs from this one)");
    }
    load_head();
}

ChainStore::~ChainStore() = default;

void ChainStore::write_genesis(const Genesis& genesis, const types::BlockHeader& header) {
    const state::StateDiff diff = genesis_diff(*m_state, genesis.alloc);
    // Two independent computations (the overlay's incremental trie and a sorted build) agree.
    if (diff.state_root != header.state_root) corrupt("genesis state root");
    state::WriteBatch batch;
    m_state->apply(diff, batch);
    m_tables->headers.put(batch, m_genesis_hash.view(), types::encode_header(header));
    m_tables->canonical.put(batch, num_key(0), m_genesis_hash.view());
    m_tables->meta.put(batch, as_bytes(kHeadKey), m_genesis_hash.view());
    m_tables->meta.put(batch, as_bytes(kGenesisKey), m_genesis_hash.view());
    m_tables->meta.put(batch, as_bytes(kChainIdKey), num_key(m_chain_id));
    m_store->write(batch);
}

void ChainStore::load_head() {
    const auto hash = m_tables->meta.get(as_bytes(kHeadKey));
    if (!hash || hash->size() != 32) corrupt("no head");
    const Hash head_hash = Hash::from_view(*hash);
    auto head = header(head_hash);
    if (!head) corrupt("head header missing");
    if (m_state->state_root() != head->state_root) corrupt("state root differs from the head's");
    std::lock_guard lock(m_head_mutex);
    m_head = *head;
    m_head_hash = head_hash;
}

types::BlockHeader ChainStore::head() const {
    std::lock_guard lock(m_head_mutex);
    return m_head;
}

Hash ChainStore::head_hash() const {
    std::lock_guard lock(m_head_mutex);
    return m_head_hash;
}

std::optional<Hash> ChainStore::canonical_hash(std::uint64_t block_num) const {
    auto v = m_tables->canonical.get(num_key(block_num));
    if (!v || v->size() != 32) return std::nullopt;
    return Hash::from_view(*v);
}

std::optional<types::BlockHeader> ChainStore::header(const Hash& block_hash) const {
    auto v = m_tables->headers.get(block_hash.view());
    if (!v) return std::nullopt;
    auto h = types::decode_header(*v);
    if (!h) corrupt("header");
    return std::move(*h);
}

std::optional<types::BlockHeader> ChainStore::header_by_num(std::uint64_t block_num) const {
    auto hash = canonical_hash(block_num);
    if (!hash) return std::nullopt;
    return header(*hash);
}

std::vector<types::Transaction> ChainStore::transactions(const Hash& block_hash) const {
    std::vector<types::Transaction> out;
    m_tables->transactions.for_each_prefix(block_hash.view(), [&](BytesView, BytesView value) {
        auto txn = types::decode_transaction(value);
        if (!txn) corrupt("transaction");
        out.push_back(std::move(*txn));
        return true;
    });
    return out;
}

std::optional<TxLocation> ChainStore::find_transaction(const Hash& txn_hash) const {
    auto v = m_tables->tx_index.get(txn_hash.view());
    if (!v) return std::nullopt;
    auto loc = decode_location(*v);
    if (!loc) corrupt("transaction index");
    return loc;
}

std::optional<types::Transaction> ChainStore::transaction_at(const Hash& block_hash,
                                                             std::uint32_t index) const {
    auto v = m_tables->transactions.get(item_key(block_hash, index));
    if (!v) return std::nullopt;
    auto txn = types::decode_transaction(*v);
    if (!txn) corrupt("transaction");
    return std::move(*txn);
}

std::optional<StoredReceipt> ChainStore::receipt_at(const Hash& block_hash,
                                                    std::uint32_t index) const {
    auto v = m_tables->receipts.get(item_key(block_hash, index));
    if (!v) return std::nullopt;
    auto r = decode_stored_receipt(*v);
    if (!r) corrupt("receipt");
    return r;
}

std::optional<Bytes> ChainStore::finality_proof(const Hash& block_hash) const {
    return m_tables->finality.get(block_hash.view());
}

bool ChainStore::add_evidence(BytesView evidence) {
    const Hash key = crypto::keccak256(evidence);
    if (m_tables->evidence.get(key.view())) return false;
    state::WriteBatch batch;
    m_tables->evidence.put(batch, key.view(), evidence);
    m_store->write(batch);
    return true;
}

std::vector<Bytes> ChainStore::evidence() const {
    std::vector<Bytes> out;
    m_tables->evidence.for_each_prefix(BytesView{}, [&](BytesView, BytesView value) {
        out.push_back(to_bytes(value));
        return true;
    });
    return out;
}

std::optional<types::Account> ChainStore::account(const Address& address) const {
    return m_state->account(address);
}

std::optional<types::Account> ChainStore::account_at(const Hash& state_root,
                                                     const Address& address) const {
    trie::Trie state(m_state->trie_nodes(), state_root);
    auto v = state.get(account_trie_key(address).view());
    if (!v) corrupt("state trie");
    if (!*v) return std::nullopt;
    auto account = types::decode_account(**v);
    if (!account) corrupt("account");
    return *account;
}

void ChainStore::commit(const BlockCommit& c) {
    const types::BlockHeader& h = c.block.header;
    if (h.parent_hash != head_hash()) throw std::runtime_error("block does not extend the head");
    if (h.state_root != c.diff.state_root) {
        throw std::runtime_error("block state root differs from its diff");
    }
    const Hash block_hash = types::header_hash(h);
    state::WriteBatch batch;
    m_tables->headers.put(batch, block_hash.view(), types::encode_header(h));
    for (std::size_t i = 0; i < c.block.transactions.size(); ++i) {
        const auto index = static_cast<std::uint32_t>(i);
        const Bytes key = item_key(block_hash, index);
        m_tables->transactions.put(batch, key, types::encode_transaction(c.block.transactions[i]));
        m_tables->receipts.put(batch, key, encode_stored_receipt(c.receipts[i], c.gas_used[i]));
        m_tables->tx_index.put(batch, c.txn_hashes[i].view(),
                               encode_location({block_hash, h.block_num, index, c.senders[i]}));
    }
    if (!c.finality_proof.empty()) {
        m_tables->finality.put(batch, block_hash.view(), c.finality_proof);
    }
    m_state->apply(c.diff, batch);
    m_tables->canonical.put(batch, num_key(h.block_num), block_hash.view());
    m_tables->meta.put(batch, as_bytes(kHeadKey), block_hash.view());
    m_store->write(batch);
    std::lock_guard lock(m_head_mutex);
    m_head = h;
    m_head_hash = block_hash;
}

std::unique_ptr<ChainStore> open_chain(const std::filesystem::path& datadir,
                                       const Genesis& genesis) {
    auto families = state::state_families();
    for (auto& f : chain_families()) families.push_back(std::move(f));
    std::filesystem::create_directories(datadir);
    return std::make_unique<ChainStore>(state::RocksKv::open(datadir / "chaindata", families),
                                        genesis);
}

}  // namespace yunlian::chain
