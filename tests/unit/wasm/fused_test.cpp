// The super-instructions (two loads and a multiply; an add of a constant with a compare-and-branch;
// chains of rotations, shifts, xors, ors and ands; multiply-adds; loads of sums; a return of an
// add; a call after an add) and the metered branches keep the exact meaning and fuel bill of the
// instructions they replace.

#include <algorithm>
#include <bit>
#include <limits>

#include <gtest/gtest.h>

#include "module_builder.hpp"
#include "wasm/engine.hpp"
#include "wasm/op_table.hpp"
#include "wasm/ops.hpp"

namespace yunlian::wasm {
namespace {

using test::kI32;
using test::kI64;
using test::ModuleBuilder;

struct Runner {
    Engine engine;
    std::shared_ptr<Instance> inst;

    Runner(const Bytes& bytes, bool metering) {
        CompileOptions options;
        options.metering = metering;
        auto compiled = engine.compile(bytes, options);
        EXPECT_TRUE(compiled) << (compiled ? "" : error_message(compiled.error()));
        if (!compiled) return;
        auto made = engine.instantiate(*compiled, {});
        EXPECT_TRUE(made);
        if (made) inst = *made;
    }

    RunResult run(std::vector<Value> args, std::uint64_t fuel = 1'000'000) {
        RunOptions options;
        options.fuel = fuel;
        return inst->invoke("f", args, options);
    }
};

// The internal instructions of the module's function 0, in order (white box: the tests below
// check that the patterns they exercise are really fused).
std::vector<Op> ops_of(const Bytes& bytes, bool metering) {
    Engine engine;
    CompileOptions options;
    options.metering = metering;
    auto compiled = engine.compile(bytes, options);
    EXPECT_TRUE(compiled);
    std::vector<Op> ops;
    if (!compiled) return ops;
    const auto& code = (*compiled)->code;
    const auto& fns = (*compiled)->functions;
    const std::size_t end = fns.size() > 1 ? fns[1].entry : code.size();
    for (std::size_t pos = fns.at(0).entry; pos < end;) {
        const auto op = static_cast<Op>(code[pos]);
        ops.push_back(op);
        std::size_t words = kOpWords[code[pos]];
        if (op == Op::kBrTable || op == Op::kBrTableMetered) words = 2 + 4 * (code[pos + 2] + 1);
        pos += 1 + words;
    }
    return ops;
}

bool has(const std::vector<Op>& ops, Op op) {
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

Bytes module_of(std::vector<std::uint8_t> params, std::vector<std::uint8_t> results,
                std::vector<std::uint8_t> locals, Bytes body) {
    ModuleBuilder b;
    b.funcs.push_back(
        {std::move(params), std::move(results), std::move(locals), std::move(body), "f"});
    b.memory_min = 1;
    return b.build();
}

// f(a, b): mem[0] = 7, mem[4] = 6; return load(a + 8) * load(b + 4 offset).
Bytes i32_mul_loads() {
    return module_of({kI32, kI32}, {kI32}, {},
                     {0x41, 0x00, 0x41, 0x07, 0x36, 0x02, 0x00,  // i32.store(0, 7)
                      0x41, 0x04, 0x41, 0x06, 0x36, 0x02, 0x00,  // i32.store(4, 6)
                      0x20, 0x00, 0x41, 0x08, 0x6a,              // local.get 0; i32.const 8; add
                      0x28, 0x02, 0x00,                          // i32.load
                      0x20, 0x01, 0x28, 0x02, 0x04,              // local.get 1; i32.load offset=4
                      0x6c});                                    // i32.mul
}

TEST(WasmFused, ThePatternsAreFused) {
    EXPECT_TRUE(has(ops_of(i32_mul_loads(), false), Op::kI32MulLoads));
    EXPECT_FALSE(has(ops_of(i32_mul_loads(), false), Op::kI32Mul));
}

TEST(WasmFused, MulOfTwoLoadsMultipliesAndWrapsTheAddress) {
    for (bool metering : {false, true}) {
        Runner r(i32_mul_loads(), metering);
        ASSERT_TRUE(r.inst);
        // -8 + 8 wraps to 0 (spec 4.4.7: the add is 32-bit), so this is mem[0] * mem[4].
        auto a = r.run({Value::i32(static_cast<std::uint32_t>(-8)), Value::i32(0)});
        ASSERT_TRUE(a.ok());
        EXPECT_EQ(a.values.at(0).as_u32(), 42U);
        auto b = r.run({Value::i32(static_cast<std::uint32_t>(-4)), Value::i32(0)});
        ASSERT_TRUE(b.ok());
        EXPECT_EQ(b.values.at(0).as_u32(), 36U);
    }
}

TEST(WasmFused, MulOfTwoLoadsTrapsWhenEitherIsOutOfBounds) {
    for (bool metering : {false, true}) {
        Runner r(i32_mul_loads(), metering);
        ASSERT_TRUE(r.inst);
        // The first address: 65528 + 8 = 65536 is past the one page.
        auto first = r.run({Value::i32(65528), Value::i32(0)});
        ASSERT_TRUE(first.trap);
        EXPECT_EQ(*first.trap, Trap::kMemoryOutOfBounds);
        // The second: 65532 + offset 4.
        auto second = r.run({Value::i32(0), Value::i32(65532)});
        ASSERT_TRUE(second.trap);
        EXPECT_EQ(*second.trap, Trap::kMemoryOutOfBounds);
        // 0x7ffffff8 + 8 does not wrap: 2 GiB is out of bounds.
        auto high = r.run({Value::i32(0x7ffffff8U), Value::i32(0)});
        ASSERT_TRUE(high.trap);
        EXPECT_EQ(*high.trap, Trap::kMemoryOutOfBounds);
        // Still usable after a trap.
        EXPECT_TRUE(r.run({Value::i32(static_cast<std::uint32_t>(-8)), Value::i32(0)}).ok());
    }
}

TEST(WasmFused, MulOfLoadsAroundAnAddressComputation) {
    // mem[0] = 7, mem[8] = 5. f(p, q, r) = load(p) * load(q + r);
    // g(p, q, r) = load(p) * load(p := q + r) + p: the add writes the first load's base.
    const Bytes init = {0x41, 0x00, 0x41, 0x07, 0x36, 0x02, 0x00,
                        0x41, 0x08, 0x41, 0x05, 0x36, 0x02, 0x00};
    Bytes f = init;
    f.insert(f.end(),
             {0x20, 0x00, 0x28, 0x02, 0x00, 0x20, 0x01, 0x20, 0x02, 0x6a, 0x28, 0x02, 0x00, 0x6c});
    Bytes g = init;
    g.insert(g.end(), {0x20, 0x00, 0x28, 0x02, 0x00, 0x20, 0x01, 0x20, 0x02, 0x6a, 0x22, 0x00, 0x28,
                       0x02, 0x00, 0x6c, 0x20, 0x00, 0x6a});
    const Bytes fm = module_of({kI32, kI32, kI32}, {kI32}, {}, f);
    EXPECT_TRUE(has(ops_of(fm, false), Op::kI32MulLoads));
    // In g the add writes the first load's base, so it may not move: no fusion.
    EXPECT_TRUE(has(ops_of(module_of({kI32, kI32, kI32}, {kI32}, {}, g), false), Op::kI32Mul));
    for (bool metering : {false, true}) {
        Runner rf(module_of({kI32, kI32, kI32}, {kI32}, {}, f), metering);
        ASSERT_TRUE(rf.inst);
        auto x = rf.run({Value::i32(0), Value::i32(4), Value::i32(4)});
        ASSERT_TRUE(x.ok());
        EXPECT_EQ(x.values.at(0).as_u32(), 35U);
        auto oob = rf.run({Value::i32(0), Value::i32(65532), Value::i32(4)});
        ASSERT_TRUE(oob.trap);
        EXPECT_EQ(*oob.trap, Trap::kMemoryOutOfBounds);
        Runner rg(module_of({kI32, kI32, kI32}, {kI32}, {}, g), metering);
        ASSERT_TRUE(rg.inst);
        auto y = rg.run({Value::i32(0), Value::i32(4), Value::i32(4)});
        ASSERT_TRUE(y.ok());
        EXPECT_EQ(y.values.at(0).as_u32(), 43U);
    }
}

TEST(WasmFused, ChainedAddsKeepTheirOrder) {
    // f(a, b, c) = c + (a + b) in i32, wrapping; g(x, y, z) = (x + y) + z in f64.
    const Bytes i32 =
        module_of({kI32, kI32, kI32}, {kI32}, {}, {0x20, 0x02, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x6a});
    const Bytes f64 = module_of({test::kF64, test::kF64, test::kF64}, {kI64}, {},
                                {0x20, 0x00, 0x20, 0x01, 0xa0, 0x20, 0x02, 0xa0, 0xbd});
    const auto f = [](double d) { return Value{ValType::kF64, std::bit_cast<std::uint64_t>(d)}; };
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(has(ops_of(i32, false), Op::kI32Add2));
    EXPECT_TRUE(has(ops_of(f64, true), Op::kF64Add2));
    for (bool metering : {false, true}) {
        Runner ri(i32, metering);
        ASSERT_TRUE(ri.inst);
        auto w = ri.run({Value::i32(0xffffffffU), Value::i32(2), Value::i32(3)});
        ASSERT_TRUE(w.ok());
        EXPECT_EQ(w.values.at(0).as_u32(), 4U);
        Runner rf(f64, metering);
        ASSERT_TRUE(rf.inst);
        // (1e16 + 1) rounds back to 1e16, and so does adding 1 again; 1e16 + 2 would not.
        auto assoc = rf.run({f(1e16), f(1.0), f(1.0)});
        ASSERT_TRUE(assoc.ok());
        EXPECT_EQ(assoc.values.at(0).bits, std::bit_cast<std::uint64_t>(1e16));
        auto nan = rf.run({f(inf), f(-inf), f(1.0)});
        ASSERT_TRUE(nan.ok());
        EXPECT_EQ(nan.values.at(0).bits, 0x7ff8000000000000ULL);
    }
}

TEST(WasmFused, F64MulOfTwoLoadsCanonicalizesNaN) {
    // mem[8] = +inf; f(a, b) = reinterpret(f64.load(a) * f64.load(b)); mem[0] is +0.
    const Bytes bytes =
        module_of({kI32, kI32}, {kI64}, {},
                  {0x41, 0x08, 0x44, 0,    0,    0,    0,    0,    0,    0xf0,
                   0x7f, 0x39, 0x03, 0x00,                                      // f64.store(8, inf)
                   0x20, 0x00, 0x2b, 0x03, 0x00, 0x20, 0x01, 0x2b, 0x03, 0x00,  // two f64.loads
                   0xa2, 0xbd});  // f64.mul; reinterpret
    EXPECT_TRUE(has(ops_of(bytes, false), Op::kF64MulLoads));
    for (bool metering : {false, true}) {
        Runner r(bytes, metering);
        ASSERT_TRUE(r.inst);
        auto nan = r.run({Value::i32(0), Value::i32(8)});  // 0 * inf
        ASSERT_TRUE(nan.ok());
        EXPECT_EQ(nan.values.at(0).bits, 0x7ff8000000000000ULL);
        auto inf = r.run({Value::i32(8), Value::i32(8)});
        ASSERT_TRUE(inf.ok());
        EXPECT_EQ(inf.values.at(0).bits, 0x7ff0000000000000ULL);
    }
}

TEST(WasmFused, AddThenCompareAndBranchLoops) {
    // f(n): loop { count += 1; n = n - 1; br_if (n != 0) } return count * 1000 + n
    const Bytes down = module_of(
        {kI32}, {kI32}, {kI32}, {0x03, 0x40,                                // loop
                                 0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01,  // count += 1
                                 0x20, 0x00, 0x41, 0x7f, 0x6a, 0x22, 0x00,  // local.tee 0 (n - 1)
                                 0x41, 0x00, 0x47, 0x0d, 0x00,              // i32.ne 0; br_if 0
                                 0x0b,                                      // end
                                 0x20, 0x01, 0x41, 0xe8, 0x07, 0x6c, 0x20, 0x00, 0x6a}
        // count * 1000 + n
    );
    // g(n): loop { n = n + 3; br_if (n <s 100) } return n
    const Bytes up = module_of({kI32}, {kI32}, {},
                               {0x03, 0x40, 0x20, 0x00, 0x41, 0x03, 0x6a, 0x22, 0x00,  // n += 3
                                0x41, 0xe4, 0x00, 0x48, 0x0d, 0x00, 0x0b,  // lt_s 100; br_if
                                0x20, 0x00});
    EXPECT_TRUE(has(ops_of(down, false), Op::kAddBrIfI32NeImm));
    EXPECT_TRUE(has(ops_of(down, true), Op::kAddBrIfI32NeImmMetered));
    EXPECT_TRUE(has(ops_of(up, false), Op::kAddBrIfI32LtSImm));
    for (bool metering : {false, true}) {
        Runner d(down, metering);
        ASSERT_TRUE(d.inst);
        auto r = d.run({Value::i32(10)});
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r.values.at(0).as_u32(), 10000U);
        Runner u(up, metering);
        ASSERT_TRUE(u.inst);
        auto s = u.run({Value::i32(0)});
        ASSERT_TRUE(s.ok());
        EXPECT_EQ(s.values.at(0).as_u32(), 102U);
        // Signed: -200 counts up past 100 in steps of 3 from a negative start.
        auto t = u.run({Value::i32(static_cast<std::uint32_t>(-200))});
        ASSERT_TRUE(t.ok());
        EXPECT_EQ(t.values.at(0).as_u32(), 100U);
    }
}

// f(n): loop { block $b1 { block $b0 { br_table [$b0] $b1 (n & 1) } count += 2; br $b1 }
//              n = n - 1; if (n) br loop } return count
Bytes branchy() {
    return module_of({kI32}, {kI32}, {kI32},
                     {0x03, 0x40,                                // loop
                      0x02, 0x40, 0x02, 0x40,                    // block $b1, block $b0
                      0x20, 0x00, 0x41, 0x01, 0x71,              // n & 1
                      0x0e, 0x01, 0x00, 0x01,                    // br_table [0] 1
                      0x0b,                                      // end $b0
                      0x20, 0x01, 0x41, 0x02, 0x6a, 0x21, 0x01,  // count += 2
                      0x0c, 0x00,                                // br $b1
                      0x0b,                                      // end $b1
                      0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00,  // n = n - 1 (tee)
                      0x04, 0x40, 0x0c, 0x01, 0x0b,              // if { br loop } end
                      0x0b,                                      // end loop
                      0x20, 0x01});
}

TEST(WasmFused, MeteredBranchesChargeEachBlockOnce) {
    const auto metered = ops_of(branchy(), true);
    EXPECT_TRUE(has(metered, Op::kBrTableMetered));
    EXPECT_TRUE(has(metered, Op::kBrMetered));
    EXPECT_TRUE(has(metered, Op::kBrUnlessMetered));
    EXPECT_FALSE(has(ops_of(branchy(), false), Op::kFuel));
    Runner r(branchy(), true);
    ASSERT_TRUE(r.inst);
    // Per block, with every instruction at 1: entry 1 (loop); loop head 6 (block, block,
    // local.get, const, and, br_table); $b0 5; $b1 5; the if's arm 1 (br); the exit 3 (end,
    // local.get, end). n = 10: five even rounds of 6+5+5+1, four odd of 6+5+1, the last 6+5+3.
    auto ten = r.run({Value::i32(10)});
    ASSERT_TRUE(ten.ok());
    EXPECT_EQ(ten.values.at(0).as_u32(), 10U);
    EXPECT_EQ(ten.fuel_used, 1U + 5U * 17U + 4U * 12U + 14U);
    // Exactly enough fuel runs to the end; one less traps and reports the whole budget.
    EXPECT_TRUE(r.run({Value::i32(10)}, ten.fuel_used).ok());
    for (std::uint64_t budget : {ten.fuel_used - 1, std::uint64_t{16}, std::uint64_t{7}}) {
        auto out = r.run({Value::i32(10)}, budget);
        ASSERT_TRUE(out.trap);
        EXPECT_EQ(*out.trap, Trap::kOutOfFuel);
        EXPECT_EQ(out.fuel_used, budget);
    }
    Runner plain(branchy(), false);
    ASSERT_TRUE(plain.inst);
    auto same = plain.run({Value::i32(10)});
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same.values, ten.values);
}

TEST(WasmFused, FusedLoopsPayEveryIteration) {
    // The AddBrIf loop of AddThenCompareAndBranchLoops, down from a huge count: fuel stops it.
    const Bytes spin = module_of(
        {kI32}, {}, {},
        {0x03, 0x40, 0x20, 0x00, 0x41, 0x7f, 0x6a, 0x22, 0x00, 0x41, 0x00, 0x47, 0x0d, 0x00, 0x0b});
    Runner r(spin, true);
    ASSERT_TRUE(r.inst);
    auto out = r.run({Value::i32(0)}, 100'000);  // 0 - 1 wraps: 2^32 iterations
    ASSERT_TRUE(out.trap);
    EXPECT_EQ(*out.trap, Trap::kOutOfFuel);
    EXPECT_EQ(out.fuel_used, 100'000U);
    // Each iteration pays its 7 instructions: 1000 iterations from n = 1000.
    auto done = r.run({Value::i32(1000)});
    ASSERT_TRUE(done.ok());
    auto more = r.run({Value::i32(2000)});
    ASSERT_TRUE(more.ok());
    EXPECT_EQ(more.fuel_used - done.fuel_used, 1000U * 7U);
}

TEST(WasmFused, ConsecutiveCopiesRunInOrder) {
    // Rotates (a, b, c) twice through a temporary: t = a; a = b; b = c; c = t. The copies run as
    // pairs and triples, and each must see the one before it.
    Bytes rotate = {0x20, 0x00, 0x21, 0x03, 0x20, 0x01, 0x21, 0x00,
                    0x20, 0x02, 0x21, 0x01, 0x20, 0x03, 0x21, 0x02};
    Bytes body = rotate;
    body.insert(body.end(), rotate.begin(), rotate.end());
    // a * 100 + b * 10 + c
    const Bytes tail = {0x20, 0x00, 0x41, 0xe4, 0x00, 0x6c, 0x20, 0x01,
                        0x41, 0x0a, 0x6c, 0x6a, 0x20, 0x02, 0x6a};
    body.insert(body.end(), tail.begin(), tail.end());
    const Bytes bytes = module_of({kI32, kI32, kI32}, {kI32}, {kI32}, body);
    EXPECT_TRUE(has(ops_of(bytes, false), Op::kCopy2));
    EXPECT_TRUE(has(ops_of(bytes, false), Op::kCopy3));
    for (bool metering : {false, true}) {
        Runner r(bytes, metering);
        ASSERT_TRUE(r.inst);
        auto out = r.run({Value::i32(1), Value::i32(2), Value::i32(3)});
        ASSERT_TRUE(out.ok());
        EXPECT_EQ(out.values.at(0).as_u32(), 312U);
    }
}

TEST(WasmFused, RotationsByConstantsUseTheCountModuloTheWidth) {
    // f(x) = i32.rotl(x, 33); g(y) = i64.rotr(y, 65): both rotate by one (spec 4.3.2).
    const Bytes rotl = module_of({kI32}, {kI32}, {}, {0x20, 0x00, 0x41, 0x21, 0x77});
    const Bytes rotr = module_of({kI64}, {kI64}, {}, {0x20, 0x00, 0x42, 0xc1, 0x00, 0x8a});
    EXPECT_TRUE(has(ops_of(rotl, false), Op::kI32RotlImm));
    EXPECT_TRUE(has(ops_of(rotr, false), Op::kI64RotrImm));
    for (bool metering : {false, true}) {
        Runner a(rotl, metering);
        ASSERT_TRUE(a.inst);
        auto x = a.run({Value::i32(0x80000001U)});
        ASSERT_TRUE(x.ok());
        EXPECT_EQ(x.values.at(0).as_u32(), 3U);
        Runner b(rotr, metering);
        ASSERT_TRUE(b.inst);
        auto y = b.run({Value::i64(3)});
        ASSERT_TRUE(y.ok());
        EXPECT_EQ(y.values.at(0).bits, 0x8000000000000001ULL);
    }
}

TEST(WasmFused, BitwiseChainsComputeWhatTheirPartsDo) {
    // f(x, y, z) for SHA-2's functions and their parts; each is checked against C++ on inputs
    // with high and low bits set, with and without metering.
    constexpr std::uint8_t get = 0x20;
    constexpr std::uint8_t cst = 0x41;
    constexpr std::uint8_t rotl = 0x77;
    constexpr std::uint8_t rotr = 0x78;
    constexpr std::uint8_t shr_u = 0x76;
    constexpr std::uint8_t xor_ = 0x73;
    constexpr std::uint8_t and_ = 0x71;
    constexpr std::uint8_t or_ = 0x72;
    constexpr std::uint8_t shl = 0x74;
    using F = std::uint32_t (*)(std::uint32_t, std::uint32_t, std::uint32_t);
    struct Case {
        Bytes body;
        Op fused;
        F expected;
    };
    const Case cases[] = {
        // rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22)
        {{get, 0, cst, 2, rotr, get, 0, cst, 13, rotr, xor_, get, 0, cst, 22, rotr, xor_},
         Op::kI32XorRotl3,
         [](std::uint32_t x, std::uint32_t, std::uint32_t) {
             return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
         }},
        // rotr(x, 7) ^ rotl(y, 18) ^ (z >> 3)
        {{get, 0, cst, 7, rotr, get, 1, cst, 18, rotl, xor_, get, 2, cst, 3, shr_u, xor_},
         Op::kI32XorRotl2ShrU,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t z) {
             return std::rotr(x, 7) ^ std::rotl(y, 18) ^ (z >> 3);
         }},
        // y ^ rotl(x, 37): the count is taken modulo 32
        {{get, 1, get, 0, cst, 37, rotl, xor_},
         Op::kI32XorRotlImm,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t) { return y ^ std::rotl(x, 5); }},
        // rotl(x, 3) ^ rotl(x + z, 5): an add between the rotations
        {{get, 0, cst, 3, rotl, get, 0, get, 2, 0x6a, cst, 5, rotl, xor_},
         Op::kI32XorRotlImm,
         [](std::uint32_t x, std::uint32_t, std::uint32_t z) {
             return std::rotl(x, 3) ^ std::rotl(x + z, 5);
         }},
        // (y >> 9) ^ (x >> 4)
        {{get, 1, cst, 9, shr_u, get, 0, cst, 4, shr_u, xor_},
         Op::kI32XorShrUImm,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t) { return (y >> 9) ^ (x >> 4); }},
        // (x & y) ^ (~x & z)
        {{get, 0, get, 1, and_, get, 0, cst, 0x7f, xor_, get, 2, and_, xor_},
         Op::kI32AndNot,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t z) { return (x & y) ^ (~x & z); }},
        // (x & (y ^ z)) ^ (y & z)
        {{get, 0, get, 1, get, 2, xor_, and_, get, 1, get, 2, and_, xor_},
         Op::kI32XorAnd,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t z) { return (x & (y ^ z)) ^ (y & z); }},
        {{get, 0, get, 1, get, 2, xor_, and_},
         Op::kI32AndXor,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t z) { return x & (y ^ z); }},
        // x ^ (x << 13), y | (x >> 24), (x << 8) | y
        {{get, 0, get, 0, cst, 13, shl, xor_},
         Op::kI32XorShlImm,
         [](std::uint32_t x, std::uint32_t, std::uint32_t) { return x ^ (x << 13); }},
        {{get, 1, get, 0, cst, 24, shr_u, or_},
         Op::kI32OrShrUImm,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t) { return y | (x >> 24); }},
        {{get, 0, cst, 8, shl, get, 1, or_},
         Op::kI32OrShlImm,
         [](std::uint32_t x, std::uint32_t y, std::uint32_t) { return (x << 8) | y; }},
        // (x >> 8) & 0xff00, (x << 8) & 0xff0000, x * 1103515245 + 12345
        {{get, 0, cst, 8, shr_u, cst, 0x80, 0xfe, 0x03, and_},
         Op::kI32ShrUAndImm,
         [](std::uint32_t x, std::uint32_t, std::uint32_t) { return (x >> 8) & 0xff00U; }},
        {{get, 0, cst, 8, shl, cst, 0x80, 0x80, 0xfc, 0x07, and_},
         Op::kI32ShlAndImm,
         [](std::uint32_t x, std::uint32_t, std::uint32_t) { return (x << 8) & 0xff0000U; }},
        {{get, 0, cst, 0xed, 0x9c, 0x99, 0x8e, 0x04, 0x6c, cst, 0xb9, 0xe0, 0x00, 0x6a},
         Op::kI32MulAddImm,
         [](std::uint32_t x, std::uint32_t, std::uint32_t) { return x * 1103515245U + 12345U; }},
    };
    const std::uint32_t inputs[] = {0U, 1U, 0x80000000U, 0x6a09e667U, 0xbb67ae85U, 0xffffffffU};
    for (const Case& c : cases) {
        const Bytes bytes = module_of({kI32, kI32, kI32}, {kI32}, {}, c.body);
        EXPECT_TRUE(has(ops_of(bytes, false), c.fused)) << static_cast<int>(c.fused);
        for (bool metering : {false, true}) {
            Runner r(bytes, metering);
            ASSERT_TRUE(r.inst);
            for (std::uint32_t x : inputs) {
                for (std::uint32_t y : inputs) {
                    const std::uint32_t z = y ^ 0x5be0cd19U;
                    auto out = r.run({Value::i32(x), Value::i32(y), Value::i32(z)});
                    ASSERT_TRUE(out.ok());
                    EXPECT_EQ(out.values.at(0).as_u32(), c.expected(x, y, z));
                }
            }
        }
    }
}

