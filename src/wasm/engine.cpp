#include "wasm/engine.hpp"

#include <algorithm>
#include <cstring>

#include "wasm/compiler.hpp"
#include "wasm/decoder.hpp"

namespace yunlian::wasm {
namespace {

// A signature as a byte string, the key of the type registry.
std::string signature_key(const FuncType& type) {
    std::string key;
    key.reserve(type.params.size() + type.results.size() + 1);
    for (ValType t : type.params) key.push_back(static_cast<char>(t));
    key.push_back(0);
    for (ValType t : type.results) key.push_back(static_cast<char>(t));
    return key;
}

// Limits subtyping (spec 4.5.2.4): the provided limits must lie within the expected ones.
bool limits_match(std::uint64_t min, std::optional<std::uint32_t> max, const Limits& expected) {
    if (min < expected.min) return false;
    if (expected.max) {
        if (!max) return false;
        if (*max > *expected.max) return false;
    }
    return true;
}

bool import_matches(const Module& module, const Import& import, const Extern& ext) {
    if (ext.kind != import.kind) return false;
    switch (import.kind) {
        case ExternKind::kFunc:
            return ext.func && ext.func->type == module.types[import.type_index];
        case ExternKind::kTable:
            return ext.table && ext.table->type().elem == import.table.elem &&
                   limits_match(ext.table->size(), ext.table->type().limits.max,
                                import.table.limits);
        case ExternKind::kMemory:
            return ext.memory && limits_match(ext.memory->pages(), ext.memory->type().limits.max,
                                              import.memory.limits);
        case ExternKind::kGlobal:
            return ext.global && ext.global->type.type == import.global.type &&
                   ext.global->type.is_mutable == import.global.is_mutable;
    }
    return false;
}

std::uint64_t eval_const(const ConstExpr& e, const Instance& inst) {
    switch (e.kind) {
        case ConstExpr::Kind::kValue:
            return e.value;
        case ConstExpr::Kind::kRefNull:
            return 0;
        case ConstExpr::Kind::kRefFunc:
            return reinterpret_cast<std::uint64_t>(inst.m_funcs[static_cast<std::size_t>(e.value)]);
        case ConstExpr::Kind::kGlobalGet:
            return inst.m_globals[static_cast<std::size_t>(e.value)]->value;
    }
    return 0;
}

}  // namespace

std::uint64_t module_hash(BytesView bytes) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::uint8_t b : bytes) {
        h ^= b;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::uint32_t Engine::type_id(const FuncType& type) {
    auto key = signature_key(type);
    auto it = m_type_index.find(key);
    if (it != m_type_index.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(m_types.size());
    m_types.push_back(type);
    m_type_index.emplace(std::move(key), id);
    return id;
}

Result<std::shared_ptr<const CompiledModule>, Error> Engine::compile(
    BytesView bytes, const CompileOptions& options) {
    const std::uint64_t hash = module_hash(bytes);
    auto [first, last] = m_cache_index.equal_range(hash);
    for (auto it = first; it != last; ++it) {
        const CacheEntry& entry = m_cache[it->second];
        const Bytes& cached = entry.compiled->module->bytes;
        if (entry.options == options && cached.size() == bytes.size() &&
            (bytes.empty() || std::memcmp(cached.data(), bytes.data(), bytes.size()) == 0))
            return entry.compiled;
    }
    auto module = decode_module(bytes);
    if (!module) return Unexpected(module.error());
    std::vector<std::uint32_t> ids;
    ids.reserve(module->types.size());
    for (const auto& type : module->types) ids.push_back(type_id(type));
    auto shared = std::make_shared<const Module>(std::move(*module));
    auto compiled = compile_module(std::move(shared), options, std::move(ids));
    if (!compiled) return Unexpected(compiled.error());
    m_cache.push_back({hash, options, *compiled});
    m_cache_index.emplace(hash, m_cache.size() - 1);
    return *compiled;
}

std::shared_ptr<FunctionInstance> Engine::make_host_function(FuncType type, HostFunction fn) {
    auto f = std::make_shared<FunctionInstance>();
    f->type_id = type_id(type);
    f->type = std::move(type);
    f->host = std::move(fn);
    return f;
}

Result<std::shared_ptr<Instance>, InstantiateError> Engine::instantiate(
    std::shared_ptr<const CompiledModule> compiled, std::span<const Extern> imports) {
    const Module& module = *compiled->module;
    auto link_error = [](LinkError e) {
        return Unexpected(InstantiateError{InstantiateError::Kind::kLink, e, Trap::kUnreachable});
    };
    if (imports.size() != module.imports.size()) return link_error(LinkError::kUnknownImport);
    auto inst = std::make_shared<Instance>();
    inst->m_self = inst;
    inst->m_limits = m_limits;
    inst->m_compiled = compiled;
    inst->m_code = compiled->code.data();
    inst->m_code_funcs = compiled->functions.data();
    inst->m_grow_page_cost =
        compiled->options.metering ? compiled->options.costs.memory_grow_page : 0;

    // Imports (spec 4.5.4 steps 1-4).
    for (std::size_t i = 0; i < imports.size(); ++i) {
        const Extern& ext = imports[i];
        if (!import_matches(module, module.imports[i], ext))
            return link_error(LinkError::kIncompatibleImportType);
        if (ext.owner) inst->m_deps.push_back(ext.owner);
        switch (ext.kind) {
            case ExternKind::kFunc:
                inst->m_func_objs.push_back(ext.func);
                break;
            case ExternKind::kTable:
                inst->m_table_objs.push_back(ext.table);
                break;
            case ExternKind::kMemory:
                inst->m_memory_objs.push_back(ext.memory);
                break;
            case ExternKind::kGlobal:
                inst->m_global_objs.push_back(ext.global);
                break;
        }
    }
    // The module's own functions, tables, memories and globals.
    for (std::size_t i = 0; i < compiled->functions.size(); ++i) {
        auto f = std::make_shared<FunctionInstance>();
        const std::uint32_t type_index = module.func_types[module.num_imported_funcs + i];
        f->type = module.types[type_index];
        f->type_id = compiled->type_ids[type_index];
        f->instance = inst.get();
        f->code = &compiled->functions[i];
        inst->m_func_objs.push_back(std::move(f));
    }
    for (std::size_t i = module.num_imported_tables; i < module.tables.size(); ++i) {
        if (module.tables[i].limits.min > m_limits.max_table_size)
            return link_error(LinkError::kLimitExceeded);
        inst->m_table_objs.push_back(
            std::make_shared<TableInstance>(module.tables[i], m_limits.max_table_size));
    }
    for (std::size_t i = module.num_imported_memories; i < module.memories.size(); ++i) {
        if (module.memories[i].limits.min > m_limits.max_memory_pages)
            return link_error(LinkError::kLimitExceeded);
        auto memory =
            std::make_shared<MemoryInstance>(module.memories[i], m_limits.max_memory_pages);
        if (memory->pages() != module.memories[i].limits.min)
            return link_error(LinkError::kLimitExceeded);  // the host could not allocate it
        inst->m_memory_objs.push_back(std::move(memory));
    }
    for (const auto& f : inst->m_func_objs) inst->m_funcs.push_back(f.get());
    for (const auto& t : inst->m_table_objs) inst->m_tables.push_back(t.get());
    inst->m_memory = inst->m_memory_objs.empty() ? nullptr : inst->m_memory_objs.front().get();
    for (const auto& g : inst->m_global_objs) inst->m_globals.push_back(g.get());
    for (std::size_t i = module.num_imported_globals; i < module.globals.size(); ++i) {
        auto g = std::make_shared<GlobalInstance>();
        g->type = module.globals[i].type;
        g->value = eval_const(module.globals[i].init, *inst);
        inst->m_globals.push_back(g.get());
        inst->m_global_objs.push_back(std::move(g));
    }
    // Segments (spec 4.5.4 steps 8-13): evaluate, then run the active ones in order.
    for (const auto& seg : module.elems) {
        std::vector<std::uint64_t> refs;
        refs.reserve(seg.items.size());
        for (const auto& item : seg.items) refs.push_back(eval_const(item, *inst));
        inst->m_elems.push_back(std::move(refs));
    }
    for (const auto& seg : module.datas) inst->m_datas.emplace_back(seg.bytes);
    auto trap_error = [](Trap t) {
        return Unexpected(
            InstantiateError{InstantiateError::Kind::kTrap, LinkError::kUnknownImport, t});
    };
    for (std::size_t i = 0; i < module.elems.size(); ++i) {
        const auto& seg = module.elems[i];
        if (seg.mode == SegmentMode::kPassive) continue;
        if (seg.mode == SegmentMode::kActive) {
            TableInstance* table = inst->m_tables[seg.table];
            const auto offset = static_cast<std::uint32_t>(eval_const(seg.offset, *inst));
            const auto& refs = inst->m_elems[i];
            if (std::uint64_t{offset} + refs.size() > table->size())
                return trap_error(Trap::kTableOutOfBounds);
            std::copy(refs.begin(), refs.end(), table->data() + offset);
        }
        inst->m_elems[i].clear();
    }
    for (std::size_t i = 0; i < module.datas.size(); ++i) {
        const auto& seg = module.datas[i];
        if (seg.mode != SegmentMode::kActive) continue;
        MemoryInstance* memory = inst->m_memory;
        const auto offset = static_cast<std::uint32_t>(eval_const(seg.offset, *inst));
        if (std::uint64_t{offset} + seg.bytes.size() > memory->size())
            return trap_error(Trap::kMemoryOutOfBounds);
        if (!seg.bytes.empty())
            std::memcpy(memory->data() + offset, seg.bytes.data(), seg.bytes.size());
        inst->m_datas[i] = {};
    }
    if (module.start) {
        auto result = inst->call(*inst->m_funcs[*module.start], {});
        if (result.trap) return trap_error(*result.trap);
    }
    return inst;
}

}  // namespace yunlian::wasm
