#include "crypto/keystore.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/address.hpp"

namespace yunlian::crypto {
namespace {

const char* const kEthersPassword = "yunlian keystore fixture";
const char* const kEthersKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(YUNLIAN_SOURCE_DIR) + "/tests/fixtures/keystore/" + name);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

PrivateKey key_of(const char* hex) { return fixed_from_hex<32>(hex).value(); }

/// The random inputs make_keystore_fixtures.mjs gave ethers.
KeystoreRandom ethers_fixture_random() {
    KeystoreRandom random;
    random.salt.bytes.fill(0x11);
    random.iv.bytes.fill(0x22);
    random.uuid.bytes.fill(0x33);
    return random;
}

/// A small valid keystore (n = 2^4) to mutate in the malformed-input tests.
std::string small_keystore() {
    return encrypt_keystore(key_of(kEthersKey), "pw", ethers_fixture_random(), {16, 8, 1});
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(Keystore, DecryptsWhatEthersWrote) {
    const std::string json = read_fixture("ethers_scrypt.json");
    ASSERT_FALSE(json.empty());
    const auto key = decrypt_keystore(json, kEthersPassword);
    ASSERT_TRUE(key) << to_string(key.error());
    EXPECT_EQ(to_hex(key->view(), false), kEthersKey);
    EXPECT_EQ(decrypt_keystore(json, "not the password").error(), KeystoreError::kWrongPassword);
}

TEST(Keystore, DecryptsTheSpecPbkdf2Vector) {
    // Web3 Secret Storage Definition, "PBKDF2-SHA-256" test vector (c = 262144).
    const auto key = decrypt_keystore(read_fixture("spec_pbkdf2.json"), "testpassword");
    ASSERT_TRUE(key) << to_string(key.error());
    EXPECT_EQ(to_hex(key->view(), false),
              "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d");
}

TEST(Keystore, EncryptMatchesEthersByteForByte) {
    // Same key, password, salt, iv, uuid and n as the ethers fixture: the same ciphertext, MAC,
    // address and id must come out.
    const std::string ours = encrypt_keystore(key_of(kEthersKey), kEthersPassword,
                                              ethers_fixture_random(), {1024, 8, 1});
    const std::string theirs = read_fixture("ethers_scrypt.json");
    for (const char* value :
         {"f0bf5a3fe09421d50f75d194b118c95cb016306bf16260752d480540022257eb",
          "c405d3e8af922565f098564024386fa42e6449fd0fbad9ff32cdb20531ffc9a1",
          "2c7536e3605d9c16a7a3d7b1898e529396a65c23", "33333333-3333-4333-b333-333333333333"}) {
        EXPECT_NE(theirs.find(value), std::string::npos) << value;
        EXPECT_NE(ours.find(value), std::string::npos) << value;
    }
    EXPECT_NE(ours.find("\"version\":3"), std::string::npos);
    EXPECT_NE(ours.find("\"crypto\":"), std::string::npos);
    EXPECT_EQ(*decrypt_keystore(ours, kEthersPassword), key_of(kEthersKey));
}

TEST(Keystore, RoundTripWithGeneratedRandomness) {
    const KeystoreRandom a = KeystoreRandom::generate();
    const KeystoreRandom b = KeystoreRandom::generate();
    EXPECT_NE(a.salt, b.salt);
    EXPECT_NE(a.iv, b.iv);
    EXPECT_NE(a.uuid, b.uuid);
    const PrivateKey key =
        key_of("0000000000000000000000000000000000000000000000000000000000000001");
    const std::string json = encrypt_keystore(key, "p\xc3\xa4ssw\xc3\xb6rd", a, {1024, 8, 2});
    EXPECT_EQ(*decrypt_keystore(json, "p\xc3\xa4ssw\xc3\xb6rd"), key);
    EXPECT_EQ(decrypt_keystore(json, "password").error(), KeystoreError::kWrongPassword);
    const std::regex uuid_v4(
        "\"id\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
    EXPECT_TRUE(std::regex_search(json, uuid_v4)) << json;
    EXPECT_NE(json.find("\"address\":\"7e5f4552091a69125d5dfcb7b8c2659029395bdf\""),
              std::string::npos);
}

TEST(Keystore, DefaultParametersAreEthersDefaults) {
    const ScryptParams defaults;
    EXPECT_EQ(defaults.n, 131072U);
    EXPECT_EQ(defaults.r, 8U);
    EXPECT_EQ(defaults.p, 1U);
    const std::string json = encrypt_keystore(key_of(kEthersKey), "pw", ethers_fixture_random());
    EXPECT_NE(json.find("\"n\":131072"), std::string::npos);
    EXPECT_EQ(*decrypt_keystore(json, "pw"), key_of(kEthersKey));
}

TEST(Keystore, EncryptRefusesBadInput) {
    EXPECT_THROW((void)encrypt_keystore(PrivateKey{}, "pw", ethers_fixture_random(), {16, 8, 1}),
                 std::invalid_argument);
    EXPECT_THROW(
        (void)encrypt_keystore(key_of(kEthersKey), "pw", ethers_fixture_random(), {1000, 8, 1}),
        std::invalid_argument);
    EXPECT_THROW((void)encrypt_keystore(key_of(kEthersKey), "pw", ethers_fixture_random(),
                                        {1ULL << 30, 8, 1}),
                 std::invalid_argument);
}

TEST(Keystore, AcceptsCapitalCryptoAndPrefixedHex) {
    std::string json = replace(small_keystore(), "\"crypto\"", "\"Crypto\"");
    EXPECT_TRUE(decrypt_keystore(json, "pw"));
    json = replace(json, "\"address\":\"", "\"address\":\"0x");
    EXPECT_TRUE(decrypt_keystore(json, "pw"));
}

TEST(Keystore, MalformedJson) {
    EXPECT_EQ(decrypt_keystore("", "pw").error(), KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore("[]", "pw").error(), KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore("{\"version\":3}", "pw").error(), KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore("{\"version\":3,\"crypto\":[]}", "pw").error(),
              KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore(std::string(100000, ' ') + small_keystore(), "pw").error(),
              KeystoreError::kMalformedJson);
    const std::string good = small_keystore();
    EXPECT_EQ(decrypt_keystore(replace(good, "\"mac\"", "\"MAC\""), "pw").error(),
              KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore(replace(good, "\"n\":16", "\"n\":16.0"), "pw").error(),
              KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore(replace(good, "\"n\":16", "\"n\":-16"), "pw").error(),
              KeystoreError::kMalformedJson);
    EXPECT_EQ(decrypt_keystore(replace(good, "\"r\":8", "\"r\":\"8\""), "pw").error(),
              KeystoreError::kMalformedJson);
}

TEST(Keystore, TruncatedAtEveryOffsetNeverSucceeds) {
    const std::string good = small_keystore();
    for (std::size_t size = 0; size < good.size(); ++size) {
        EXPECT_FALSE(decrypt_keystore(std::string_view(good).substr(0, size), "pw")) << size;
    }
}

TEST(Keystore, UnsupportedVersionKdfAndCipher) {
    const std::string good = small_keystore();
    EXPECT_EQ(decrypt_keystore(replace(good, "\"version\":3", "\"version\":1"), "pw").error(),
              KeystoreError::kUnsupportedVersion);
    EXPECT_EQ(decrypt_keystore(replace(good, ",\"version\":3", ""), "pw").error(),
              KeystoreError::kUnsupportedVersion);
    EXPECT_EQ(decrypt_keystore(replace(good, "aes-128-ctr", "aes-128-cbc"), "pw").error(),
              KeystoreError::kUnsupportedCipher);
    EXPECT_EQ(
        decrypt_keystore(replace(good, "\"kdf\":\"scrypt\"", "\"kdf\":\"argon2\""), "pw").error(),
        KeystoreError::kUnsupportedKdf);
    std::string pbkdf2 = read_fixture("spec_pbkdf2.json");
    EXPECT_EQ(
        decrypt_keystore(replace(pbkdf2, "hmac-sha256", "hmac-sha512"), "testpassword").error(),
        KeystoreError::kUnsupportedKdf);
}

TEST(Keystore, KdfParametersAreCheckedAndCapped) {
    const std::string good = small_keystore();
    const auto with = [&](const std::string& from, const std::string& to) {
        return decrypt_keystore(replace(good, from, to), "pw");
    };
    EXPECT_EQ(with("\"n\":16", "\"n\":15").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"n\":16", "\"n\":1").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"n\":16", "\"n\":0").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"r\":8", "\"r\":0").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"p\":1", "\"p\":0").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"dklen\":32", "\"dklen\":16").error(), KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"salt\":\"1111111111111111111111111111111111111111111111111111111111111111\"",
                   "\"salt\":\"\"")
                  .error(),
              KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"salt\":\"11", "\"salt\":\"" + std::string(2050, '1')).error(),
              KeystoreError::kBadKdfParams);
    EXPECT_EQ(with("\"dklen\":32", "\"dklen\":4294967296").error(), KeystoreError::kMalformedJson);
    // Memory: 128 * 8 * 2^20 = 1 GiB. Time: n * r * p far beyond the cap.
    EXPECT_EQ(with("\"n\":16", "\"n\":1048576").error(), KeystoreError::kKdfTooExpensive);
    EXPECT_EQ(with("\"n\":16", "\"n\":9223372036854775808").error(),
              KeystoreError::kKdfTooExpensive);
    EXPECT_EQ(with("\"p\":1", "\"p\":4294967295").error(), KeystoreError::kKdfTooExpensive);
    EXPECT_EQ(with("\"r\":8", "\"r\":4294967295").error(), KeystoreError::kKdfTooExpensive);
    // r = 1 with n = 16 is legal (it only derives another key, so the MAC fails), but
    // RFC 7914 section 2 wants n < 2^(16 r), which n = 2^16 breaks.
    EXPECT_EQ(with("\"r\":8", "\"r\":1").error(), KeystoreError::kWrongPassword);
    const std::string r1 = replace(good, "\"r\":8", "\"r\":1");
    EXPECT_EQ(decrypt_keystore(replace(r1, "\"n\":16", "\"n\":65536"), "pw").error(),
              KeystoreError::kBadKdfParams);

    const std::string pbkdf2 = read_fixture("spec_pbkdf2.json");
    EXPECT_EQ(decrypt_keystore(replace(pbkdf2, "262144", "0"), "testpassword").error(),
              KeystoreError::kBadKdfParams);
    EXPECT_EQ(decrypt_keystore(replace(pbkdf2, "262144", "4294967295"), "testpassword").error(),
              KeystoreError::kKdfTooExpensive);
}

