#include "chain/genesis.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "trie/sorted_root.hpp"

namespace yunlian::chain {
namespace {

Uint256 read_number(const boost::json::value& v, std::string_view what) {
    if (v.is_uint64()) return Uint256{v.as_uint64()};
    if (v.is_int64() && v.as_int64() >= 0) {
        return Uint256{static_cast<std::uint64_t>(v.as_int64())};
    }
    if (v.is_string()) {
        auto parsed = Uint256::from_string(std::string_view{v.as_string()});
        if (parsed) return *parsed;
    }
    throw std::runtime_error("genesis: invalid number in " + std::string(what));
}

std::uint64_t read_u64(const boost::json::value& v, std::string_view what) {
    const Uint256 n = read_number(v, what);
    if (!n.fits_u64()) throw std::runtime_error("genesis: " + std::string(what) + " too large");
    return n.low_u64();
}

Address read_address(std::string_view text) {
    auto parsed = fixed_from_hex<20>(text, HexPrefix::kOptional);
    if (!parsed) throw std::runtime_error("genesis: invalid address " + std::string(text));
    return *parsed;
}

}  // namespace

Genesis parse_genesis_json(std::string_view text) {
    boost::system::error_code ec;
    const boost::json::value root = boost::json::parse(text, ec);
    if (ec || !root.is_object()) throw std::runtime_error("genesis: not a JSON object");
    const auto& obj = root.as_object();
    Genesis g;
    if (const auto* config = obj.if_contains("config"); config && config->is_object()) {
        if (const auto* id = config->as_object().if_contains("chainId")) {
            g.chain_id = read_u64(*id, "config.chainId");
        }
    }
    if (const auto* v = obj.if_contains("gasLimit")) g.gas_limit = read_u64(*v, "gasLimit");
    if (const auto* v = obj.if_contains("baseFeePerGas")) g.base_fee = read_number(*v, "baseFee");
    if (const auto* v = obj.if_contains("timestamp")) g.timestamp = read_u64(*v, "timestamp");
    if (const auto* v = obj.if_contains("extraData"); v && v->is_string()) {
        auto bytes = from_hex(std::string_view{v->as_string()});
        if (!bytes || bytes->size() > 32) throw std::runtime_error("genesis: invalid extraData");
        g.extra_data = *bytes;
    }
    if (const auto* v = obj.if_contains("coinbase"); v && v->is_string()) {
        g.coinbase = read_address(std::string_view{v->as_string()});
    }
    if (const auto* alloc = obj.if_contains("alloc")) {
        if (!alloc->is_object()) throw std::runtime_error("genesis: alloc is not an object");
        for (const auto& [key, entry] : alloc->as_object()) {
            if (!entry.is_object()) throw std::runtime_error("genesis: invalid alloc entry");
            types::Account account;
            if (const auto* b = entry.as_object().if_contains("balance")) {
                account.balance = read_number(*b, "balance");
            }
            if (const auto* n = entry.as_object().if_contains("nonce")) {
                account.nonce = read_u64(*n, "nonce");
            }
            if (entry.as_object().contains("code")) {
                throw std::runtime_error("genesis: code in alloc needs the EVM (issue 4)");
            }
            g.alloc.insert_or_assign(read_address(std::string_view{key}), account);
        }
    }
    if (const auto* v = obj.if_contains("validators")) {
        if (!v->is_array()) throw std::runtime_error("genesis: validators is not an array");
        for (const auto& entry : v->as_array()) {
            if (!entry.is_string()) throw std::runtime_error("genesis: invalid validator");
            const Address a = read_address(std::string_view{entry.as_string()});
            for (const auto& seen : g.validators) {
                if (seen == a) throw std::runtime_error("genesis: duplicate validator");
            }
            g.validators.push_back(a);
        }
    }
    if (const auto* v = obj.if_contains("allowList")) {
        if (!v->is_array()) throw std::runtime_error("genesis: allowList is not an array");
        for (const auto& entry : v->as_array()) {
            if (!entry.is_string()) throw std::runtime_error("genesis: invalid allowList key");
            auto key = from_hex(std::string_view{entry.as_string()}, HexPrefix::kOptional);
            if (!key || key->size() != 64)
                throw std::runtime_error("genesis: invalid allowList key");
            g.allow_list.push_back(std::move(*key));
        }
    }
    if (g.gas_limit < 21'000) throw std::runtime_error("genesis: gasLimit below 21000");
    return g;
}

Genesis load_genesis_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read genesis file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_genesis_json(text.str());
}

Hash account_trie_key(const Address& address) { return crypto::keccak256(address.view()); }

Hash genesis_state_root(const Genesis& genesis) {
    std::vector<std::pair<Bytes, Bytes>> pairs;
    for (const auto& [address, account] : genesis.alloc) {
        if (account.is_empty()) continue;  // EIP-161: an empty account does not exist
        pairs.emplace_back(to_bytes(account_trie_key(address).view()),
                           types::encode_account(account));
    }
    if (pairs.empty()) return types::kEmptyTrieRoot;
    return trie::unsorted_root(std::move(pairs)).value_or(types::kEmptyTrieRoot);
}

types::BlockHeader genesis_header(const Genesis& genesis) {
    types::BlockHeader h;
    const std::uint8_t empty_list = 0xc0;  // RLP([]): no ommers since the merge
    h.ommers_hash = crypto::keccak256(BytesView{&empty_list, 1});
    h.beneficiary = genesis.coinbase;
    h.state_root = genesis_state_root(genesis);
    h.transactions_root = types::kEmptyTrieRoot;
    h.receipts_root = types::kEmptyTrieRoot;
    h.gas_limit = genesis.gas_limit;
    h.timestamp = genesis.timestamp;
    h.extra_data = genesis.extra_data;
    h.base_fee_per_gas = genesis.base_fee;
    h.withdrawals_root = types::kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash{};
    return h;
}

}  // namespace yunlian::chain
