// The embedding API: typed host functions, checked signatures, memory views, isolation and cache.

#include <gtest/gtest.h>

#include "module_builder.hpp"
#include "wasm/engine.hpp"
#include "wasm/host_function.hpp"

namespace yunlian::wasm {
namespace {

using test::kI32;
using test::ModuleBuilder;

// Imports env.add(i32, i32) -> i32 and exports f(x) = add(x, 40) and a counter in memory.
Bytes importing_module() {
    ModuleBuilder b;
    b.imports.push_back({"env", "add", {kI32, kI32}, {kI32}});
    b.funcs.push_back({{kI32}, {kI32}, {}, {0x20, 0x00, 0x41, 0x28, 0x10, 0x00}, "f"});
    // bump(): mem[0] += 1; return mem[0]
    b.funcs.push_back({{},
                       {kI32},
                       {},
                       {0x41, 0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x41, 0x01, 0x6a, 0x36, 0x02,
                        0x00, 0x41, 0x00, 0x28, 0x02, 0x00},
                       "bump"});
    b.memory_min = 1;
    return b.build();
}

TEST(WasmEmbedding, TypedHostFunctionIsCalled) {
    Engine engine;
    int calls = 0;
    auto add = make_host<std::int32_t(std::int32_t, std::int32_t)>(
        engine, [&](HostContext&, std::int32_t a, std::int32_t b) {
            ++calls;
            return a + b;
        });
    auto compiled = engine.compile(importing_module());
    ASSERT_TRUE(compiled);
    std::vector<Extern> imports = {extern_func(add)};
    auto inst = engine.instantiate(*compiled, imports);
    ASSERT_TRUE(inst);
    auto r = (*inst)->invoke("f", std::vector<Value>{Value::i32(2)});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.values.at(0).as_i32(), 42);
    EXPECT_EQ(calls, 1);
}

TEST(WasmEmbedding, WrongHostSignatureIsUnlinkable) {
    Engine engine;
    auto wrong = make_host<std::int64_t(std::int32_t, std::int32_t)>(
        engine, [](HostContext&, std::int32_t a, std::int32_t) { return std::int64_t{a}; });
    auto compiled = engine.compile(importing_module());
    ASSERT_TRUE(compiled);
    std::vector<Extern> imports = {extern_func(wrong)};
    auto inst = engine.instantiate(*compiled, imports);
    ASSERT_FALSE(inst);
    EXPECT_EQ(inst.error().kind, InstantiateError::Kind::kLink);
    EXPECT_EQ(inst.error().link, LinkError::kIncompatibleImportType);
}

TEST(WasmEmbedding, HostFunctionCanTrap) {
    Engine engine;
    auto failing = make_host<std::int32_t(std::int32_t, std::int32_t)>(
        engine, [](HostContext&, std::int32_t, std::int32_t) -> Result<std::int32_t, Trap> {
            return Unexpected(Trap::kHostError);
        });
    auto compiled = engine.compile(importing_module());
    std::vector<Extern> imports = {extern_func(failing)};
    auto inst = engine.instantiate(*compiled, imports);
    ASSERT_TRUE(inst);
    auto r = (*inst)->invoke("f", std::vector<Value>{Value::i32(1)});
    ASSERT_TRUE(r.trap);
    EXPECT_EQ(*r.trap, Trap::kHostError);
}

TEST(WasmEmbedding, InstancesAreIsolatedAndShareTheCache) {
    Engine engine;
    auto add = make_host<std::int32_t(std::int32_t, std::int32_t)>(
        engine, [](HostContext&, std::int32_t a, std::int32_t b) { return a + b; });
    const Bytes bytes = importing_module();
    auto c1 = engine.compile(bytes);
    auto c2 = engine.compile(bytes);
    ASSERT_TRUE(c1 && c2);
    EXPECT_EQ(c1->get(), c2->get());  // translated once, by content hash
    EXPECT_EQ(engine.cache_size(), 1U);
    std::vector<Extern> imports = {extern_func(add)};
    auto a = engine.instantiate(*c1, imports);
    auto b = engine.instantiate(*c2, imports);
    ASSERT_TRUE(a && b);
    EXPECT_EQ((*a)->invoke("bump", {}).values.at(0).as_i32(), 1);
    EXPECT_EQ((*a)->invoke("bump", {}).values.at(0).as_i32(), 2);
    EXPECT_EQ((*b)->invoke("bump", {}).values.at(0).as_i32(), 1);
    // Checked memory views.
    MemoryInstance* mem = (*a)->memory();
    ASSERT_NE(mem, nullptr);
    auto view = mem->view(0, 4);
    ASSERT_TRUE(view);
    EXPECT_EQ((*view)[0], 2);
    EXPECT_FALSE(mem->view(65535, 2));
    EXPECT_FALSE(mem->view(~std::uint64_t{0}, 2));
}

TEST(WasmEmbedding, ArgumentTypesAreChecked) {
    Engine engine;
    auto add = make_host<std::int32_t(std::int32_t, std::int32_t)>(
        engine, [](HostContext&, std::int32_t a, std::int32_t b) { return a + b; });
    auto compiled = engine.compile(importing_module());
    std::vector<Extern> imports = {extern_func(add)};
    auto inst = engine.instantiate(*compiled, imports);
    ASSERT_TRUE(inst);
    EXPECT_TRUE((*inst)->invoke("f", std::vector<Value>{Value::i64(1)}).trap);
    EXPECT_TRUE((*inst)->invoke("f", {}).trap);
    EXPECT_TRUE((*inst)->invoke("missing", {}).trap);
}

}  // namespace
}  // namespace yunlian::wasm