TEST(WasmFused, ReturnOfAnAddWrapsAndLeavesEarly) {
    // f(a, b) = a + b, at the end and by an early return from inside a block.
    const Bytes at_end = module_of({kI32, kI32}, {kI32}, {}, {0x20, 0x00, 0x20, 0x01, 0x6a});
    const Bytes early = module_of(
        {kI32, kI32}, {kI32}, {},
        {0x02, 0x40, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0f, 0x0b, 0x41, 0x07});  // block; return
    for (const Bytes& bytes : {at_end, early}) {
        EXPECT_TRUE(has(ops_of(bytes, false), Op::kReturnI32Add));
        for (bool metering : {false, true}) {
            Runner r(bytes, metering);
            ASSERT_TRUE(r.inst);
            auto out = r.run({Value::i32(0xffffffffU), Value::i32(2)});
            ASSERT_TRUE(out.ok());
            EXPECT_EQ(out.values.at(0).as_u32(), 1U);
            EXPECT_EQ(out.values.at(0).bits, 1U);
        }
    }
}

TEST(WasmFused, CallOfAnAddedArgumentRecursesAndExhaustsTheStack) {
    // f(n) = n == 0 ? 0 : f(n - 1) + 2: the n - 1 runs inside the call instruction. g is f with
    // the add's operands swapped (-1 + n), which is not fused: same results, same fuel bill.
    const auto body = [](std::vector<std::uint8_t> arg) {
        Bytes b = {0x20, 0x00, 0x45, 0x04, 0x7f, 0x41, 0x00, 0x05};  // if (n == 0) 0 else
        b.insert(b.end(), arg.begin(), arg.end());
        b.insert(b.end(), {0x6a, 0x10, 0x00, 0x41, 0x02, 0x6a, 0x0b});  // f(..) + 2
        return b;
    };
    const Bytes f = module_of({kI32}, {kI32}, {}, body({0x20, 0x00, 0x41, 0x7f}));
    const Bytes g = module_of({kI32}, {kI32}, {}, body({0x41, 0x7f, 0x20, 0x00}));
    EXPECT_TRUE(has(ops_of(f, false), Op::kCallAddImm));
    EXPECT_TRUE(has(ops_of(f, true), Op::kCallAddImm));
    EXPECT_FALSE(has(ops_of(g, true), Op::kCallAddImm));
    for (bool metering : {false, true}) {
        Runner rf(f, metering);
        Runner rg(g, metering);
        ASSERT_TRUE(rf.inst && rg.inst);
        auto out = rf.run({Value::i32(10)});
        auto plain = rg.run({Value::i32(10)});
        ASSERT_TRUE(out.ok() && plain.ok());
        EXPECT_EQ(out.values.at(0).as_u32(), 20U);
        EXPECT_EQ(out.fuel_used, plain.fuel_used);
        EXPECT_EQ(out.fuel_used == 0, !metering);
        auto deep = rf.run({Value::i32(1'000'000)}, 100'000'000);
        ASSERT_TRUE(deep.trap);
        EXPECT_EQ(*deep.trap, Trap::kCallStackExhausted);
    }
}

