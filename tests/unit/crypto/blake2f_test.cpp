// BLAKE2F (EIP-152): the EIP's test vectors, its malformed inputs, and full BLAKE2b-512 hashes
// built on blake2b_compress checked against digests from Python's hashlib.

#include "crypto/blake2f.hpp"

#include <string>

#include <gtest/gtest.h>

#include "common/endian.hpp"
#include "common/hex.hpp"

namespace yunlian::crypto {
namespace {

Bytes hex(std::string_view text) { return from_hex(text).value(); }

/// The precompile's output, or empty (with a test failure) when it rejects the input.
Bytes run(const Bytes& input) {
    auto out = blake2f(input);
    EXPECT_TRUE(out) << to_string(out.error());
    return out ? *out : Bytes{};
}

// EIP-152 test vector 4's input without its first four bytes (the round count): the BLAKE2b-512
// state for "abc", the message block, the counter t = 3 and the final flag.
const std::string kVectorBody =
    "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
    "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b" +
    ("616263" + std::string(250, '0')) + "03000000000000000000000000000000" + "01";

TEST(Blake2f, InputBodyHasTheRightSize) { ASSERT_EQ(hex(kVectorBody).size() + 4, 213U); }

TEST(Blake2f, Eip152MalformedInputs) {
    // Vectors 0-3: empty, one byte short, one byte long, and a final flag of 2.
    EXPECT_EQ(blake2f({}).error(), Blake2Error::kInvalidLength);
    const Bytes good = hex("0000000c" + kVectorBody);
    EXPECT_EQ(blake2f(BytesView(good).first(212)).error(), Blake2Error::kInvalidLength);
    Bytes long_input = good;
    long_input.push_back(0x01);
    EXPECT_EQ(blake2f(long_input).error(), Blake2Error::kInvalidLength);
    Bytes bad_flag = good;
    bad_flag.back() = 0x02;
    EXPECT_EQ(blake2f(bad_flag).error(), Blake2Error::kInvalidFinalFlag);
    bad_flag.back() = 0xff;
    EXPECT_EQ(blake2f(bad_flag).error(), Blake2Error::kInvalidFinalFlag);
    EXPECT_EQ(to_string(Blake2Error::kInvalidLength), "BLAKE2F input must be exactly 213 bytes");
}

TEST(Blake2f, Eip152Vector4ZeroRounds) {
    EXPECT_EQ(run(hex("00000000" + kVectorBody)),
              hex("08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e51"
                  "1f6c3e2b8c68059b9442be0454267ce079217e1319cde05b"));
}

TEST(Blake2f, Eip152Vector5TwelveRounds) {
    // This is BLAKE2b-512("abc").
    EXPECT_EQ(run(hex("0000000c" + kVectorBody)),
              hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792d"
                  "c252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
}

TEST(Blake2f, Eip152Vector6NotFinal) {
    Bytes input = hex("0000000c" + kVectorBody);
    input.back() = 0x00;
    EXPECT_EQ(run(input),
              hex("75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2"
                  "d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735"));
}

TEST(Blake2f, Eip152Vector7OneRound) {
    EXPECT_EQ(run(hex("00000001" + kVectorBody)),
              hex("b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5"
                  "f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421"));
}

/// BLAKE2b-512 of `message` (RFC 7693 section 3.3) driven through blake2b_compress.
Bytes blake2b_512(BytesView message) {
    std::array<std::uint64_t, 8> h = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };
    h[0] ^= 0x01010040;  // digest length 64, no key, fanout and depth 1
    std::size_t offset = 0;
    do {
        const std::size_t take = std::min<std::size_t>(128, message.size() - offset);
        const bool last = offset + take == message.size();
        std::array<std::uint8_t, 128> block{};
        std::copy_n(message.begin() + static_cast<std::ptrdiff_t>(offset), take, block.begin());
        std::array<std::uint64_t, 16> m{};
        for (std::size_t i = 0; i < 16; ++i) m[i] = load_le64(block.data() + 8 * i);
        offset += take;
        blake2b_compress(h, m, offset, 0, last, 12);
    } while (offset < message.size());
    Bytes out(64);
    for (std::size_t i = 0; i < 8; ++i) store_le64(out.data() + 8 * i, h[i]);
    return out;
}

TEST(Blake2f, FullHashesMatchHashlib) {
    const std::pair<std::size_t, std::string_view> cases[] = {
        {0,
         "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444"
         "934eb04b903a685b1448b755d56f701afe9be2ce"},
        {3,
         "4626590fff3d43a38276d9e6f87b5a3c2f654490369d1e14a24f9094ff1e8341540c7fdf1f5aa0652c565cf7"
         "6b7bba22799d3b892d4a187303d9ef4c4193c24a"},
        {127,
         "d073fb3259c723b20a64ecf77083891a157c81c1882da42060222dfc7ebbda6da1b8ed55197aabd0ab17cf"
         "935499d8e4f6d93a4bb83a1aa5670a1612c70df1bb"},
        {128,
         "c6d375fd4421510489194b8ccd9b1fc9e96dd25eab56f33bd698266fb38d8fbde447b617cdb5779c5fbeaf"
         "e53fae640c85c457f6449ce307a11d88d18788d7f0"},
        {129,
         "7cb95d837c7ccea0f9137c7bcdca4cd71152aa6ca7bf16d399d261191bd7f919c5c7699d0fd0c6ad98d98e"
         "ae7ee3f0f0fa1e9fc35d84410886343ffc79624765"},
        {300,
         "b7e35afe31bddc8abfb9c98783f9a3687812d175ce351ed3c75301cae551af1c5b31a0086d90290b566de2"
         "4f1f55e3da2e71dfce432ac0261f29c213c682904e"},
    };
    for (const auto& [length, digest] : cases) {
        Bytes message(length);
        for (std::size_t i = 0; i < length; ++i) message[i] = static_cast<std::uint8_t>(i * 7 + 1);
        EXPECT_EQ(to_hex(blake2b_512(message), false), digest) << "length " << length;
    }
}

}  // namespace
}  // namespace yunlian::crypto
