#include "wasm/instance.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "wasm/interpreter.hpp"

namespace yunlian::wasm {

MemoryInstance::MemoryInstance(MemoryType type, std::uint32_t page_limit)
    : m_type(type), m_pages(type.limits.min), m_limit(page_limit) {
    const std::uint64_t size = std::uint64_t{m_pages} * kPageSize;
    // One spare byte keeps the pointer valid (non-null) for zero-page memories.
    m_bytes.reset(static_cast<std::uint8_t*>(std::calloc(size + 1, 1)));
    if (!m_bytes) m_pages = 0;
    m_size = m_bytes ? size : 0;
}

std::int64_t MemoryInstance::grow(std::uint32_t delta) {
    const std::uint64_t old = m_pages;
    const std::uint64_t wanted = old + delta;
    const std::uint64_t max = std::min<std::uint64_t>(m_type.limits.max.value_or(65536), 65536);
    if (wanted > max || wanted > m_limit) return -1;
    if (delta == 0) return static_cast<std::int64_t>(old);
    const std::uint64_t size = wanted * kPageSize;
    auto* grown = static_cast<std::uint8_t*>(std::realloc(m_bytes.get(), size + 1));
    if (grown == nullptr) return -1;  // the old block is still owned and intact
    (void)m_bytes.release();
    m_bytes.reset(grown);
    std::memset(grown + m_size, 0, size - m_size);
    m_size = size;
    m_pages = static_cast<std::uint32_t>(wanted);
    return static_cast<std::int64_t>(old);
}

std::optional<std::span<std::uint8_t>> MemoryInstance::view(std::uint64_t offset,
                                                            std::uint64_t len) noexcept {
    if (offset > m_size || len > m_size - offset) return std::nullopt;
    return std::span<std::uint8_t>(m_bytes.get() + offset, len);
}

TableInstance::TableInstance(TableType type, std::uint32_t size_limit, std::uint64_t init)
    : m_type(type), m_limit(size_limit), m_elems(type.limits.min, init) {}

std::int64_t TableInstance::grow(std::uint32_t delta, std::uint64_t init) {
    const std::uint64_t old = m_elems.size();
    const std::uint64_t wanted = old + delta;
    const std::uint64_t max = m_type.limits.max.value_or(0xffffffffU);
    if (wanted > max || wanted > m_limit) return -1;
    m_elems.resize(wanted, init);
    return static_cast<std::int64_t>(old);
}

bool HostContext::charge(std::uint64_t amount) noexcept {
    if (m_fuel == nullptr) return true;
    if (*m_fuel < 0 || static_cast<std::uint64_t>(*m_fuel) < amount) return false;
    *m_fuel -= static_cast<std::int64_t>(amount);
    return true;
}

std::optional<Extern> Instance::get_export(std::string_view name) const {
    for (const auto& e : m_compiled->module->exports) {
        if (e.name != name) continue;
        Extern out;
        out.kind = e.kind;
        out.owner = m_self.lock();
        switch (e.kind) {
            case ExternKind::kFunc:
                out.func = m_func_objs[e.index];
                break;
            case ExternKind::kTable:
                out.table = m_table_objs[e.index];
                break;
            case ExternKind::kMemory:
                out.memory = m_memory_objs[e.index];
                break;
            case ExternKind::kGlobal:
                out.global = m_global_objs[e.index];
                break;
        }
        return out;
    }
    return std::nullopt;
}

RunResult Instance::invoke(std::string_view name, std::span<const Value> args,
                           const RunOptions& options) {
    auto e = get_export(name);
    if (!e || e->kind != ExternKind::kFunc) {
        RunResult r;
        r.trap = Trap::kHostError;
        return r;
    }
    return call(*e->func, args, options);
}

RunResult Instance::call(FunctionInstance& func, std::span<const Value> args,
                         const RunOptions& options) {
    RunResult out;
    const FuncType& type = func.type;
    if (args.size() != type.params.size()) {
        out.trap = Trap::kHostError;
        return out;
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].type != type.params[i]) {
            out.trap = Trap::kHostError;
            return out;
        }
    }
    const std::uint32_t slots = std::max<std::uint32_t>(
        m_limits.max_value_stack_slots,
        static_cast<std::uint32_t>(std::max(type.params.size(), type.results.size())));
    detail::Machine machine(slots, m_limits.max_call_depth);
    const std::int64_t budget = options.fuel
                                    ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                                          *options.fuel, std::numeric_limits<std::int64_t>::max()))
                                    : std::numeric_limits<std::int64_t>::max();
    machine.fuel = budget;
    std::uint64_t* fp = machine.stack.get();
    for (std::size_t i = 0; i < args.size(); ++i) fp[i] = to_slot(args[i]);
    Result<void, Trap> done;
    if (func.instance == nullptr) {
        HostContext context(this, &machine.fuel);
        done = func.host(context, fp, fp);
    } else {
        done = detail::execute(machine, func, fp);
    }
    out.fuel_used = static_cast<std::uint64_t>(budget - std::max<std::int64_t>(machine.fuel, 0));
    if (!done) {
        out.trap = done.error();
        return out;
    }
    out.values.reserve(type.results.size());
    for (std::size_t i = 0; i < type.results.size(); ++i)
        out.values.push_back(from_slot(type.results[i], fp[i]));
    return out;
}

}  // namespace yunlian::wasm
