// The gateway's request parsing: Range headers (RFC 9110 section 14), percent-decoding and
// content types. The gateway itself is exercised over real sockets in tests/e2e/cas_gateway.
#include <gtest/gtest.h>

#include "cas/gateway.hpp"

namespace yunlian::cas {
namespace {

TEST(Range, ParsesSingleRanges) {
    ByteRange r;
    EXPECT_EQ(parse_range("", 100, r), RangeStatus::kWhole);
    EXPECT_EQ(r.length, 100u);
    EXPECT_EQ(parse_range("bytes=0-9", 100, r), RangeStatus::kPartial);
    EXPECT_EQ(r.offset, 0u);
    EXPECT_EQ(r.length, 10u);
    EXPECT_EQ(parse_range("bytes=90-", 100, r), RangeStatus::kPartial);
    EXPECT_EQ(r.offset, 90u);
    EXPECT_EQ(r.length, 10u);
    EXPECT_EQ(parse_range("bytes=-5", 100, r), RangeStatus::kPartial);
    EXPECT_EQ(r.offset, 95u);
    EXPECT_EQ(parse_range("bytes=-500", 100, r), RangeStatus::kPartial);
    EXPECT_EQ(r.offset, 0u);
    EXPECT_EQ(r.length, 100u);
    EXPECT_EQ(parse_range("bytes=50-1000", 100, r), RangeStatus::kPartial);
    EXPECT_EQ(r.length, 50u);
}

TEST(Range, UnsatisfiableAndIgnored) {
    ByteRange r;
    EXPECT_EQ(parse_range("bytes=100-", 100, r), RangeStatus::kUnsatisfiable);
    EXPECT_EQ(parse_range("bytes=-0", 100, r), RangeStatus::kUnsatisfiable);
    EXPECT_EQ(parse_range("bytes=0-0", 0, r), RangeStatus::kUnsatisfiable);
    // Invalid or multiple ranges are ignored: the whole file is served.
    for (const auto* header : {"bytes=5-2", "bytes=a-b", "items=0-1", "bytes=0-1,4-5",
                               "bytes=", "bytes=-", "bytes=99999999999999999999999-"}) {
        EXPECT_EQ(parse_range(header, 100, r), RangeStatus::kWhole) << header;
    }
}

TEST(PercentDecode, DecodesAndRejects) {
    std::string out;
    EXPECT_TRUE(percent_decode("/ipfs/x/a%20b%C3%BC", out));
    EXPECT_EQ(out, "/ipfs/x/a b\xC3\xBC");
    EXPECT_FALSE(percent_decode("%2", out));
    EXPECT_FALSE(percent_decode("%zz", out));
    EXPECT_FALSE(percent_decode("a%00b", out));
}

TEST(ContentType, ByExtension) {
    EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("x.PNG"), "application/octet-stream");
    EXPECT_EQ(content_type_for("a.png"), "image/png");
    EXPECT_EQ(content_type_for(".png"), "application/octet-stream");
    EXPECT_EQ(content_type_for("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"),
              "application/octet-stream");
}

}  // namespace
}  // namespace yunlian::cas
