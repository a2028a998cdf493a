// The dispatch loop: threaded code with GCC's labels-as-values (each handler jumps through the
// label table, indexed by the next instruction's opcode). Every handler reads its operand
// slots, writes its result slot and jumps to the next handler; there is no allocation and no native
// recursion. The simple handlers are in interpreter_ops.inc; the control, call, memory and
// table handlers are here.

#include "wasm/interpreter.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "wasm/numeric.hpp"
#include "wasm/ops.hpp"

namespace yunlian::wasm::detail {
namespace {

struct MemoryView {
    std::uint8_t* base = nullptr;
    std::uint64_t size = 0;
};

MemoryView view_of(const Instance* inst) noexcept {
    MemoryInstance* m = inst->m_memory;
    if (m == nullptr) return {};
    return {m->data(), m->size()};
}

// Zeroes a callee's declared locals (spec 4.4.10). Most functions have a few, and a library
// memset call costs more than the stores.
void zero_locals(std::uint64_t* locals, std::uint32_t n) noexcept {
    if (n <= kLocalsZeroedAtOnce) {
        // The frame has room for these (CompiledFunction::frame_slots); extra slots are the
        // callee's operand stack, which it writes before it reads.
        for (std::uint32_t i = 0; i < kLocalsZeroedAtOnce; ++i) locals[i] = 0;
        return;
    }
    std::memset(locals, 0, std::size_t{n} * 8);
}

bool in_bounds(std::uint64_t offset, std::uint64_t len, std::uint64_t size) noexcept {
    return offset + len <= size;
}

}  // namespace

// Labels-as-values is a GNU extension; it is the fastest portable dispatch GCC and clang offer.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

// Aligned to a cache line, so that the handlers' alignment, on which the loop's speed depends,
// does not move when code linked before the loop changes size (a 16-byte shift once cost one
// kernel 20%).
[[gnu::aligned(64)]] Result<void, Trap> execute(Machine& machine, FunctionInstance& func,
                                                std::uint64_t* args) {
    static const void* const kLabels[] = {
#include "wasm/interpreter_labels.inc"
    };
    static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<std::size_t>(Op::kCount));