TEST(WasmFused, LoadOfASumWrapsTheSumAndChecksBounds) {
    // mem[4] = 0x01020304; f(p, q) = load(p + q), the sum wrapping at 32 bits before the access.
    const Bytes bytes = module_of({kI32, kI32}, {kI32}, {},
                                  {0x41, 0x04, 0x41, 0x84, 0x86, 0x88, 0x08, 0x36, 0x02, 0x00, 0x20,
                                   0x00, 0x20, 0x01, 0x6a, 0x28, 0x02, 0x00});
    EXPECT_TRUE(has(ops_of(bytes, false), Op::kI32LoadAdd));
    for (bool metering : {false, true}) {
        Runner r(bytes, metering);
        ASSERT_TRUE(r.inst);
        auto plain = r.run({Value::i32(1), Value::i32(3)});
        ASSERT_TRUE(plain.ok());
        EXPECT_EQ(plain.values.at(0).as_u32(), 0x01020304U);
        auto wrapped = r.run({Value::i32(0xfffffffcU), Value::i32(8)});
        ASSERT_TRUE(wrapped.ok());
        EXPECT_EQ(wrapped.values.at(0).as_u32(), 0x01020304U);
        auto oob = r.run({Value::i32(65530), Value::i32(3)});
        ASSERT_TRUE(oob.trap);
        EXPECT_EQ(*oob.trap, Trap::kMemoryOutOfBounds);
    }
}

