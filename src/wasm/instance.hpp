#pragma once
// Runtime objects (spec 4.2): memories, tables, globals and functions, and the module instance that
// binds them. Instances of one engine may share imported objects; nothing else is shared.

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "wasm/compiled.hpp"
#include "wasm/error.hpp"
#include "wasm/module.hpp"
#include "wasm/value.hpp"

namespace yunlian::wasm {

constexpr std::uint64_t kPageSize = 65536;

/// A linear memory (spec 4.2.8). Every access is bounds-checked against size().
class MemoryInstance {
  public:
    /// A memory of `type`, which may never grow past `page_limit` pages (the embedder's cap).
    MemoryInstance(MemoryType type, std::uint32_t page_limit);

    [[nodiscard]] const MemoryType& type() const noexcept { return m_type; }
    [[nodiscard]] std::uint32_t pages() const noexcept { return m_pages; }
    [[nodiscard]] std::uint64_t size() const noexcept { return m_size; }
    [[nodiscard]] std::uint8_t* data() noexcept { return m_bytes.get(); }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return m_bytes.get(); }
    /// Grows by `delta` pages; returns the old page count, or -1 when the limit forbids it.
    std::int64_t grow(std::uint32_t delta);
    /// A checked view of `len` bytes at `offset`; empty when out of bounds.
    [[nodiscard]] std::optional<std::span<std::uint8_t>> view(std::uint64_t offset,
                                                              std::uint64_t len) noexcept;

  private:
    MemoryType m_type;
    std::uint32_t m_pages = 0;
    std::uint32_t m_limit = 0;
    struct Free {
        void operator()(std::uint8_t* p) const noexcept { std::free(p); }
    };
    // calloc'd: large memories start as untouched zero pages instead of being cleared by hand.
    std::unique_ptr<std::uint8_t, Free> m_bytes;
    std::uint64_t m_size = 0;
};

/// A table of references (spec 4.2.7): 0 is null, a funcref is a FunctionInstance address.
class TableInstance {
  public:
    TableInstance(TableType type, std::uint32_t size_limit, std::uint64_t init = 0);

    [[nodiscard]] const TableType& type() const noexcept { return m_type; }
    [[nodiscard]] std::uint32_t size() const noexcept {
        return static_cast<std::uint32_t>(m_elems.size());
    }
    [[nodiscard]] std::uint64_t* data() noexcept { return m_elems.data(); }
    /// Grows by `delta` entries set to `init`; returns the old size or -1.
    std::int64_t grow(std::uint32_t delta, std::uint64_t init);

  private:
    TableType m_type;
    std::uint32_t m_limit = 0;
    std::vector<std::uint64_t> m_elems;
};

/// A global variable (spec 4.2.9); the value is held as slot bits.
struct GlobalInstance {
    GlobalType type;
    std::uint64_t value = 0;
};

class Instance;
class HostContext;

/// A host function: reads its arguments from `args` and writes its results to `results` (slot
/// bits), or traps. `args` and `results` may overlap; read all arguments before writing.
using HostFunction = std::function<Result<void, Trap>(HostContext&, const std::uint64_t* args,
                                                      std::uint64_t* results)>;

/// A function (spec 4.2.6): a wasm function of an instance, or a host function.
struct FunctionInstance {
    FuncType type;
    std::uint32_t type_id = 0;
    Instance* instance = nullptr;            // null for host functions
    const CompiledFunction* code = nullptr;  // wasm functions only
    HostFunction host;                       // host functions only
};

/// One value an import is bound to, or an export yields (spec 4.2.12).
struct Extern {
    ExternKind kind = ExternKind::kFunc;
    std::shared_ptr<FunctionInstance> func;
    std::shared_ptr<TableInstance> table;
    std::shared_ptr<MemoryInstance> memory;
    std::shared_ptr<GlobalInstance> global;
    /// Keeps the exporting instance alive while an importer uses its functions.
    std::shared_ptr<Instance> owner;
};

/// Limits and budget of one call into the engine.
struct RunOptions {
    /// Fuel for this call; none runs unmetered (only honoured by code compiled with metering).
    std::optional<std::uint64_t> fuel;
};

/// What a call returned: its results, or the trap that stopped it, and the fuel it burned.
struct RunResult {
    std::vector<Value> values;
    std::optional<Trap> trap;
    std::uint64_t fuel_used = 0;
    [[nodiscard]] bool ok() const noexcept { return !trap.has_value(); }
};

/// Resource limits of the engine (the sandbox's walls).
struct EngineLimits {
    std::uint32_t max_call_depth = 10000;
    std::uint32_t max_value_stack_slots = 1U << 20;  // 8 MiB of 64-bit slots
    std::uint32_t max_memory_pages = 16384;          // 1 GiB
    std::uint32_t max_table_size = 1U << 20;
};

/// An instantiated module (spec 4.2.5). Not thread-safe; one thread runs an instance at a time.
class Instance {
  public:
    /// Calls the exported function `name` with `args` (types checked).
    RunResult invoke(std::string_view name, std::span<const Value> args,
                     const RunOptions& options = {});
    /// Calls `func` (of any instance of the same engine) with `args` (types checked).
    RunResult call(FunctionInstance& func, std::span<const Value> args,
                   const RunOptions& options = {});
    /// The export called `name`, if any.
    [[nodiscard]] std::optional<Extern> get_export(std::string_view name) const;
    /// Memory 0, if the module has one.
    [[nodiscard]] MemoryInstance* memory() const noexcept { return m_memory; }
    [[nodiscard]] const CompiledModule& compiled() const noexcept { return *m_compiled; }

    // The interpreter's view, filled by instantiation.
    std::shared_ptr<const CompiledModule> m_compiled;
    const std::uint32_t* m_code = nullptr;
    const CompiledFunction* m_code_funcs = nullptr;
    std::uint64_t m_grow_page_cost = 0;  // fuel per page of memory.grow (0 when unmetered)
    std::vector<FunctionInstance*> m_funcs;
    std::vector<TableInstance*> m_tables;
    MemoryInstance* m_memory = nullptr;
    std::vector<GlobalInstance*> m_globals;
    std::vector<std::vector<std::uint64_t>> m_elems;  // dropped segments are empty
    std::vector<BytesView> m_datas;                   // dropped segments are empty
    EngineLimits m_limits;
    std::weak_ptr<Instance> m_self;

    // Ownership of what the views point at (imports first, as in the index spaces).
    std::vector<std::shared_ptr<FunctionInstance>> m_func_objs;
    std::vector<std::shared_ptr<TableInstance>> m_table_objs;
    std::vector<std::shared_ptr<MemoryInstance>> m_memory_objs;
    std::vector<std::shared_ptr<GlobalInstance>> m_global_objs;
    std::vector<std::shared_ptr<Instance>> m_deps;  // instances whose exports this one imports
};

/// What a host function sees of its caller: the caller's memory and fuel.
class HostContext {
  public:
    HostContext(Instance* caller, std::int64_t* fuel) noexcept : m_caller(caller), m_fuel(fuel) {}
    /// The calling instance (null when called directly by the embedder).
    [[nodiscard]] Instance* caller() const noexcept { return m_caller; }
    /// The caller's memory 0, if any.
    [[nodiscard]] MemoryInstance* memory() const noexcept {
        return m_caller != nullptr ? m_caller->m_memory : nullptr;
    }
    /// Charges `amount` fuel; false (and nothing charged) when not enough is left.
    bool charge(std::uint64_t amount) noexcept;

  private:
    Instance* m_caller;
    std::int64_t* m_fuel;
};

}  // namespace yunlian::wasm
