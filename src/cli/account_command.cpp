// `yunlian account new|list|import`: keys in Web3 Secret Storage v3 files (scrypt, AES-128-CTR),
// readable by geth and ethers.

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "crypto/keystore.hpp"
#include "node/keystore_files.hpp"

namespace yunlian::cli {
namespace {

struct AccountArgs {
    std::string keystore;
    std::string password_file;
    std::string import_path;
};

std::filesystem::path keystore_dir(const AccountArgs& a) {
    return a.keystore.empty() ? node::default_keystore_dir() : std::filesystem::path(a.keystore);
}

std::optional<std::filesystem::path> password_file(const AccountArgs& a) {
    if (a.password_file.empty()) return std::nullopt;
    return a.password_file;
}

std::string address_text(const crypto::PrivateKey& key) {
    auto pub = crypto::public_key_of(key);
    if (!pub) throw std::runtime_error("invalid private key");
    return crypto::to_checksum_hex(crypto::address_of(*pub));
}

void run_new(const AccountArgs& a) {
    const std::string password = node::read_password(password_file(a), "Password: ");
    const auto key = node::random_private_key();
    const auto path = node::write_keystore(keystore_dir(a), key, password);
    fmt::print("Address: {}\nKeystore: {}\n", address_text(key), path.string());
}

void run_list(const AccountArgs& a) {
    const auto entries = node::list_keystores(keystore_dir(a));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        fmt::print("Account #{}: {} keystore://{}\n", i,
                   crypto::to_checksum_hex(entries[i].address), entries[i].path.string());
    }
}

/// Imports a keystore JSON file (from ethers, geth, ...) or a file holding a hex private key.
void run_import(const AccountArgs& a) {
    std::ifstream in(a.import_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + a.import_path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    const std::string password = node::read_password(password_file(a), "Password: ");
    crypto::PrivateKey key;
    boost::system::error_code ec;
    const auto json = boost::json::parse(content, ec);
    if (!ec && json.is_object()) {
        auto decrypted = crypto::decrypt_keystore(content, password);
        if (!decrypted) {
            throw std::runtime_error(std::string(crypto::to_string(decrypted.error())));
        }
        key = *decrypted;
    } else {
        while (!content.empty() && std::isspace(static_cast<unsigned char>(content.back()))) {
            content.pop_back();
        }
        auto bytes = fixed_from_hex<32>(content);
        if (!bytes) throw std::runtime_error("neither keystore JSON nor a hex private key");
        auto parsed = crypto::parse_private_key(bytes->view());
        if (!parsed) throw std::runtime_error("invalid private key");
        key = *parsed;
    }
    const auto path = node::write_keystore(keystore_dir(a), key, password);
    fmt::print("Address: {}\nKeystore: {}\n", address_text(key), path.string());
}

}  // namespace

void add_account_command(CLI::App& app) {
    auto args = std::make_shared<AccountArgs>();
    auto* account = app.add_subcommand("account", "Manage keys in keystore files");
    account->require_subcommand(1);
    account->add_option("--keystore", args->keystore,
                        "Keystore directory (default ~/.yunlian/keystore)");
    account->add_option("--password-file", args->password_file,
                        "Read the password from this file instead of the terminal");
    account->add_subcommand("new", "Make a new key and store it encrypted")->callback([args] {
        run_new(*args);
    });
    account->add_subcommand("list", "List the keystore's accounts")->callback([args] {
        run_list(*args);
    });
    auto* import = account->add_subcommand(
        "import", "Import a keystore JSON file (e.g. from ethers) or a hex private key file");
    import->add_option("file", args->import_path, "The file to import")->required();
    import->callback([args] { run_import(*args);
});
}  // namespace yunlian::cli

}  // namespace yunlian::cli
