#include "wasm/compiler.hpp"

#include "wasm/function_compiler.hpp"

namespace yunlian::wasm {
namespace {

bool is_float(ValType t) noexcept { return t == ValType::kF32 || t == ValType::kF64; }

// The contract profile admits no float anywhere in the module's interface (types and globals).
bool has_float_interface(const Module& module) {
    for (const auto& type : module.types) {
        for (ValType t : type.params) {
            if (is_float(t)) return true;
        }
        for (ValType t : type.results) {
            if (is_float(t)) return true;
        }
    }
    for (const auto& g : module.globals) {
        if (is_float(g.type.type)) return true;
    }
    return false;
}

}  // namespace

CostTable CostTable::standard() noexcept {
    CostTable table;
    table.base.fill(1);
    table.prefixed.fill(1);
    // Calls set up a frame; they cost a little more than a plain instruction.
    table.base[0x10] = 5;
    table.base[0x11] = 5;
    // Bulk operations also pay per byte or element at run time through memory growth only;
    // their fixed price reflects the call into the runtime.
    for (std::size_t i = 8; i < table.prefixed.size(); ++i) table.prefixed[i] = 5;
    table.memory_grow_page = 1024;
    return table;
}

Result<std::shared_ptr<const CompiledModule>, Error> compile_module(
    std::shared_ptr<const Module> module, const CompileOptions& options,
    std::vector<std::uint32_t> type_ids) {
    if (options.contract_profile && has_float_interface(*module))
        return Unexpected(Error::kFloatInContract);
    auto out = std::make_shared<CompiledModule>();
    out->options = options;
    out->type_ids = std::move(type_ids);
    out->functions.reserve(module->codes.size());
    detail::FunctionCompiler compiler(*module, options, out->type_ids, out->code);
    for (std::size_t i = 0; i < module->codes.size(); ++i) {
        const auto index = static_cast<std::uint32_t>(module->num_imported_funcs + i);
        auto fn = compiler.compile(index, module->codes[i]);
        if (!fn) return Unexpected(fn.error());
        out->functions.push_back(*fn);
    }
    compiler.link_calls(out->functions);
    out->code.shrink_to_fit();
    out->module = std::move(module);
    return std::shared_ptr<const CompiledModule>(std::move(out));
}

}  // namespace yunlian::wasm
