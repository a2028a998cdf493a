// The instructions of a function body, grouped as in spec 3.3 (validation) and 5.4 (binary).

#include <array>

#include "common/endian.hpp"
#include "wasm/function_compiler.hpp"
#include "wasm/op_table.hpp"

namespace yunlian::wasm::detail {
namespace {

constexpr std::size_t kSimpleCodes = 0x108;

// Position of each simple opcode in kSimpleOps, or -1.
constexpr auto kSimpleIndex = [] {
    std::array<std::int16_t, kSimpleCodes> index{};
    index.fill(-1);
    for (std::size_t i = 0; i < std::size(kSimpleOps); ++i)
        index[kSimpleOps[i].code] = static_cast<std::int16_t>(i);
    return index;
}();

bool is_float(ValType t) noexcept { return t == ValType::kF32 || t == ValType::kF64; }

}  // namespace

Result<void, Error> FunctionCompiler::require_memory() const {
    if (m_module.memories.empty()) return Unexpected(Error::kUnknownMemory);
    return {};
}

Result<void, Error> FunctionCompiler::require_float() const {
    if (m_options.contract_profile) return Unexpected(Error::kFloatInContract);
    return {};
}

Result<void, Error> FunctionCompiler::instruction(Reader& r, std::uint8_t opcode) {
    switch (opcode) {
        case 0x00:  // unreachable
            emit(Op::kUnreachable, {}, false);
            set_unreachable();
            return {};
        case 0x01:
            return {};  // nop
        case 0x02:
        case 0x03: {  // block, loop
            auto sig = block_sig(r);
            if (!sig) return Unexpected(sig.error());
            const bool loop = opcode == 0x03;
            if (auto ok = push_ctrl(loop ? CtrlKind::kLoop : CtrlKind::kBlock, *sig); !ok)
                return ok;
            if (loop) {
                m_entry_region = false;  // a back edge joins here
                m_ctrls.back().loop_pos = begin_segment(true);
            }
            forget_last();
            return {};
        }
        case 0x04: {  // if
            auto sig = block_sig(r);
            if (!sig) return Unexpected(sig.error());
            auto cond = pop(ValType::kI32);
            if (!cond) return Unexpected(cond.error());
            if (auto ok = push_ctrl(CtrlKind::kIf, *sig); !ok) return ok;
            if (live()) {
                const auto [start, operand] = emit_cond_branch(*cond, false);
                m_ctrls.back().else_fixup = start;
                m_ctrls.back().else_operand = operand;
            }
            begin_segment();
            return {};
        }
        case 0x05:
            return else_block();
        case 0x0b:
            return end_block();
        case 0x0c:
        case 0x0d: {  // br, br_if
            auto depth = r.u32();
            if (!depth) return Unexpected(depth.error());
            return opcode == 0x0c ? branch(*depth) : branch_if(*depth);
        }
        case 0x0e:
            return branch_table(r);
        case 0x0f:
            return do_return();
        case 0x10:
            return call(r);
        case 0x11:
            return call_indirect(r);
        case 0x1a: {  // drop
            auto v = pop_any();
            if (!v) return Unexpected(v.error());
            return {};
        }
        case 0x1b:
            return select(r, false);
        case 0x1c:
            return select(r, true);
        case 0x20:
        case 0x21:
        case 0x22:
            return local_op(r, opcode);
        case 0x23:
        case 0x24:
            return global_op(r, opcode);
        case 0x25:
            return table_op(r, 0x25);
        case 0x26:
            return table_op(r, 0x26);
        case 0x3f:
        case 0x40: {  // memory.size, memory.grow
            auto zero = r.u8();
            if (!zero) return Unexpected(zero.error());
            if (*zero != 0) return Unexpected(Error::kZeroByteExpected);
            if (auto ok = require_memory(); !ok) return ok;
            if (opcode == 0x3f) {
                const std::uint32_t dst = home(m_stack.size());
                emit(Op::kMemorySize, {dst}, true);
                push(ValType::kI32);
                return {};
            }
            auto delta = pop(ValType::kI32);
            if (!delta) return Unexpected(delta.error());
            const std::uint32_t dst = home(m_stack.size());
            emit(Op::kMemoryGrow, {slot_of(*delta), dst}, true);
            push(ValType::kI32);
            return {};
        }
        case 0x41:
        case 0x42:
        case 0x43:
        case 0x44:
            return constant(r, opcode);
        case 0xbc:
        case 0xbd:
        case 0xbe:
        case 0xbf: {  // reinterpretations change the type, never the bits
            if (auto ok = require_float(); !ok) return ok;
            static constexpr ValType kFrom[] = {ValType::kF32, ValType::kF64, ValType::kI32,
                                                ValType::kI64};
            static constexpr ValType kTo[] = {ValType::kI32, ValType::kI64, ValType::kF32,
                                              ValType::kF64};
            auto v = pop(kFrom[opcode - 0xbc]);
            if (!v) return Unexpected(v.error());
            Operand out = *v;
            out.type = kTo[opcode - 0xbc];
            push_operand(out);
            return {};
        }
        case 0xd0:
        case 0xd1:
        case 0xd2:
            return ref_op(r, opcode);
        case 0xfc:
            return prefixed(r);
        default:
            if (opcode >= 0x28 && opcode <= 0x3e) return memory_access(r, opcode);
            if (opcode >= 0x45 && opcode <= 0xc4) return simple(opcode);
            return Unexpected(Error::kIllegalOpcode);
    }
}

Result<void, Error> FunctionCompiler::prefixed(Reader& r) {
    auto sub = r.u32();
    if (!sub) return Unexpected(sub.error());
    if (*sub >= m_options.costs.prefixed.size()) return Unexpected(Error::kIllegalOpcode);
    if (live()) charge(m_options.costs.prefixed[*sub]);
    if (*sub <= 7) return simple(static_cast<std::uint16_t>(0x100 + *sub));
    if (*sub <= 11) return memory_bulk(r, *sub);
    return table_op(r, *sub);
}

Result<void, Error> FunctionCompiler::simple(std::uint16_t code) {
    const std::int16_t index = kSimpleIndex[code];
    if (index < 0) return Unexpected(Error::kIllegalOpcode);
    const SimpleOp& s = kSimpleOps[static_cast<std::size_t>(index)];
    if (is_float(s.a) || is_float(s.b) || is_float(s.out)) {
        if (auto ok = require_float(); !ok) return ok;
    }
    if (s.b == kNoType) {
        auto a = pop(s.a);
        if (!a) return Unexpected(a.error());
        const std::uint32_t dst = home(m_stack.size());
        if (live()) emit(s.op, {slot_of(*a), dst}, true);
        push(s.out);
        return {};
    }
    auto b = pop(s.b);
    if (!b) return Unexpected(b.error());
    auto a = pop(s.a);
    if (!a) return Unexpected(a.error());
    const std::uint32_t dst = home(m_stack.size());
    if (live()) {
        const auto imm = static_cast<std::int64_t>(b->value);
        const bool fits = s.b == ValType::kI32 || (imm >= INT32_MIN && imm <= INT32_MAX);
        if (b->kind == OperandKind::kConst && s.imm_op != Op::kCount && fits) {
            if (!fuse_imm_pair(s.imm_op, *a, static_cast<std::uint32_t>(b->value), dst))
                emit(s.imm_op, {slot_of(*a), static_cast<std::uint32_t>(b->value), dst}, true);
        } else if ((a->kind != OperandKind::kHome || b->kind != OperandKind::kHome ||
                    !fuse_mul_loads(s.op, a->slot, b->slot, dst)) &&
                   !fuse_add_chain(s.op, *a, *b, dst) && !fuse_bitwise(s.op, *a, *b, dst)) {
            const std::uint32_t sa = slot_of(*a);
            const std::uint32_t sb = slot_of(*b);
            emit(s.op, {sa, sb, dst}, true);
        }
    }
    push(s.out);
    return {};
}

Result<void, Error> FunctionCompiler::memory_access(Reader& r, std::uint8_t opcode) {
    const MemoryOp* mop = nullptr;
    for (const MemoryOp& m : kMemoryOps) {
        if (m.code == opcode) mop = &m;
    }
    if (mop == nullptr) return Unexpected(Error::kIllegalOpcode);
    auto offset = memarg(r, mop->align);
    if (!offset) return Unexpected(offset.error());
    if (is_float(mop->type)) {
        if (auto ok = require_float(); !ok) return ok;
    }
    if (opcode <= 0x35) {
        auto addr = pop(ValType::kI32);
        if (!addr) return Unexpected(addr.error());
        const std::uint32_t dst = home(m_stack.size());
        std::uint32_t base = 0;
        std::uint32_t imm = 0;
        if (live() && take_add_imm(*addr, base, imm)) {
            emit(mop->add_imm_op, {base, imm, *offset, dst}, true);
        } else if (live() && mop->op == Op::kI32Load && take_add(*addr, base, imm)) {
            emit(Op::kI32LoadAdd, {base, imm, *offset, dst}, true);
        } else if (live()) {
            emit(mop->op, {slot_of(*addr), *offset, dst}, true);
        }
        push(mop->type);
        return {};
    }
    auto value = pop(mop->type);
    if (!value) return Unexpected(value.error());
    auto addr = pop(ValType::kI32);
    if (!addr) return Unexpected(addr.error());
    if (live()) {
        std::uint32_t base = 0;
        std::uint32_t imm = 0;
        if (take_add_imm(*addr, base, imm)) {
            emit(mop->add_imm_op, {base, imm, slot_of(*value), *offset}, false);
        } else {
            const std::uint32_t sa = slot_of(*addr);
            const std::uint32_t sv = slot_of(*value);
            emit(mop->op, {sa, sv, *offset}, false);
        }
    }
    return {};
}

bool FunctionCompiler::take_add(const Operand& addr, std::uint32_t& a, std::uint32_t& b) {
    // The address was just computed by an i32.add of two slots into a temporary.
    if (addr.kind != OperandKind::kHome || m_last_start == kNone || m_last_op != Op::kI32Add ||
        m_code.size() != m_last_start + 4 || m_code.back() != addr.slot)
        return false;
    a = m_code[m_last_start + 1];
    b = m_code[m_last_start + 2];
    truncate(m_last_start);
    return true;
}

bool FunctionCompiler::take_add_imm(const Operand& addr, std::uint32_t& base, std::uint32_t& imm) {
    // The address was just computed by i32.add of a constant: fold it into the access (the add
    // still wraps at 32 bits before the offset is added, as spec 4.4.7 requires).
    if (addr.kind != OperandKind::kHome || m_last_start == kNone || m_last_op != Op::kI32AddImm ||
        m_code.size() != m_last_start + 4 || m_code.back() != addr.slot)
        return false;
    base = m_code[m_last_start + 1];
    imm = m_code[m_last_start + 2];
    truncate(m_last_start);
    forget_last();
    return true;
}

Result<void, Error> FunctionCompiler::local_op(Reader& r, std::uint8_t opcode) {
    auto index = r.u32();
    if (!index) return Unexpected(index.error());
    if (*index >= m_locals.size()) return Unexpected(Error::kUnknownLocal);
    const std::uint32_t x = *index;
    const ValType type = m_locals[x];
    if (opcode == 0x20) {
        push_operand({type, OperandKind::kLocal, x, 0});
        return {};
    }
    auto value = pop(type);
    if (!value) return Unexpected(value.error());
    const bool tee = opcode == 0x22;
    if (!live()) {
        if (tee) push(type);
        return {};
    }
    // Declared locals start at zero (spec 4.4.10); storing a zero constant into one that nothing
    // wrote yet, before any join, is a no-op. Compilers emit this at function entry.
    const bool still_zero = m_entry_region && m_zero_locals[x] != 0;
    m_zero_locals[x] = 0;
    if (still_zero && value->kind == OperandKind::kConst && value->value == 0) {
        m_zero_locals[x] = 1;
        if (tee) push_operand(*value);
        return {};
    }
    bool referenced = false;
    for (std::uint32_t pos : m_virtual) {
        if (pos < m_stack.size() && m_stack[pos].kind == OperandKind::kLocal &&
            m_stack[pos].slot == x)
            referenced = true;
    }
    // Peephole: the instruction that produced the value writes the local directly.
    if (value->kind == OperandKind::kHome && !referenced && m_last_start != kNone &&
        m_code.size() == m_last_start + 1 + kOpWords[static_cast<std::size_t>(m_last_op)] &&
        m_code.back() == value->slot) {
        m_code.back() = x;
        forget_last();
        if (tee) push_operand({type, OperandKind::kLocal, x, 0});
        return {};
    }
    materialize_locals(x);
    if (value->kind == OperandKind::kConst) {
        Operand c = *value;
        c.slot = x;
        slot_of(c);
    } else if (value->slot != x) {
        emit(Op::kCopy, {value->slot, x}, false);
    }
    forget_last();
    if (tee) push_operand(*value);
    return {};
}

Result<void, Error> FunctionCompiler::global_op(Reader& r, std::uint8_t opcode) {
    auto index = r.u32();
    if (!index) return Unexpected(index.error());
    if (*index >= m_module.globals.size()) return Unexpected(Error::kUnknownGlobal);
    const GlobalType& g = m_module.globals[*index].type;
    if (opcode == 0x23) {
        const std::uint32_t dst = home(m_stack.size());
        emit(Op::kGlobalGet, {*index, dst}, true);
        push(g.type);
        return {};
    }
    if (!g.is_mutable) return Unexpected(Error::kImmutableGlobal);
    auto value = pop(g.type);
    if (!value) return Unexpected(value.error());
    if (live()) emit(Op::kGlobalSet, {*index, slot_of(*value)}, false);
    return {};
}

Result<void, Error> FunctionCompiler::emit_call(Op op, std::uint32_t index, const FuncType& type,
                                                std::span<const std::uint32_t> extra) {
    if (auto ok = check_top(type.params); !ok) return ok;
    const std::size_t np = type.params.size();
    materialize_top(np);
    const std::size_t available = m_stack.size() - m_ctrls.back().height;
    m_stack.resize(m_stack.size() - std::min(np, available));
    const std::uint32_t arg_slot = home(m_stack.size());
    if (live()) {
        if (op == Op::kCall) {
            // The callee's body, frame size, entry fuel, params and locals are filled in by
            // link_calls() once every function is translated.
            const std::uint32_t add = m_starts.empty() ? kNone : m_starts.back();
            if (add != kNone && add + 4 == m_code.size() &&
                static_cast<Op>(m_code[add]) == Op::kI32AddImm) {
                // The i32.add of a constant just before (an argument like n - 1) runs first
                // inside the call; the call's own operands keep their places.
                const std::array<std::uint32_t, 3> step{m_code[add + 1], m_code[add + 2],
                                                        m_code[add + 3]};
                truncate(add);
                m_call_sites.push_back(
                    emit(Op::kCallAddImm,
                         {index, arg_slot, 0, 0, 0, 0, 0, step[0], step[1], step[2]}, false));
            } else {
                m_call_sites.push_back(emit(op, {index, arg_slot, 0, 0, 0, 0, 0}, false));
            }
        } else if (extra.empty()) {
            emit(op, {index, arg_slot}, false);
        } else {
            emit(op, {index, extra[0], extra[1], arg_slot}, false);
        }
    }
    for (ValType t : type.results) push(t);
    // A callee may need more slots for its results than the caller has pushed.
    forget_last();
    return {};
}

Result<void, Error> FunctionCompiler::call(Reader& r) {
    auto index = r.u32();
    if (!index) return Unexpected(index.error());
    if (*index >= m_module.func_types.size()) return Unexpected(Error::kUnknownFunction);
    const FuncType& type = m_module.types[m_module.func_types[*index]];
    if (*index < m_module.num_imported_funcs) return emit_call(Op::kCallImport, *index, type, {});
    return emit_call(Op::kCall, *index - m_module.num_imported_funcs, type, {});
}

Result<void, Error> FunctionCompiler::call_indirect(Reader& r) {
    auto type_index = r.u32();
    if (!type_index) return Unexpected(type_index.error());
    auto table = r.u32();
    if (!table) return Unexpected(table.error());
    if (*table >= m_module.tables.size()) return Unexpected(Error::kUnknownTable);
    if (*type_index >= m_module.types.size()) return Unexpected(Error::kUnknownType);
    if (m_module.tables[*table].elem != ValType::kFuncRef) return Unexpected(Error::kTypeMismatch);
    auto index = pop(ValType::kI32);
    if (!index) return Unexpected(index.error());
    const std::uint32_t idx = live() ? slot_of(*index) : 0;
    const std::uint32_t extra[] = {*table, idx};
    return emit_call(Op::kCallIndirect, m_type_ids[*type_index], m_module.types[*type_index],
                     extra);
}

Result<void, Error> FunctionCompiler::select(Reader& r, bool typed) {
    ValType type = kNoType;
    if (typed) {
        auto n = r.u32();
        if (!n) return Unexpected(n.error());
        if (*n != 1) return Unexpected(Error::kTypeMismatch);
        auto t = r.u8();
        if (!t) return Unexpected(t.error());
        switch (*t) {
            case 0x7f:
            case 0x7e:
            case 0x7d:
            case 0x7c:
            case 0x70:
            case 0x6f:
                type = static_cast<ValType>(*t);
                break;
            default:
                return Unexpected(Error::kMalformedValueType);
        }
        if (is_float(type)) {
            if (auto ok = require_float(); !ok) return ok;
        }
    }
    auto cond = pop(ValType::kI32);
    if (!cond) return Unexpected(cond.error());
    auto b = pop(type);
    if (!b) return Unexpected(b.error());
    auto a = pop(type);
    if (!a) return Unexpected(a.error());
    if (!typed) {
        if (is_ref(a->type) || is_ref(b->type)) return Unexpected(Error::kTypeMismatch);
        if (a->type != kNoType && b->type != kNoType && a->type != b->type)
            return Unexpected(Error::kTypeMismatch);
        type = a->type != kNoType ? a->type : b->type;
    }
    const std::uint32_t dst = home(m_stack.size());
    if (live()) {
        const std::uint32_t sa = slot_of(*a);
        const std::uint32_t sb = slot_of(*b);
        const std::uint32_t sc = slot_of(*cond);
        emit(Op::kSelect, {sc, sa, sb, dst}, true);
    }
    push(type);
    return {};
}

Result<void, Error> FunctionCompiler::constant(Reader& r, std::uint8_t opcode) {
    Operand op{ValType::kI32, OperandKind::kConst, 0, 0};
    switch (opcode) {
        case 0x41: {
            auto v = r.sleb(32);
            if (!v) return Unexpected(v.error());
            op.value = static_cast<std::uint32_t>(static_cast<std::int32_t>(*v));
            break;
        }
        case 0x42: {
            auto v = r.sleb(64);
            if (!v) return Unexpected(v.error());
            op.type = ValType::kI64;
            op.value = static_cast<std::uint64_t>(*v);
            break;
        }
        case 0x43: {
            auto v = r.take(4);
            if (!v) return Unexpected(v.error());
            if (auto ok = require_float(); !ok) return ok;
            op.type = ValType::kF32;
            op.value = load_le32(v->data());
            break;
        }
        default: {
            auto v = r.take(8);
            if (!v) return Unexpected(v.error());
            if (auto ok = require_float(); !ok) return ok;
            op.type = ValType::kF64;
            op.value = load_le64(v->data());
            break;
        }
    }
    push_operand(op);
    return {};
}

Result<void, Error> FunctionCompiler::ref_op(Reader& r, std::uint8_t opcode) {
    if (opcode == 0xd0) {
        auto t = r.u8();
        if (!t) return Unexpected(t.error());
        if (*t != 0x70 && *t != 0x6f) return Unexpected(Error::kMalformedReferenceType);
        push_operand({static_cast<ValType>(*t), OperandKind::kConst, 0, 0});
        return {};
    }
    if (opcode == 0xd1) {
        auto v = pop_any();
        if (!v) return Unexpected(v.error());
        if (v->type != kNoType && !is_ref(v->type)) return Unexpected(Error::kTypeMismatch);
        const std::uint32_t dst = home(m_stack.size());
        if (live()) emit(Op::kRefIsNull, {slot_of(*v), dst}, true);
        push(ValType::kI32);
        return {};
    }
    auto index = r.u32();
    if (!index) return Unexpected(index.error());
    if (*index >= m_module.func_types.size()) return Unexpected(Error::kUnknownFunction);
    if (!m_module.declared_refs[*index]) return Unexpected(Error::kUndeclaredFunctionReference);
    const std::uint32_t dst = home(m_stack.size());
    emit(Op::kRefFunc, {*index, dst}, true);
    push(ValType::kFuncRef);
    return {};
}

Result<void, Error> FunctionCompiler::table_op(Reader& r, std::uint32_t sub) {
    std::uint32_t seg = 0;
    if (sub == 12 || sub == 13) {
        auto s = r.u32();
        if (!s) return Unexpected(s.error());
        seg = *s;
        if (sub == 13) {
            if (seg >= m_module.elems.size()) return Unexpected(Error::kUnknownElemSegment);
            emit(Op::kElemDrop, {seg}, false);
            return {};
        }
    }
    auto t = r.u32();
    if (!t) return Unexpected(t.error());
    const std::uint32_t table = *t;
    if (table >= m_module.tables.size()) return Unexpected(Error::kUnknownTable);
    const ValType elem = m_module.tables[table].elem;
    const std::uint32_t dst = home(m_stack.size());
    switch (sub) {
        case 0x25: {  // table.get
            auto i = pop(ValType::kI32);
            if (!i) return Unexpected(i.error());
            const std::uint32_t d = home(m_stack.size());
            if (live()) emit(Op::kTableGet, {table, slot_of(*i), d}, true);
            push(elem);
            return {};
        }
        case 0x26: {  // table.set
            auto v = pop(elem);
            if (!v) return Unexpected(v.error());
            auto i = pop(ValType::kI32);
            if (!i) return Unexpected(i.error());
            if (live()) {
                const std::uint32_t si = slot_of(*i);
                emit(Op::kTableSet, {table, si, slot_of(*v)}, false);
            }
            return {};
        }
        case 12: {  // table.init
            if (seg >= m_module.elems.size()) return Unexpected(Error::kUnknownElemSegment);
            if (m_module.elems[seg].type != elem) return Unexpected(Error::kTypeMismatch);
            break;
        }
        case 14: {  // table.copy x y: x was read as `table`, y follows
            auto src = r.u32();
            if (!src) return Unexpected(src.error());
            if (*src >= m_module.tables.size()) return Unexpected(Error::kUnknownTable);
            if (m_module.tables[*src].elem != elem) return Unexpected(Error::kTypeMismatch);
            seg = *src;
            break;
        }
        case 15: {  // table.grow
            auto n = pop(ValType::kI32);
            if (!n) return Unexpected(n.error());
            auto init = pop(elem);
            if (!init) return Unexpected(init.error());
            const std::uint32_t d = home(m_stack.size());
            if (live()) {
                const std::uint32_t si = slot_of(*init);
                emit(Op::kTableGrow, {table, si, slot_of(*n), d}, true);
            }
            push(ValType::kI32);
            return {};
        }
        case 16:  // table.size
            emit(Op::kTableSize, {table, dst}, true);
            push(ValType::kI32);
            return {};
        case 17: {  // table.fill
            auto n = pop(ValType::kI32);
            if (!n) return Unexpected(n.error());
            auto v = pop(elem);
            if (!v) return Unexpected(v.error());
            auto i = pop(ValType::kI32);
            if (!i) return Unexpected(i.error());
            if (live()) {
                const std::uint32_t si = slot_of(*i);
                const std::uint32_t sv = slot_of(*v);
                emit(Op::kTableFill, {table, si, sv, slot_of(*n)}, false);
            }
            return {};
        }
        default:
            return Unexpected(Error::kIllegalOpcode);
    }
    // table.init and table.copy take (dst, src, n).
    auto n = pop(ValType::kI32);
    if (!n) return Unexpected(n.error());
    auto s = pop(ValType::kI32);
    if (!s) return Unexpected(s.error());
    auto d = pop(ValType::kI32);
    if (!d) return Unexpected(d.error());
    if (live()) {
        const std::uint32_t sd = slot_of(*d);
        const std::uint32_t ss = slot_of(*s);
        const std::uint32_t sn = slot_of(*n);
        if (sub == 12) {
            emit(Op::kTableInit, {table, seg, sd, ss, sn}, false);
        } else {
            emit(Op::kTableCopy, {table, seg, sd, ss, sn}, false);
        }
    }
    return {};
}

Result<void, Error> FunctionCompiler::memory_bulk(Reader& r, std::uint32_t sub) {
    std::uint32_t seg = 0;
    if (sub == 8 || sub == 9) {
        auto s = r.u32();
        if (!s) return Unexpected(s.error());
        seg = *s;
        if (sub == 8) {
            if (auto ok = require_memory(); !ok) return ok;
        }
        // Without a data count section the decoder has already refused any use of a segment
        // that exists (spec 5.5.16), so here only the segment count matters.
        if (seg >= m_module.data_count.value_or(0)) return Unexpected(Error::kUnknownDataSegment);
        if (sub == 9) {
            emit(Op::kDataDrop, {seg}, false);
            return {};
        }
    }
    const int zeros = sub == 10 ? 2 : 1;
    for (int i = 0; i < zeros; ++i) {
        auto z = r.u8();
        if (!z) return Unexpected(z.error());
        if (*z != 0) return Unexpected(Error::kZeroByteExpected);
    }
    if (auto ok = require_memory(); !ok) return ok;
    auto n = pop(ValType::kI32);
    if (!n) return Unexpected(n.error());
    auto s = pop(ValType::kI32);
    if (!s) return Unexpected(s.error());
    auto d = pop(ValType::kI32);
    if (!d) return Unexpected(d.error());
    if (live()) {
        const std::uint32_t sd = slot_of(*d);
        const std::uint32_t ss = slot_of(*s);
        const std::uint32_t sn = slot_of(*n);
        if (sub == 8) {
            emit(Op::kMemoryInit, {seg, sd, ss, sn}, false);
        } else if (sub == 10) {
            emit(Op::kMemoryCopy, {sd, ss, sn}, false);
        } else {
            emit(Op::kMemoryFill, {sd, ss, sn}, false);
        }
    }
    return {};
}

}  // namespace yunlian::wasm::detail
