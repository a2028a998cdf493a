// Varints, multibase and CIDs: known vectors from the multiformats specs and every malformed
// form the strict decoders must reject.
#include <gtest/gtest.h>

#include "cas/cid.hpp"
#include "cas/multibase.hpp"
#include "cas/multihash.hpp"
#include "cas/varint.hpp"
#include "common/hex.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::cas {
namespace {

Bytes hex(std::string_view text) { return from_hex(text, HexPrefix::kForbidden).value(); }

TEST(Varint, EncodesSpecVectors) {
    // github.com/multiformats/unsigned-varint README examples.
    const std::pair<std::uint64_t, std::string_view> vectors[] = {
        {1, "01"}, {127, "7f"}, {128, "8001"}, {255, "ff01"}, {300, "ac02"}, {16384, "808001"}};
    for (const auto& [value, encoded] : vectors) {
        Bytes out;
        append_varint(out, value);
        EXPECT_EQ(to_hex(out, false), encoded);
        EXPECT_EQ(varint_size(value), out.size());
        const auto decoded = decode_varint(out);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->value, value);
        EXPECT_EQ(decoded->length, out.size());
    }
}

TEST(Varint, RejectsMalformed) {
    EXPECT_EQ(decode_varint({}).error(), CasError::kTruncated);
    EXPECT_EQ(decode_varint(hex("80")).error(), CasError::kTruncated);
    EXPECT_EQ(decode_varint(hex("8000")).error(), CasError::kVarintNotMinimal);
    EXPECT_EQ(decode_varint(hex("ff80808080808080807f")).error(), CasError::kVarintOverflow);
    EXPECT_TRUE(decode_varint(hex("ffffffffffffffff7f")));  // nine bytes: the largest allowed
}

TEST(Multibase, Base58btcVectors) {
    // draft-msporny-base58 test vectors.
    EXPECT_EQ(encode_base58btc(as_bytes("Hello World!")), "2NEpo7TZRRrLZSi2U");
    EXPECT_EQ(encode_base58btc(hex("0000287fb4cd")), "11233QC4");
    EXPECT_EQ(to_hex(decode_base58btc("11233QC4").value(), false), "0000287fb4cd");
    EXPECT_EQ(decode_base58btc("").value().size(), 0u);
    EXPECT_EQ(decode_base58btc("0OIl").error(), CasError::kBadBase58);
    EXPECT_EQ(decode_base58btc("abc\xff").error(), CasError::kBadBase58);
}

TEST(Multibase, Base32Vectors) {
    // RFC 4648 section 10, lower case and unpadded.
    const std::pair<std::string_view, std::string_view> vectors[] = {{"", ""},
                                                                     {"f", "my"},
                                                                     {"fo", "mzxq"},
                                                                     {"foo", "mzxw6"},
                                                                     {"foob", "mzxw6yq"},
                                                                     {"fooba", "mzxw6ytb"},
                                                                     {"foobar", "mzxw6ytboi"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(encode_base32(as_bytes(plain)), encoded);
        const auto decoded = decode_base32(encoded);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain);
    }
    EXPECT_EQ(decode_base32("mz").error(), CasError::kBadBase32);  // non-zero pad bits
    EXPECT_EQ(decode_base32("m").error(), CasError::kBadBase32);   // 5 bits cannot end a byte
    EXPECT_EQ(decode_base32("MY").error(), CasError::kBadBase32);  // wrong case
    EXPECT_TRUE(decode_base32("MY", true));
    EXPECT_EQ(decode_base32("my=").error(), CasError::kBadBase32);
}

TEST(Cid, EmptyFileCidsRoundTrip) {
    // kubo's empty file (CIDv0) and the empty raw block (CIDv1).
    const auto v0 = Cid::parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
    ASSERT_TRUE(v0);
    EXPECT_EQ(v0->version, 0);
    EXPECT_EQ(v0->codec, Codec::kDagPb);
    EXPECT_EQ(v0->digest, crypto::sha256(hex("0a0408021800")));
    EXPECT_EQ(v0->to_string(), "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");

    const auto v1 = Cid::parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    ASSERT_TRUE(v1);
    EXPECT_EQ(v1->version, 1);
    EXPECT_EQ(v1->codec, Codec::kRaw);
    EXPECT_EQ(v1->digest, crypto::sha256({}));
    EXPECT_EQ(Cid::from_bytes(v1->to_bytes()).value(), *v1);
    // The same CID in base58btc and upper-case base32.
    const auto z = Cid::parse("z" + encode_base58btc(v1->to_bytes()));
    ASSERT_TRUE(z);
    EXPECT_EQ(*z, *v1);
    EXPECT_EQ(Cid::parse("BAFKREIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU").value(),
              *v1);
}

TEST(Cid, RejectsMalformedText) {
    EXPECT_EQ(Cid::parse("").error(), CasError::kEmptyCid);
    EXPECT_EQ(Cid::parse("fabc").error(), CasError::kUnsupportedMultibase);
    EXPECT_EQ(Cid::parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQ0").error(),
              CasError::kBadBase58);
    EXPECT_EQ(Cid::parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk").error(),
              CasError::kBadBase32);
    EXPECT_EQ(Cid::parse(std::string(200, 'b')).error(), CasError::kCidTooLong);
    EXPECT_FALSE(Cid::parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykua"));
    // A v0 multihash wrapped in a multibase is not a CID.
    EXPECT_EQ(Cid::parse("z" + encode_base58btc(encode_multihash(Hash{}).view())).error(),
              CasError::kBadCidVersion);
}

TEST(Cid, RejectsMalformedBytes) {
    const Hash digest = crypto::sha256(as_bytes("x"));
    Bytes good = Cid{1, Codec::kDagPb, digest}.to_bytes();
    EXPECT_TRUE(Cid::from_bytes(good));
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(Cid::from_bytes(trailing).error(), CasError::kTrailingBytes);
    Bytes short_digest(good.begin(), good.end() - 1);
    EXPECT_EQ(Cid::from_bytes(short_digest).error(), CasError::kTruncated);
    Bytes dag_cbor = good;
    dag_cbor[1] = 0x71;
    EXPECT_EQ(Cid::from_bytes(dag_cbor).error(), CasError::kUnsupportedCodec);
    Bytes v2 = good;
    v2[0] = 2;
    EXPECT_EQ(Cid::from_bytes(v2).error(), CasError::kBadCidVersion);
    Bytes sha512 = good;
    sha512[2] = 0x13;
    EXPECT_EQ(Cid::from_bytes(sha512).error(), CasError::kUnsupportedHash);
    Bytes length31 = good;
    length31[3] = 31;
    EXPECT_EQ(Cid::from_bytes(length31).error(), CasError::kBadDigestLength);
    EXPECT_EQ(Cid::from_bytes({}).error(), CasError::kTruncated);
}

}  // namespace
}  // namespace yunlian::cas
