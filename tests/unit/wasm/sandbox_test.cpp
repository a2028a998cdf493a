// Hostile modules are stopped by a clean trap, and runs are deterministic: the same module, input
// and fuel give bit-identical results and the same fuel bill.

#include <gtest/gtest.h>

#include "module_builder.hpp"
#include "wasm/engine.hpp"

namespace yunlian::wasm {
namespace {

using test::kF64;
using test::kI32;
using test::ModuleBuilder;

std::shared_ptr<Instance> instantiate(Engine& engine, const Bytes& bytes,
                                      CompileOptions options = {}) {
    auto compiled = engine.compile(bytes, options);
    EXPECT_TRUE(compiled) << (compiled ? "" : error_message(compiled.error()));
    if (!compiled) return nullptr;
    auto inst = engine.instantiate(*compiled, {});
    EXPECT_TRUE(inst);
    return inst ? *inst : nullptr;
}

Bytes single(Bytes body, std::vector<std::uint8_t> params = {},
             std::vector<std::uint8_t> results = {}, std::vector<std::uint8_t> locals = {}) {
    ModuleBuilder b;
    b.funcs.push_back(
        {std::move(params), std::move(results), std::move(locals), std::move(body), "f"});
    b.memory_min = 1;
    return b.build();
}

TEST(WasmSandbox, InfiniteLoopRunsOutOfFuel) {
    Engine engine;
    auto inst = instantiate(engine, single({0x03, 0x40, 0x0c, 0x00, 0x0b}));
    ASSERT_TRUE(inst);
    RunOptions run;
    run.fuel = 1'000'000;
    auto r = inst->invoke("f", {}, run);
    ASSERT_TRUE(r.trap);
    EXPECT_EQ(*r.trap, Trap::kOutOfFuel);
    EXPECT_EQ(r.fuel_used, 1'000'000U);
}

TEST(WasmSandbox, UnboundedRecursionHitsTheCallDepthLimit) {
    EngineLimits limits;
    limits.max_call_depth = 5000;
    Engine engine(limits);
    auto inst = instantiate(engine, single({0x10, 0x00}));
    ASSERT_TRUE(inst);
    auto r = inst->invoke("f", {});
    ASSERT_TRUE(r.trap);
    EXPECT_EQ(*r.trap, Trap::kCallStackExhausted);
}

TEST(WasmSandbox, RecursionWithHugeFramesHitsTheValueStackLimit) {
    EngineLimits limits;
    limits.max_value_stack_slots = 1 << 16;
    Engine engine(limits);
    // 1000 i64 locals per frame: the value stack runs out long before the call depth.
    auto inst =
        instantiate(engine, single({0x10, 0x00}, {}, {}, std::vector<std::uint8_t>(1000, 0x7e)));
    ASSERT_TRUE(inst);
    auto r = inst->invoke("f", {});
    ASSERT_TRUE(r.trap);
    EXPECT_EQ(*r.trap, Trap::kValueStackExhausted);
}

TEST(WasmSandbox, MemoryGrowStopsAtTheLimit) {
    EngineLimits limits;
    limits.max_memory_pages = 64;
    Engine engine(limits);
    // loop: memory.grow(1) != -1 -> again; then return memory.size.
    auto inst = instantiate(engine, single({0x03, 0x40, 0x41, 0x01, 0x40, 0x00, 0x41, 0x7f, 0x47,
                                            0x0d, 0x00, 0x0b, 0x3f, 0x00},
                                           {}, {kI32}));
    ASSERT_TRUE(inst);
    auto r = inst->invoke("f", {});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.values.at(0).as_u32(), 64U);
    // With metering, growth is paid per page: a small budget stops it with a trap.
    auto metered = instantiate(engine, single({0x03, 0x40, 0x41, 0x01, 0x40, 0x00, 0x41, 0x7f, 0x47,
                                               0x0d, 0x00, 0x0b, 0x3f, 0x00},
                                              {}, {kI32}));
    RunOptions run;
    run.fuel = 10'000;
    auto r2 = metered->invoke("f", {}, run);
    ASSERT_TRUE(r2.trap);
    EXPECT_EQ(*r2.trap, Trap::kOutOfFuel);
}

TEST(WasmSandbox, HugeTablesAreRefused) {
    EngineLimits limits;
    limits.max_table_size = 1 << 16;
    Engine engine(limits);
    ModuleBuilder b;
    b.table_min = 0x10000000;
    b.funcs.push_back({{}, {}, {}, {}, "f"});
    auto compiled = engine.compile(b.build());
    ASSERT_TRUE(compiled);
    auto inst = engine.instantiate(*compiled, {});
    ASSERT_FALSE(inst);
    EXPECT_EQ(inst.error().link, LinkError::kLimitExceeded);

    // table.grow past the limit returns -1 instead of allocating.
    ModuleBuilder g;
    g.table_min = 1;
    g.funcs.push_back({{},
                       {kI32},
                       {},
                       {0xd0, 0x70, 0x41, 0xff, 0xff, 0xff, 0xff, 0x07, 0xfc, 0x0f, 0x00},
                       "grow"});
    auto grower = instantiate(engine, g.build());
    ASSERT_TRUE(grower);
    auto r = grower->invoke("grow", {});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.values.at(0).as_i32(), -1);
}

