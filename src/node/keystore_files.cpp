#include "node/keystore_files.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "common/hex.hpp"
#include "crypto/keystore.hpp"

namespace yunlian::node {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// geth's file name: UTC--2006-01-02T15-04-05.000000000Z--<address hex>.
std::string keystore_file_name(const Address& address) {
    const auto now = std::chrono::system_clock::now();
    const auto secs = std::chrono::system_clock::to_time_t(now);
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch() %
                                                                            std::chrono::seconds(1))
                           .count();
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d-%02d-%02d.%09lldZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<long long>(nanos));
    return std::string("UTC--") + stamp + "--" + to_hex(address.view(), false);
}

}  // namespace

std::filesystem::path default_keystore_dir() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".yunlian" / "keystore";
}

std::vector<KeystoreEntry> list_keystores(const std::filesystem::path& dir) {
    std::vector<KeystoreEntry> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        boost::system::error_code ec;
        const auto json = boost::json::parse(read_file(entry.path()), ec);
        if (ec || !json.is_object()) continue;
        const auto* address = json.as_object().if_contains("address");
        if (!address || !address->is_string()) continue;
        auto parsed = fixed_from_hex<20>(std::string_view{address->as_string()});
        if (parsed) out.push_back({*parsed, entry.path()});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.path.filename() < b.path.filename(); });
    return out;
}

std::filesystem::path write_keystore(const std::filesystem::path& dir,
                                     const crypto::PrivateKey& key, std::string_view password) {
    auto pub = crypto::public_key_of(key);
    if (!pub) throw std::runtime_error("invalid private key");
    const Address address = crypto::address_of(*pub);
    const std::string json =
        crypto::encrypt_keystore(key, password, crypto::KeystoreRandom::generate());
    std::filesystem::create_directories(dir);
    ::chmod(dir.c_str(), 0700);
    const auto path = dir / keystore_file_name(address);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + path.string());
        out << json;
    }
    ::chmod(path.c_str(), 0600);
    return path;
}

crypto::PrivateKey read_keystore(const std::filesystem::path& path, std::string_view password) {
    auto key = crypto::decrypt_keystore(read_file(path), password);
    if (!key) {
        throw std::runtime_error(path.string() + ": " +
                                 std::string(crypto::to_string(key.error())));
    }
    return *key;
}

std::string read_password(const std::optional<std::filesystem::path>& file,
                          std::string_view prompt) {
    std::string line;
    if (file) {
        std::ifstream in(*file);
        if (!in) throw std::runtime_error("cannot read password file " + file->string());
        std::getline(in, line);
    } else {
        std::cerr << prompt << std::flush;
        termios old{};
        const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (tty) {
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::getline(std::cin, line);
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
            std::cerr << "\n";
        }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

crypto::PrivateKey random_private_key() {
    for (;;) {
        FixedBytes<32> bytes;
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
            throw std::runtime_error("no randomness available");
        }
        if (auto key = crypto::parse_private_key(bytes.view())) return *key;
    }
}

}  // namespace yunlian::node
