// `yunlian send --from KEYSTORE --to ADDR --value 1.5ether`: signs an EIP-1559 transfer with a
// keystore key, sends it through a node's JSON-RPC and waits for its receipt.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "common/hex.hpp"
#include "common/uint256.hpp"
#include "crypto/address.hpp"
#include "node/keystore_files.hpp"
#include "node/rpc_client.hpp"
#include "node/units.hpp"
#include "types/transaction.hpp"

namespace yunlian::cli {
namespace {

struct SendArgs {
    std::string from;
    std::string to;
    std::string value = "0";
    std::string rpc = "http://127.0.0.1:8545/";
    std::string password_file;
    std::string keystore;
    double timeout_s = 60;
};

Uint256 quantity(const boost::json::value& v) {
    if (!v.is_string()) throw std::runtime_error("unexpected answer from the node");
    auto q = Uint256::from_string(std::string_view{v.as_string()});
    if (!q) throw std::runtime_error("unexpected answer from the node");
    return *q;
}

std::uint64_t quantity_u64(const boost::json::value& v) {
    const Uint256 q = quantity(v);
    if (!q.fits_u64()) throw std::runtime_error("unexpected answer from the node");
    return q.low_u64();
}

/// --from is a keystore file, or an address whose file is in the keystore directory.
std::filesystem::path keystore_path(const SendArgs& a) {
    if (std::filesystem::is_regular_file(a.from)) return a.from;
    auto address = crypto::parse_address(a.from);
    if (!address) throw std::runtime_error("--from is neither a keystore file nor an address");
    const auto dir =
        a.keystore.empty() ? node::default_keystore_dir() : std::filesystem::path(a.keystore);
    for (const auto& e : node::list_keystores(dir)) {
        if (e.address == *address) return e.path;
    }
    throw std::runtime_error("no keystore file for " + a.from + " in " + dir.string());
}

void run_send(const SendArgs& a) {
    auto to = crypto::parse_address(a.to);
    if (!to) throw std::runtime_error("invalid --to address");
    const auto path = keystore_path(a);
    const std::optional<std::filesystem::path> pw_file =
        a.password_file.empty() ? std::nullopt
                                : std::optional<std::filesystem::path>(a.password_file);
    const auto key = node::read_keystore(path, node::read_password(pw_file, "Password: "));
    const Address from = crypto::address_of(*crypto::public_key_of(key));
    const std::string from_hex = to_hex(from.view());

    types::Transaction txn;
    txn.type = types::TxType::kDynamicFee;
    txn.chain_id = quantity_u64(node::rpc_call(a.rpc, "eth_chainId", {}));
    txn.nonce = quantity_u64(node::rpc_call(a.rpc, "eth_getTransactionCount",
                                            {boost::json::string(from_hex), "pending"}));
    txn.to = *to;
    txn.value = node::parse_amount(a.value);
    txn.max_priority_fee_per_gas = quantity(node::rpc_call(a.rpc, "eth_maxPriorityFeePerGas", {}));
    const auto latest = node::rpc_call(a.rpc, "eth_getBlockByNumber", {"latest", false});
    const Uint256 base = quantity(latest.at("baseFeePerGas"));
    // ethers' default: twice the base fee plus the tip, room for six full blocks of increases.
    txn.max_fee_per_gas = base * Uint256{2} + txn.max_priority_fee_per_gas;
    boost::json::object call{
        {"from", from_hex}, {"to", to_hex(to->view())}, {"value", txn.value.to_hex()}};
    txn.gas_limit = quantity_u64(node::rpc_call(a.rpc, "eth_estimateGas", {call}));
    if (!types::sign_transaction(txn, key)) throw std::runtime_error("signing failed");
    const auto hash = node::rpc_call(a.rpc, "eth_sendRawTransaction",
                                     {boost::json::string(to_hex(types::encode_transaction(txn)))});
    fmt::print("Transaction {} sent\n", boost::json::value_to<std::string>(hash));
    std::fflush(stdout);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<long>(a.timeout_s * 1000));
    while (std::chrono::steady_clock::now() < deadline) {
        const auto receipt = node::rpc_call(a.rpc, "eth_getTransactionReceipt", {hash});
        if (receipt.is_object()) {
            fmt::print("Included in block {} (status {}, gas used {})\n",
                       quantity_u64(receipt.at("blockNumber")),
                       boost::json::value_to<std::string>(receipt.at("status")),
                       quantity_u64(receipt.at("gasUsed")));
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("no receipt yet; check later with `yunlian tx`");
}

}  // namespace

void add_send_command(CLI::App& app) {
    auto args = std::make_shared<SendArgs>();
    auto* cmd = app.add_subcommand("send", "Send ether from a keystore account");
    cmd->add_option("--from", args->from, "Keystore file, or an address in --keystore")->required();
    cmd->add_option("--to", args->to, "Recipient address")->required();
    cmd->add_option("--value", args->value, "Amount: 1.5ether, 20gwei, 1000wei or wei");
    cmd->add_option("--rpc", args->rpc, "Node JSON-RPC URL");
    cmd->add_option("--password-file", args->password_file, "Read the password from this file");
    cmd->add_option("--keystore", args->keystore, "Keystore directory for --from ADDRESS");
    cmd->add_option("--timeout", args->timeout_s, "Seconds to wait for the receipt");
    cmd->callback([args] { run_send(*args); });
}

}  // namespace yunlian::cli
