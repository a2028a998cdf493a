// Malformed and invalid modules: each is refused with the spec's class and the broken rule.

#include "wasm/decoder.hpp"

#include <gtest/gtest.h>

#include "module_builder.hpp"
#include "wasm/engine.hpp"

namespace yunlian::wasm {
namespace {

using test::kI32;
using test::ModuleBuilder;

Result<std::shared_ptr<const CompiledModule>, Error> compile(const Bytes& bytes,
                                                             CompileOptions options = {}) {
    Engine engine;
    return engine.compile(bytes, options);
}

Bytes single(Bytes body, std::vector<std::uint8_t> params = {},
             std::vector<std::uint8_t> results = {}) {
    ModuleBuilder b;
    b.funcs.push_back({std::move(params), std::move(results), {}, std::move(body), "f"});
    return b.build();
}

TEST(WasmDecoder, AcceptsMinimalModule) {
    const Bytes empty = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    EXPECT_TRUE(decode_module(empty));
    EXPECT_TRUE(compile(single({0x20, 0x00, 0x20, 0x01, 0x6a}, {kI32, kI32}, {kI32})));
}

TEST(WasmDecoder, RejectsBadHeader) {
    EXPECT_EQ(decode_module(Bytes{}).error(), Error::kBadMagic);
    EXPECT_EQ(decode_module(Bytes{0x00, 0x61, 0x73}).error(), Error::kBadMagic);
    EXPECT_EQ(decode_module(Bytes{0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0}).error(),
              Error::kBadVersion);
    EXPECT_EQ(decode_module(Bytes{0x00, 0x61, 0x73, 0x6e, 0x01, 0, 0, 0}).error(),
              Error::kBadMagic);
}

TEST(WasmDecoder, RejectsTruncatedAndOversizedSections) {
    Bytes bytes = single({0x01});
    // Every prefix either ends on a section boundary (a smaller valid module) or is malformed.
    std::size_t refused = 0;
    for (std::size_t cut = 9; cut < bytes.size(); ++cut) {
        auto r = decode_module(BytesView(bytes).subspan(0, cut));
        if (r) continue;
        ++refused;
        EXPECT_EQ(error_class(r.error()), ErrorClass::kMalformed) << "cut at " << cut;
    }
    EXPECT_GT(refused, bytes.size() / 2);
    // A type section that claims four billion entries is refused before anything is allocated.
    const Bytes huge = {0x00, 0x61, 0x73, 0x6d, 0x01, 0,    0,   0,
                        0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f};
    EXPECT_EQ(decode_module(huge).error(), Error::kUnexpectedEnd);
}

TEST(WasmDecoder, RejectsOverlongLeb) {
    // Section size encoded in six bytes.
    const Bytes bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0,    0,   0,
                         0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    EXPECT_EQ(decode_module(bytes).error(), Error::kIntegerTooLong);
}

TEST(WasmDecoder, RejectsIllegalOpcodeAsMalformed) {
    auto r = compile(single({0xff}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Error::kIllegalOpcode);
    EXPECT_EQ(error_class(r.error()), ErrorClass::kMalformed);
}

TEST(WasmDecoder, MalformationWinsOverEarlierInvalidity) {
    // Body: i32.add on an empty stack (invalid), then an illegal opcode (malformed).
    auto r = compile(single({0x6a, 0x1a, 0xff}));
    ASSERT_FALSE(r);
    EXPECT_EQ(error_class(r.error()), ErrorClass::kMalformed);
}

TEST(WasmValidator, RejectsTypeMismatch) {
    auto r = compile(single({0x42, 0x01}, {}, {kI32}));  // i64.const where i32 is expected
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Error::kTypeMismatch);
    EXPECT_EQ(error_class(r.error()), ErrorClass::kInvalid);
}

TEST(WasmValidator, RejectsUnknownIndices) {
    EXPECT_EQ(compile(single({0x20, 0x05, 0x1a})).error(), Error::kUnknownLocal);
    EXPECT_EQ(compile(single({0x10, 0x07})).error(), Error::kUnknownFunction);
    EXPECT_EQ(compile(single({0x0c, 0x03})).error(), Error::kUnknownLabel);
    EXPECT_EQ(compile(single({0x23, 0x00, 0x1a})).error(), Error::kUnknownGlobal);
    EXPECT_EQ(compile(single({0x41, 0x00, 0x28, 0x02, 0x00, 0x1a})).error(), Error::kUnknownMemory);
}

TEST(WasmValidator, DeepNestingIsLinearAndSafe) {
    // 100000 nested blocks: validated without native recursion.
    Bytes body;
    for (int i = 0; i < 100000; ++i) body.insert(body.end(), {0x02, 0x40});
    for (int i = 0; i < 100000; ++i) body.push_back(0x0b);
    EXPECT_TRUE(compile(single(body)));
    body.pop_back();  // unbalanced: the function's own end closes a block instead
    EXPECT_FALSE(compile(single(body)));
}

TEST(WasmValidator, ContractProfileRejectsFloats) {
    const Bytes floaty = single({0x43, 0, 0, 0x80, 0x3f, 0x43, 0, 0, 0x80, 0x3f, 0x92, 0x1a});
    EXPECT_TRUE(compile(floaty));
    CompileOptions contract;
    contract.contract_profile = true;
    EXPECT_EQ(compile(floaty, contract).error(), Error::kFloatInContract);
    const Bytes float_param = single({}, {test::kF64});
    EXPECT_EQ(compile(float_param, contract).error(), Error::kFloatInContract);
    EXPECT_TRUE(compile(single({0x41, 0x01, 0x1a}), contract));
}

TEST(WasmValidator, TooManyLocalsIsMalformed) {
    // Two local groups of 2^31 each overflow the 32-bit count (spec 5.5.13).
    Bytes bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0,    0,    0,    0x01, 0x04, 0x01, 0x60,
                   0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x10, 0x01, 0x0e, 0x02, 0x80,
                   0x80, 0x80, 0x80, 0x08, 0x7f, 0x80, 0x80, 0x80, 0x80, 0x08, 0x7f, 0x0b};
    auto r = compile(bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), Error::kTooManyLocals);
}

}  // namespace
}  // namespace yunlian::wasm
