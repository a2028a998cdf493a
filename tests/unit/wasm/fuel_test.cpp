// Fuel is charged per basic block from the embedder's cost table.

#include <gtest/gtest.h>

#include "module_builder.hpp"
#include "wasm/engine.hpp"

namespace yunlian::wasm {
namespace {

using test::kI32;
using test::ModuleBuilder;

std::uint64_t fuel_of(const Bytes& bytes, const CostTable& costs, std::vector<Value> args = {}) {
    Engine engine;
    CompileOptions options;
    options.costs = costs;
    auto compiled = engine.compile(bytes, options);
    EXPECT_TRUE(compiled);
    auto inst = engine.instantiate(*compiled, {});
    EXPECT_TRUE(inst);
    RunOptions run;
    run.fuel = 1'000'000;
    auto r = (*inst)->invoke("f", args, run);
    EXPECT_TRUE(r.ok());
    return r.fuel_used;
}

Bytes single(Bytes body, std::vector<std::uint8_t> params = {}) {
    ModuleBuilder b;
    b.funcs.push_back({std::move(params), {}, {}, std::move(body), "f"});
    return b.build();
}

TEST(WasmFuel, StraightLineCostsTheSumOfItsPrices) {
    // i32.const 1; drop; end
    const Bytes bytes = single({0x41, 0x01, 0x1a});
    EXPECT_EQ(fuel_of(bytes, CostTable::standard()), 3U);
    CostTable pricey = CostTable::standard();
    pricey.base[0x41] = 10;
    EXPECT_EQ(fuel_of(bytes, pricey), 12U);
}

TEST(WasmFuel, LoopsPayPerIteration) {
    // loop: local.get 0; i32.const 1; i32.sub; local.tee 0; br_if 0; end; end
    const Bytes bytes =
        single({0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, 0x0b}, {kI32});
    const auto ten = fuel_of(bytes, CostTable::standard(), {Value::i32(10)});
    const auto twenty = fuel_of(bytes, CostTable::standard(), {Value::i32(20)});
    // Each iteration runs the five loop-body instructions.
    EXPECT_EQ(twenty - ten, 10U * 5U);
}

TEST(WasmFuel, MemoryGrowPaysPerPage) {
    ModuleBuilder b;
    // memory.grow(local 0); drop
    b.funcs.push_back({{kI32}, {}, {}, {0x20, 0x00, 0x40, 0x00, 0x1a}, "f"});
    b.memory_min = 0;
    CostTable costs = CostTable::standard();
    costs.memory_grow_page = 100;
    const auto one = fuel_of(b.build(), costs, {Value::i32(1)});
    const auto three = fuel_of(b.build(), costs, {Value::i32(3)});
    EXPECT_EQ(three - one, 200U);
}

}  // namespace
}  // namespace yunlian::wasm