TEST(WasmFused, MulOfLoadsAroundAMultiplyAdd) {
    // mem[0] = 7, mem[8] = 5. f(p, q) = load(p) * load(q * 4 + 4): the second address is one
    // multiply-add, which runs before the fused product.
    const Bytes bytes = module_of(
        {kI32, kI32}, {kI32}, {},
        {0x41, 0x00, 0x41, 0x07, 0x36, 0x02, 0x00, 0x41, 0x08, 0x41, 0x05,
         0x36, 0x02, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00,                    // load(p)
         0x20, 0x01, 0x41, 0x04, 0x6c, 0x41, 0x04, 0x6a, 0x28, 0x02, 0x00,  // load(q * 4 + 4)
         0x6c});
    const auto ops = ops_of(bytes, false);
    EXPECT_TRUE(has(ops, Op::kI32MulLoads));
    EXPECT_TRUE(has(ops, Op::kI32MulAddImm));
    for (bool metering : {false, true}) {
        Runner r(bytes, metering);
        ASSERT_TRUE(r.inst);
        auto out = r.run({Value::i32(0), Value::i32(1)});
        ASSERT_TRUE(out.ok());
        EXPECT_EQ(out.values.at(0).as_u32(), 35U);
        auto oob = r.run({Value::i32(0), Value::i32(16383)});
        ASSERT_TRUE(oob.trap);
        EXPECT_EQ(*oob.trap, Trap::kMemoryOutOfBounds);
    }
}

