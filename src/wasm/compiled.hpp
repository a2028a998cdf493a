#pragma once
// The translated form of a validated module: one code array of 32-bit words per module, in which
// every instruction is an internal opcode followed by its operands. Operands name frame slots
// (params, then locals, then the operand stack, each 64 bits), immediates, and branch offsets
// relative to the instruction's first word. Branch targets and stack heights are resolved here,
// once.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "wasm/module.hpp"

namespace yunlian::wasm {

/// Fuel prices the embedder sets. They are baked into the translated code, per basic block.
struct CostTable {
    /// Price of each single-byte opcode (0x00-0xff).
    std::array<std::uint32_t, 256> base{};
    /// Price of each 0xfc-prefixed opcode (0-17).
    std::array<std::uint32_t, 18> prefixed{};
    /// Extra price per page that memory.grow adds, charged when it runs.
    std::uint64_t memory_grow_page = 1024;

    /// Every instruction costs 1, calls 5, memory.grow's pages 1024 each.
    static CostTable standard() noexcept;
    friend bool operator==(const CostTable&, const CostTable&) = default;
};

/// How a module is validated and translated.
struct CompileOptions {
    /// Reject every floating-point instruction and value type (for contracts).
    bool contract_profile = false;
    /// Charge fuel per basic block; off gives the same code without fuel checks.
    bool metering = true;
    CostTable costs = CostTable::standard();
    friend bool operator==(const CompileOptions&, const CompileOptions&) = default;
};

/// A call zeroes this many slots after the params with fixed stores when the function has at
/// most this many locals, so every frame has room for them (frame_slots >= params + this).
inline constexpr std::uint32_t kLocalsZeroedAtOnce = 4;

/// One translated function.
struct CompiledFunction {
    std::uint32_t type_id = 0;      // the engine's id of its signature
    std::uint32_t entry = 0;        // first word in CompiledModule::code
    std::uint32_t num_params = 0;   // slots 0 .. num_params-1
    std::uint32_t num_locals = 0;   // declared locals after the params, zeroed on entry
    std::uint32_t frame_slots = 0;  // params + locals + the deepest operand stack
    /// Direct calls charge the entry block's fuel themselves and start at `body`, after the
    /// entry's Fuel instruction (0 and `entry` when unmetered).
    std::uint32_t entry_fuel = 0;
    std::uint32_t body = 0;
};

/// A validated and translated module, immutable and shareable between instances.
struct CompiledModule {
    std::shared_ptr<const Module> module;
    std::vector<std::uint32_t> code;
    std::vector<CompiledFunction> functions;  // the module's own functions (not imports)
    std::vector<std::uint32_t> type_ids;      // engine type id of each module type index
    CompileOptions options;
};

}  // namespace yunlian::wasm