TEST(WasmSandbox, OutOfBoundsMemoryTraps) {
    Engine engine;
    auto inst = instantiate(engine, single({0x20, 0x00, 0x28, 0x02, 0x00}, {kI32}, {kI32}));
    ASSERT_TRUE(inst);
    auto ok = inst->invoke("f", std::vector<Value>{Value::i32(65532)});
    EXPECT_TRUE(ok.ok());
    auto bad = inst->invoke("f", std::vector<Value>{Value::i32(65533)});
    ASSERT_TRUE(bad.trap);
    EXPECT_EQ(*bad.trap, Trap::kMemoryOutOfBounds);
    auto wrap = inst->invoke("f", std::vector<Value>{Value::i32(0xffffffff)});
    ASSERT_TRUE(wrap.trap);
    EXPECT_EQ(*wrap.trap, Trap::kMemoryOutOfBounds);
}

// A float-heavy loop whose NaNs must come out canonical:
// acc = 0; for i in n..1: acc = acc * 1.0000001 + sqrt(i - 5) (NaN for i < 5); return acc bits.
Bytes float_kernel() {
    Bytes body = {
        0x03, 0x40,                                            // loop
        0x20, 0x01,                                            //   local.get acc
        0x44, 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xf1, 0x3f,  // f64.const 1.1
        0xa2,                                                  //   f64.mul
        0x20, 0x00, 0xb7,                                      //   f64.convert_i32_s(i)
        0x44, 0,    0,    0,    0,    0,    0,    0x14, 0x40,  //   f64.const 5
        0xa1, 0x9f,                                            //   f64.sub, f64.sqrt
        0xa0, 0x21, 0x01,                                      //   f64.add, local.set acc
        0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00,              //   i = i - 1 (tee)
        0x0d, 0x00,                                            //   br_if loop
        0x0b,                                                  // end
        0x20, 0x01, 0xbd,                                      // i64.reinterpret_f64(acc)
    };
    ModuleBuilder b;
    b.funcs.push_back({{kI32}, {test::kI64}, {kF64}, body, "f"});
    return b.build();
}

TEST(WasmSandbox, SameInputSameResultAndFuel) {
    const Bytes bytes = float_kernel();
    std::optional<RunResult> first;
    for (int round = 0; round < 3; ++round) {
        Engine engine;  // a fresh engine each time: nothing carries over
        auto inst = instantiate(engine, bytes);
        ASSERT_TRUE(inst);
        RunOptions run;
        run.fuel = 5'000'000;
        auto r = inst->invoke("f", std::vector<Value>{Value::i32(100000)}, run);
        ASSERT_TRUE(r.ok());
        if (!first) {
            first = r;
            EXPECT_EQ(r.values.at(0).bits, 0x7ff8000000000000ULL);  // canonical NaN
            EXPECT_GT(r.fuel_used, 100000U);
        } else {
            EXPECT_EQ(r.values, first->values);
            EXPECT_EQ(r.fuel_used, first->fuel_used);
        }
    }
    // Running out is deterministic too: the same trap and the whole budget, every time.
    for (int round = 0; round < 2; ++round) {
        Engine engine;
        auto inst = instantiate(engine, bytes);
        RunOptions run;
        run.fuel = 12345;
        auto r = inst->invoke("f", std::vector<Value>{Value::i32(100000)}, run);
        ASSERT_TRUE(r.trap);
        EXPECT_EQ(*r.trap, Trap::kOutOfFuel);
        EXPECT_EQ(r.fuel_used, 12345U);
    }
}

TEST(WasmSandbox, MeteredAndUnmeteredAgree) {
    const Bytes bytes = float_kernel();
    Engine engine;
    CompileOptions off;
    off.metering = false;
    auto a = instantiate(engine, bytes, off);
    auto b = instantiate(engine, bytes);
    auto ra = a->invoke("f", std::vector<Value>{Value::i32(1000)});
    auto rb = b->invoke("f", std::vector<Value>{Value::i32(1000)});
    ASSERT_TRUE(ra.ok() && rb.ok());
    EXPECT_EQ(ra.values, rb.values);
}

}  // namespace
}  // namespace yunlian::wasm