TEST(WasmFused, LongAddChainsKeepTheirOrder) {
    // f(a, b, c) = (((a + b) + c) + a) + b in i32, wrapping; g(x, y, z) the same in f64, where
    // the association shows: each 1 added to 1e16 or 2e16 rounds away, 1 + 1 + 1 first would not.
    const Bytes chain = {0x20, 0x00, 0x20, 0x01, 0x6a, 0x20, 0x02,
                         0x6a, 0x20, 0x00, 0x6a, 0x20, 0x01, 0x6a};
    Bytes f64_chain = chain;
    for (auto& byte : f64_chain) {
        if (byte == 0x6a) byte = 0xa0;
    }
    f64_chain.push_back(0xbd);
    const Bytes i32 = module_of({kI32, kI32, kI32}, {kI32}, {}, chain);
    const Bytes f64 = module_of({test::kF64, test::kF64, test::kF64}, {kI64}, {}, f64_chain);
    EXPECT_TRUE(has(ops_of(i32, false), Op::kI32Add4));
    EXPECT_TRUE(has(ops_of(f64, true), Op::kF64Add4));
    const auto f = [](double d) { return Value{ValType::kF64, std::bit_cast<std::uint64_t>(d)}; };
    const double inf = std::numeric_limits<double>::infinity();
    for (bool metering : {false, true}) {
        Runner ri(i32, metering);
        ASSERT_TRUE(ri.inst);
        auto w = ri.run({Value::i32(0x80000000U), Value::i32(0x40000000U), Value::i32(3)});
        ASSERT_TRUE(w.ok());
        EXPECT_EQ(w.values.at(0).as_u32(), 0x80000003U);
        Runner rf(f64, metering);
        ASSERT_TRUE(rf.inst);
        auto assoc = rf.run({f(1e16), f(1.0), f(1.0)});
        ASSERT_TRUE(assoc.ok());
        EXPECT_EQ(assoc.values.at(0).bits, std::bit_cast<std::uint64_t>(2e16));
        auto nan = rf.run({f(inf), f(1.0), f(-inf)});
        ASSERT_TRUE(nan.ok());
        EXPECT_EQ(nan.values.at(0).bits, 0x7ff8000000000000ULL);
    }
}

}  // namespace
}  // namespace yunlian::wasm