TEST(Keystore, BadHexFields) {
    const std::string good = small_keystore();
    const auto with = [&](const std::string& from, const std::string& to) {
        return decrypt_keystore(replace(good, from, to), "pw");
    };
    EXPECT_EQ(with("\"iv\":\"2222", "\"iv\":\"zz22").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"iv\":\"2222", "\"iv\":\"22").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"iv\":\"2222", "\"iv\":\"222").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"salt\":\"11", "\"salt\":\"1").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"address\":\"2c", "\"address\":\"").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"mac\":\"", "\"mac\":\"00").error(), KeystoreError::kBadHex);
    EXPECT_EQ(with("\"ciphertext\":\"", "\"ciphertext\":\"00").error(), KeystoreError::kBadHex);
}

TEST(Keystore, CorruptionIsCaughtByTheMacOrAddress) {
    const std::string good = small_keystore();
    const auto parsed_ok = decrypt_keystore(good, "pw");
    ASSERT_TRUE(parsed_ok);
    // Flip the first ciphertext digit: the MAC no longer matches.
    const auto at = good.find("\"ciphertext\":\"") + 14;
    std::string corrupt = good;
    corrupt[at] = corrupt[at] == '0' ? '1' : '0';
    EXPECT_EQ(decrypt_keystore(corrupt, "pw").error(), KeystoreError::kWrongPassword);
    // Another account's address with an intact MAC.
    const std::string other = replace(good, "2c7536e3605d9c16a7a3d7b1898e529396a65c23",
                                      "7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    EXPECT_EQ(decrypt_keystore(other, "pw").error(), KeystoreError::kAddressMismatch);
    // Without an address the key still decrypts (the field is optional in the definition).
    const std::string no_address =
        replace(good, "\"address\":\"2c7536e3605d9c16a7a3d7b1898e529396a65c23\",", "");
    EXPECT_EQ(*decrypt_keystore(no_address, "pw"), key_of(kEthersKey));
}

TEST(Keystore, ErrorNames) {
    EXPECT_EQ(to_string(KeystoreError::kWrongPassword), "wrong password (MAC mismatch)");
    EXPECT_FALSE(to_string(KeystoreError::kKdfTooExpensive).empty());
}

}  // namespace
}  // namespace yunlian::crypto