    Trap trap = Trap::kUnreachable;
    // The frame stack as a pointer and its limit: a call compares and stores, nothing more.
    Frame* const frames = machine.frames.get();
    Frame* const frames_limit = frames + machine.max_depth;
    Frame* top = frames;
    std::uint64_t* const stack_end = machine.stack_end;
    std::int64_t fuel = machine.fuel;
    Instance* inst = nullptr;
    std::uint8_t* mem = nullptr;
    std::uint64_t mem_size = 0;
    const std::uint32_t* ip = nullptr;
    std::uint64_t* fp = nullptr;
    FunctionInstance* callee = &func;
    std::uint64_t* new_fp = args;
    const std::uint32_t* ret_ip = nullptr;
    MemoryView mv;
    goto enter;

enter : {
    if (callee->instance == nullptr) {
        machine.fuel = fuel;
        HostContext context(inst, &machine.fuel);
        auto done = callee->host(context, new_fp, new_fp);
        fuel = machine.fuel;
        if (!done) {
            trap = done.error();
            goto on_trap;
        }
        mv = view_of(inst);
        mem = mv.base;
        mem_size = mv.size;
        ip = ret_ip;
        goto* kLabels[*ip];
    }
    const CompiledFunction* cf = callee->code;
    if (top >= frames_limit) {
        trap = Trap::kCallStackExhausted;
        goto on_trap;
    }
    if (static_cast<std::uint64_t>(stack_end - new_fp) < cf->frame_slots) {
        trap = Trap::kValueStackExhausted;
        goto on_trap;
    }
    *top++ = {ret_ip, fp, inst};
    fp = new_fp;
    zero_locals(fp + cf->num_params, cf->num_locals);
    inst = callee->instance;
    mv = view_of(inst);
    mem = mv.base;
    mem_size = mv.size;
    ip = inst->m_code + cf->entry;
    goto* kLabels[*ip];
}

do_return : {
    const Frame& frame = *--top;
    if (top == frames) {
        machine.fuel = fuel;
        return {};
    }
    ip = frame.ret_ip;
    fp = frame.fp;
    if (frame.inst != inst) {
        // Another instance's code ran last (and may have grown a memory they share). Within one
        // instance the view is current: memory.grow refreshes it, and so does every return
        // from another instance.
        inst = frame.inst;
        mv = view_of(inst);
        mem = mv.base;
        mem_size = mv.size;
    }
    goto* kLabels[*ip];
}

out_of_fuel:
    trap = Trap::kOutOfFuel;
on_trap:
    machine.fuel = fuel;
    return Unexpected(trap);

L_Unreachable:
    trap = Trap::kUnreachable;
    goto on_trap;
L_Nop:
    ip += 1;
    goto* kLabels[*ip];
L_Fuel:  // (cost): the price of the basic block that starts here
    fuel -= static_cast<std::int64_t>(ip[1]);
    if (fuel < 0) {
        trap = Trap::kOutOfFuel;
        goto on_trap;
    }
    ip += 2;
    goto* kLabels[*ip];
L_Br:  // (rel)
    ip += static_cast<std::int32_t>(ip[1]);
    goto* kLabels[*ip];
L_BrIf:  // (cond, rel)
    ip += static_cast<std::uint32_t>(fp[ip[1]]) != 0 ? static_cast<std::int32_t>(ip[2]) : 3;
    goto* kLabels[*ip];
L_BrUnless:  // (cond, rel)
    ip += static_cast<std::uint32_t>(fp[ip[1]]) == 0 ? static_cast<std::int32_t>(ip[2]) : 3;
    goto* kLabels[*ip];
L_BrTable : {  // (index, count, [rel, n, src, dst] x count+1); rel 0 returns
    const std::uint32_t count = ip[2];
    const std::uint32_t index = std::min(static_cast<std::uint32_t>(fp[ip[1]]), count);
    const std::uint32_t* entry = ip + 3 + std::size_t{index} * 4;
    const std::uint32_t n = entry[1];
    if (entry[0] == 0) {
        std::memmove(fp, fp + entry[2], std::size_t{n} * 8);
        goto do_return;
    }
    if (n != 0) std::memmove(fp + entry[3], fp + entry[2], std::size_t{n} * 8);
    ip += static_cast<std::int32_t>(entry[0]);
    goto* kLabels[*ip];
}
L_Return:  // (n, src)
    std::memmove(fp, fp + ip[2], std::size_t{ip[1]} * 8);
    goto do_return;
L_Return0:
    goto do_return;
L_Return1:  // (src)
    fp[0] = fp[ip[1]];
    goto do_return;
L_ReturnI32Add:  // (a, b): returns the i32.add of two slots
    fp[0] = static_cast<std::uint32_t>(static_cast<std::uint32_t>(fp[ip[1]]) +
                                       static_cast<std::uint32_t>(fp[ip[2]]));
    goto do_return;
// The metered branches: every successor starts with `Fuel [cost]`; pay it here and skip it, so a
// loop iteration or a taken branch costs one dispatch fewer. The charge is the same as the Fuel's.
L_BrMetered : {  // (rel)
    const std::uint32_t* next = ip + static_cast<std::int32_t>(ip[1]);
    fuel -= static_cast<std::int64_t>(next[1]);
    if (fuel < 0) goto out_of_fuel;
    ip = next + 2;
    goto* kLabels[*ip];
}
L_BrIfMetered : {  // (cond, rel)
    const std::uint32_t* next =
        static_cast<std::uint32_t>(fp[ip[1]]) != 0 ? ip + static_cast<std::int32_t>(ip[2]) : ip + 3;
    fuel -= static_cast<std::int64_t>(next[1]);
    if (fuel < 0) goto out_of_fuel;
    ip = next + 2;
    goto* kLabels[*ip];
}
L_BrUnlessMetered : {  // (cond, rel)
    const std::uint32_t* next =
        static_cast<std::uint32_t>(fp[ip[1]]) == 0 ? ip + static_cast<std::int32_t>(ip[2]) : ip + 3;
    fuel -= static_cast<std::int64_t>(next[1]);
    if (fuel < 0) goto out_of_fuel;
    ip = next + 2;
    goto* kLabels[*ip];
}
L_BrTableMetered : {  // as BrTable; a target that is not a return pays its Fuel
    const std::uint32_t count = ip[2];
    const std::uint32_t index = std::min(static_cast<std::uint32_t>(fp[ip[1]]), count);
    const std::uint32_t* entry = ip + 3 + std::size_t{index} * 4;
    const std::uint32_t n = entry[1];
    if (entry[0] == 0) {
        std::memmove(fp, fp + entry[2], std::size_t{n} * 8);
        goto do_return;
    }
    if (n != 0) std::memmove(fp + entry[3], fp + entry[2], std::size_t{n} * 8);
    const std::uint32_t* next = ip + static_cast<std::int32_t>(entry[0]);
    fuel -= static_cast<std::int64_t>(next[1]);
    if (fuel < 0) goto out_of_fuel;
    ip = next + 2;
    goto* kLabels[*ip];
}
L_Call : {  // (function, arg slot, body, frame slots, entry fuel, params, locals): within the
            // instance; the callee's numbers are copied into the call after translation, so
            // the call reads them from the line it is already on
    std::uint64_t* const callee_fp = fp + ip[2];
    if (top >= frames_limit) {
        trap = Trap::kCallStackExhausted;
        goto on_trap;
    }
    if (static_cast<std::uint64_t>(stack_end - callee_fp) < ip[4]) {
        trap = Trap::kValueStackExhausted;
        goto on_trap;
    }
    // The callee's entry block is paid here, saving its Fuel dispatch.
    fuel -= static_cast<std::int64_t>(ip[5]);
    if (fuel < 0) {
        trap = Trap::kOutOfFuel;
        goto on_trap;
    }
    *top++ = {ip + 8, fp, inst};
    fp = callee_fp;
    zero_locals(fp + ip[6], ip[7]);
    ip = inst->m_code + ip[3];
    goto* kLabels[*ip];
}
L_CallAddImm : {  // (as Call, then x, imm, dst): an i32.add of a constant (usually the
                  // argument), then the call
    fp[ip[10]] = static_cast<std::uint32_t>(static_cast<std::uint32_t>(fp[ip[8]]) + ip[9]);
    std::uint64_t* const callee_fp = fp + ip[2];
    if (top >= frames_limit) {
        trap = Trap::kCallStackExhausted;
        goto on_trap;
    }
    if (static_cast<std::uint64_t>(stack_end - callee_fp) < ip[4]) {
        trap = Trap::kValueStackExhausted;
        goto on_trap;
    }
    fuel -= static_cast<std::int64_t>(ip[5]);
    if (fuel < 0) {
        trap = Trap::kOutOfFuel;
        goto on_trap;
    }
    *top++ = {ip + 11, fp, inst};
    fp = callee_fp;
    zero_locals(fp + ip[6], ip[7]);
    ip = inst->m_code + ip[3];
    goto* kLabels[*ip];
}
L_CallImport:  // (function index, arg slot)
    callee = inst->m_funcs[ip[1]];
    new_fp = fp + ip[2];
    ret_ip = ip + 3;
    goto enter;
L_CallIndirect : {  // (type id, table, index slot, arg slot)
    TableInstance* table = inst->m_tables[ip[2]];
    const auto index = static_cast<std::uint32_t>(fp[ip[3]]);
    if (index >= table->size()) {
        trap = Trap::kUndefinedElement;
        goto on_trap;
    }
    const std::uint64_t ref = table->data()[index];
    if (ref == 0) {
        trap = Trap::kUninitializedElement;
        goto on_trap;
    }
    callee = reinterpret_cast<FunctionInstance*>(ref);
    if (callee->type_id != ip[1]) {
        trap = Trap::kIndirectCallTypeMismatch;
        goto on_trap;
    }
    new_fp = fp + ip[4];
    ret_ip = ip + 5;
    goto enter;
}
L_Copy:  // (src, dst)
    fp[ip[2]] = fp[ip[1]];
    ip += 3;
    goto* kLabels[*ip];
L_Copy2:  // (src, dst, src2, dst2): two copies, in order
    fp[ip[2]] = fp[ip[1]];
    fp[ip[4]] = fp[ip[3]];
    ip += 5;
    goto* kLabels[*ip];
L_Copy3:  // (src, dst, src2, dst2, src3, dst3): three copies, in order
    fp[ip[2]] = fp[ip[1]];
    fp[ip[4]] = fp[ip[3]];
    fp[ip[6]] = fp[ip[5]];
    ip += 7;
    goto* kLabels[*ip];
L_Const32:  // (imm, dst)
    fp[ip[2]] = ip[1];
    ip += 3;
    goto* kLabels[*ip];
L_Const64:  // (low, high, dst)
    fp[ip[3]] = ip[1] | (std::uint64_t{ip[2]} << 32);
    ip += 4;
    goto* kLabels[*ip];
L_Select:  // (cond, a, b, dst)
    fp[ip[4]] = static_cast<std::uint32_t>(fp[ip[1]]) != 0 ? fp[ip[2]] : fp[ip[3]];
    ip += 5;
    goto* kLabels[*ip];
L_GlobalGet:  // (global, dst)
    fp[ip[2]] = inst->m_globals[ip[1]]->value;
    ip += 3;
    goto* kLabels[*ip];
L_GlobalSet:  // (global, src)
    inst->m_globals[ip[1]]->value = fp[ip[2]];
    ip += 3;
    goto* kLabels[*ip];
L_MemorySize:  // (dst)
    fp[ip[1]] = inst->m_memory->pages();
    ip += 2;
    goto* kLabels[*ip];
L_MemoryGrow : {  // (delta, dst); pays per page requested (the cost table's memory_grow_page)
    const auto delta = static_cast<std::uint32_t>(fp[ip[1]]);
    const std::uint64_t price = inst->m_grow_page_cost * delta;
    if (price > static_cast<std::uint64_t>(std::max<std::int64_t>(fuel, 0))) {
        fuel = -1;
        trap = Trap::kOutOfFuel;
        goto on_trap;
    }
    fuel -= static_cast<std::int64_t>(price);
    fp[ip[2]] = static_cast<std::uint32_t>(inst->m_memory->grow(delta));
    mv = view_of(inst);
    mem = mv.base;
    mem_size = mv.size;
    ip += 3;
    goto* kLabels[*ip];
}
L_MemoryFill : {  // (dst, value, n)
    const auto d = static_cast<std::uint32_t>(fp[ip[1]]);
    const auto n = static_cast<std::uint32_t>(fp[ip[3]]);
    if (!in_bounds(d, n, mem_size)) {
        trap = Trap::kMemoryOutOfBounds;
        goto on_trap;
    }
    std::memset(mem + d, static_cast<std::uint8_t>(fp[ip[2]]), n);
    ip += 4;
    goto* kLabels[*ip];
}
L_MemoryCopy : {  // (dst, src, n)
    const auto d = static_cast<std::uint32_t>(fp[ip[1]]);
    const auto s = static_cast<std::uint32_t>(fp[ip[2]]);
    const auto n = static_cast<std::uint32_t>(fp[ip[3]]);
    if (!in_bounds(d, n, mem_size) || !in_bounds(s, n, mem_size)) {
        trap = Trap::kMemoryOutOfBounds;
        goto on_trap;
    }
    std::memmove(mem + d, mem + s, n);
    ip += 4;
    goto* kLabels[*ip];
}
L_MemoryInit : {  // (segment, dst, src, n)
    const BytesView data = inst->m_datas[ip[1]];
    const auto d = static_cast<std::uint32_t>(fp[ip[2]]);
    const auto s = static_cast<std::uint32_t>(fp[ip[3]]);
    const auto n = static_cast<std::uint32_t>(fp[ip[4]]);
    if (!in_bounds(d, n, mem_size) || !in_bounds(s, n, data.size())) {
        trap = Trap::kMemoryOutOfBounds;
        goto on_trap;
    }
    if (n != 0) std::memcpy(mem + d, data.data() + s, n);
    ip += 5;
    goto* kLabels[*ip];
}
L_DataDrop:  // (segment)
    inst->m_datas[ip[1]] = {};
    ip += 2;
    goto* kLabels[*ip];
L_TableGet : {  // (table, index, dst)
    TableInstance* table = inst->m_tables[ip[1]];
    const auto i = static_cast<std::uint32_t>(fp[ip[2]]);
    if (i >= table->size()) {
        trap = Trap::kTableOutOfBounds;
        goto on_trap;
    }
    fp[ip[3]] = table->data()[i];
    ip += 4;
    goto* kLabels[*ip];
}
L_TableSet : {  // (table, index, value)
    TableInstance* table = inst->m_tables[ip[1]];
    const auto i = static_cast<std::uint32_t>(fp[ip[2]]);
    if (i >= table->size()) {
        trap = Trap::kTableOutOfBounds;
        goto on_trap;
    }
    table->data()[i] = fp[ip[3]];
    ip += 4;
    goto* kLabels[*ip];
}
L_TableSize:  // (table, dst)
    fp[ip[2]] = inst->m_tables[ip[1]]->size();
    ip += 3;
    goto* kLabels[*ip];
L_TableGrow : {  // (table, init, n, dst)
    TableInstance* table = inst->m_tables[ip[1]];
    const std::uint64_t init = fp[ip[2]];
    const auto n = static_cast<std::uint32_t>(fp[ip[3]]);
    fp[ip[4]] = static_cast<std::uint32_t>(table->grow(n, init));
    ip += 5;
    goto* kLabels[*ip];
}
L_TableFill : {  // (table, index, value, n)
    TableInstance* table = inst->m_tables[ip[1]];
    const auto i = static_cast<std::uint32_t>(fp[ip[2]]);
    const std::uint64_t value = fp[ip[3]];
    const auto n = static_cast<std::uint32_t>(fp[ip[4]]);
    if (!in_bounds(i, n, table->size())) {
        trap = Trap::kTableOutOfBounds;
        goto on_trap;
    }
    std::fill_n(table->data() + i, n, value);
    ip += 5;
    goto* kLabels[*ip];
}
L_TableCopy : {  // (dst table, src table, dst, src, n)
    TableInstance* dt = inst->m_tables[ip[1]];
    TableInstance* st = inst->m_tables[ip[2]];
    const auto d = static_cast<std::uint32_t>(fp[ip[3]]);
    const auto s = static_cast<std::uint32_t>(fp[ip[4]]);
    const auto n = static_cast<std::uint32_t>(fp[ip[5]]);
    if (!in_bounds(d, n, dt->size()) || !in_bounds(s, n, st->size())) {
        trap = Trap::kTableOutOfBounds;
        goto on_trap;
    }
    if (n != 0) std::memmove(dt->data() + d, st->data() + s, std::size_t{n} * 8);
    ip += 6;
    goto* kLabels[*ip];
}
L_TableInit : {  // (table, segment, dst, src, n)
    TableInstance* table = inst->m_tables[ip[1]];
    const auto& elems = inst->m_elems[ip[2]];
    const auto d = static_cast<std::uint32_t>(fp[ip[3]]);
    const auto s = static_cast<std::uint32_t>(fp[ip[4]]);
    const auto n = static_cast<std::uint32_t>(fp[ip[5]]);
    if (!in_bounds(d, n, table->size()) || !in_bounds(s, n, elems.size())) {
        trap = Trap::kTableOutOfBounds;
        goto on_trap;
    }
    if (n != 0) std::memcpy(table->data() + d, elems.data() + s, std::size_t{n} * 8);
    ip += 6;
    goto* kLabels[*ip];
}
L_ElemDrop:  // (segment)
    inst->m_elems[ip[1]].clear();
    ip += 2;
    goto* kLabels[*ip];
L_RefIsNull:  // (src, dst)
    fp[ip[2]] = fp[ip[1]] == 0 ? 1 : 0;
    ip += 3;
    goto* kLabels[*ip];
L_RefFunc:  // (function index, dst)
    fp[ip[2]] = reinterpret_cast<std::uint64_t>(inst->m_funcs[ip[1]]);
    ip += 3;
    goto* kLabels[*ip];

#include "wasm/interpreter_ops.inc"
}

#pragma GCC diagnostic pop

}  // namespace yunlian::wasm::detail
