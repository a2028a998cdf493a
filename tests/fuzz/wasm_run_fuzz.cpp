// Fuzzes instantiation and execution with a small fuel budget and small limits: every export with
// no parameters runs until it returns or traps, never crashing or hanging.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "wasm/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian::wasm;
    EngineLimits limits;
    limits.max_call_depth = 512;
    limits.max_value_stack_slots = 1U << 16;
    limits.max_memory_pages = 32;
    limits.max_table_size = 4096;
    Engine engine(limits);
    auto compiled = engine.compile(yunlian::BytesView(data, size));
    if (!compiled) return 0;
    const Module& module = *(*compiled)->module;
    // Imports are bound to host functions that return zeros; other import kinds fail to link.
    std::vector<Extern> imports;
    for (const auto& imp : module.imports) {
        if (imp.kind != ExternKind::kFunc) return 0;
        const FuncType type = module.types[imp.type_index];
        Extern e;
        e.kind = ExternKind::kFunc;
        e.func = engine.make_host_function(
            type,
            [n = type.results.size()](HostContext&, const std::uint64_t*,
                                      std::uint64_t* results) -> yunlian::Result<void, Trap> {
                for (std::size_t i = 0; i < n; ++i) results[i] = 0;
                return {};
            });
        imports.push_back(e);
    }
    auto inst = engine.instantiate(*compiled, imports);
    if (!inst) return 0;
    RunOptions run;
    run.fuel = 100'000;
    for (const auto& e : module.exports) {
        if (e.kind != ExternKind::kFunc) continue;
        auto ext = (*inst)->get_export(e.name);
        if (!ext->func->type.params.empty()) continue;
        (void)(*inst)->call(*ext->func, {}, run);
    }
    return 0;
}
