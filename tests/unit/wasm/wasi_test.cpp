// The WASI subset: bounded stdout, proc_exit, and a random source fixed by the seed.

#include "wasm/wasi.hpp"

#include <gtest/gtest.h>

#include "module_builder.hpp"

namespace yunlian::wasm {
namespace {

using test::kI32;
using test::ModuleBuilder;
using test::put_sleb;

void i32_const(Bytes& b, std::int32_t v) {
    b.push_back(0x41);
    put_sleb(b, v);
}

void store(Bytes& b, std::int32_t addr, std::int32_t value) {
    i32_const(b, addr);
    i32_const(b, value);
    b.insert(b.end(), {0x36, 0x02, 0x00});
}

// _start: write "hi\n" to stdout, fill 16 random bytes at 32, then proc_exit(3).
Bytes wasi_program() {
    ModuleBuilder m;
    const std::string w = "wasi_snapshot_preview1";
    m.imports.push_back({w, "fd_write", {kI32, kI32, kI32, kI32}, {kI32}});
    m.imports.push_back({w, "proc_exit", {kI32}, {}});
    m.imports.push_back({w, "random_get", {kI32, kI32}, {kI32}});
    Bytes body;
    store(body, 0, 16);         // iovec.ptr
    store(body, 4, 3);          // iovec.len
    store(body, 16, 0x0a6968);  // "hi\n"
    for (std::int32_t v : {1, 0, 1, 8}) i32_const(body, v);
    body.insert(body.end(), {0x10, 0x00, 0x1a});  // call fd_write; drop
    i32_const(body, 32);
    i32_const(body, 16);
    body.insert(body.end(), {0x10, 0x02, 0x1a});  // call random_get; drop
    i32_const(body, 3);
    body.insert(body.end(), {0x10, 0x01});  // call proc_exit
    m.funcs.push_back({{}, {}, {}, body, "_start"});
    m.memory_min = 1;
    return m.build();
}

struct Outcome {
    RunResult result;
    std::string out;
    std::uint32_t code;
    Bytes random;
};

Outcome run(std::uint64_t seed, std::size_t stdout_limit = 1024) {
    Engine engine;
    WasiConfig config;
    config.random_seed = seed;
    config.stdout_limit = stdout_limit;
    Wasi wasi(engine, config);
    auto compiled = engine.compile(wasi_program());
    EXPECT_TRUE(compiled);
    std::vector<Extern> imports;
    for (const auto& imp : (*compiled)->module->imports)
        imports.push_back(*wasi.resolve(imp.module, imp.name));
    auto inst = engine.instantiate(*compiled, imports);
    EXPECT_TRUE(inst);
    Outcome o{(*inst)->invoke("_start", {}), wasi.stdout_text(), wasi.exit_code(), {}};
    auto view = (*inst)->memory()->view(32, 16);
    o.random.assign(view->begin(), view->end());
    return o;
}

TEST(WasmWasi, WritesStdoutAndExits) {
    const Outcome o = run(1);
    ASSERT_TRUE(o.result.trap);
    EXPECT_EQ(*o.result.trap, Trap::kExit);
    EXPECT_EQ(o.code, 3U);
    EXPECT_EQ(o.out, "hi\n");
}

TEST(WasmWasi, StdoutIsBounded) {
    const Outcome o = run(1, 2);
    EXPECT_EQ(o.out, "hi");
}

TEST(WasmWasi, RandomIsFixedBySeed) {
    EXPECT_EQ(run(7).random, run(7).random);
    EXPECT_NE(run(7).random, run(8).random);
}

TEST(WasmWasi, UnknownFunctionsAreNotProvided) {
    Engine engine;
    Wasi wasi(engine, {});
    EXPECT_FALSE(wasi.resolve("wasi_snapshot_preview1", "sock_accept"));
    EXPECT_FALSE(wasi.resolve("env", "fd_write"));
    EXPECT_TRUE(wasi.resolve("wasi_snapshot_preview1", "fd_write"));
}

}  // namespace
}  // namespace yunlian::wasm
