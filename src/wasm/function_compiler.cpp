#include "wasm/function_compiler.hpp"

#include <algorithm>

#include "wasm/op_table.hpp"

namespace yunlian::wasm::detail {
namespace {

// Single-type block signatures point into this table (spec 5.4.1: blocktype as a valtype).
constexpr ValType kSingleTypes[] = {ValType::kI32, ValType::kI64,     ValType::kF32,
                                    ValType::kF64, ValType::kFuncRef, ValType::kExternRef};

bool matches(ValType actual, ValType expected) noexcept {
    return actual == expected || actual == kNoType || expected == kNoType;
}

}  // namespace

FunctionCompiler::FunctionCompiler(const Module& module, const CompileOptions& options,
                                   std::span<const std::uint32_t> type_ids,
                                   std::vector<std::uint32_t>& code)
    : m_module(module), m_options(options), m_type_ids(type_ids), m_code(code) {}

Result<CompiledFunction, Error> FunctionCompiler::compile(std::uint32_t func_index,
                                                          const CodeBody& body) {
    const std::uint32_t type_index = m_module.func_types[func_index];
    const FuncType& type = m_module.types[type_index];
    Reader r(BytesView(m_module.bytes).subspan(0, std::size_t{body.offset} + body.size));
    (void)r.take(body.offset);
    m_locals.assign(type.params.begin(), type.params.end());
    if (auto ok = read_locals(r, type); !ok) return Unexpected(ok.error());
    if (m_options.contract_profile) {
        for (ValType t : m_locals) {
            if (t == ValType::kF32 || t == ValType::kF64)
                return Unexpected(Error::kFloatInContract);
        }
    }
    m_stack_base = static_cast<std::uint32_t>(m_locals.size());
    m_max_height = 0;
    m_stack.clear();
    m_ctrls.clear();
    m_fixups.clear();
    m_virtual.clear();
    m_starts.clear();
    m_segment_pos = kNone;
    m_segment_cost = 0;
    forget_last();
    m_entry_region = true;
    m_zero_locals.assign(m_locals.size(), 1);
    std::fill_n(m_zero_locals.begin(), type.params.size(), std::uint8_t{0});

    CompiledFunction out;
    out.type_id = m_type_ids[type_index];
    out.entry = static_cast<std::uint32_t>(m_code.size());
    out.num_params = static_cast<std::uint32_t>(type.params.size());
    out.num_locals = m_stack_base - out.num_params;

    m_ctrls.push_back({CtrlKind::kFunc, {{}, type.results}, 0, false});
    begin_segment();
    while (!m_ctrls.empty()) {
        auto opcode = r.u8();
        if (!opcode) return Unexpected(opcode.error());
        if (live()) charge(*opcode == 0xfc ? 0 : m_options.costs.base[*opcode]);
        if (auto ok = instruction(r, *opcode); !ok) return Unexpected(ok.error());
    }
    if (!r.at_end()) return Unexpected(Error::kSectionSizeMismatch);
    close_segment();
    const std::uint64_t slots = std::max(std::uint64_t{m_stack_base} + m_max_height,
                                         std::uint64_t{out.num_params} + kLocalsZeroedAtOnce);
    if (slots > kMaxFrameSlots) return Unexpected(Error::kFunctionTooComplex);
    out.frame_slots = static_cast<std::uint32_t>(slots);
    const bool metered =
        m_options.metering && m_code[out.entry] == static_cast<std::uint32_t>(Op::kFuel);
    out.entry_fuel = metered ? m_code[out.entry + 1] : 0;
    out.body = metered ? out.entry + 2 : out.entry;
    return out;
}

void FunctionCompiler::link_calls(std::span<const CompiledFunction> functions) {
    for (std::uint32_t site : m_call_sites) {
        const CompiledFunction& callee = functions[m_code[site + 1]];
        m_code[site + 3] = callee.body;
        m_code[site + 4] = callee.frame_slots;
        m_code[site + 5] = callee.entry_fuel;
        m_code[site + 6] = callee.num_params;
        m_code[site + 7] = callee.num_locals;
    }
}

Result<void, Error> FunctionCompiler::read_locals(Reader& r, const FuncType&) {
    auto groups = r.count(2);
    if (!groups) return Unexpected(groups.error());
    std::uint64_t total = m_locals.size();
    std::size_t mark = r.pos();
    // First pass: the sum must fit in 32 bits (spec 5.5.13) before anything is allocated.
    for (std::uint32_t i = 0; i < *groups; ++i) {
        auto n = r.u32();
        if (!n) return Unexpected(n.error());
        auto t = r.u8();
        if (!t) return Unexpected(t.error());
        total += *n;
        if (total > 0xffffffffULL) return Unexpected(Error::kTooManyLocals);
    }
    if (total > kMaxFrameSlots) return Unexpected(Error::kFunctionTooComplex);
    Reader again(r.bytes().subspan(0, r.pos()));
    (void)again.take(mark);
    for (std::uint32_t i = 0; i < *groups; ++i) {
        auto n = again.u32();
        auto t = again.u8();
        switch (*t) {
            case 0x7f:
            case 0x7e:
            case 0x7d:
            case 0x7c:
            case 0x70:
            case 0x6f:
                break;
            default:
                return Unexpected(Error::kMalformedValueType);
        }
        m_locals.insert(m_locals.end(), *n, static_cast<ValType>(*t));
    }
    return {};
}

Result<BlockSig, Error> FunctionCompiler::block_sig(Reader& r) {
    auto v = r.sleb(33);
    if (!v) return Unexpected(v.error());
    if (*v == -64) return BlockSig{};
    if (*v < 0) {
        const auto byte = static_cast<std::uint8_t>(*v + 0x80);
        for (const ValType& t : kSingleTypes) {
            if (static_cast<std::uint8_t>(t) == byte) {
                if (m_options.contract_profile && (t == ValType::kF32 || t == ValType::kF64))
                    return Unexpected(Error::kFloatInContract);
                return BlockSig{{}, {&t, 1}};
            }
        }
        return Unexpected(Error::kMalformedValueType);
    }
    if (static_cast<std::uint64_t>(*v) >= m_module.types.size())
        return Unexpected(Error::kUnknownType);
    const FuncType& type = m_module.types[static_cast<std::size_t>(*v)];
    return BlockSig{type.params, type.results};
}

Result<std::uint32_t, Error> FunctionCompiler::memarg(Reader& r, std::uint8_t max_align) {
    auto align = r.u32();
    if (!align) return Unexpected(align.error());
    auto offset = r.u32();
    if (!offset) return Unexpected(offset.error());
    if (auto ok = require_memory(); !ok) return Unexpected(ok.error());
    if (*align > max_align) return Unexpected(Error::kAlignmentTooLarge);
    return *offset;
}

// ---- operand stack ----

std::uint32_t FunctionCompiler::push(ValType type) {
    const std::uint32_t slot = home(m_stack.size());
    m_stack.push_back({type, OperandKind::kHome, slot, 0});
    m_max_height = std::max(m_max_height, static_cast<std::uint32_t>(m_stack.size()));
    return slot;
}

void FunctionCompiler::push_operand(Operand operand) {
    if (operand.kind != OperandKind::kLocal) operand.slot = home(m_stack.size());
    if (operand.kind == OperandKind::kLocal) {
        if (m_virtual.size() >= kMaxVirtualLocals) {
            // Bound the work of materialize_locals(): past this many, copy eagerly.
            const std::uint32_t dst = home(m_stack.size());
            emit(Op::kCopy, {operand.slot, dst}, true);
            operand = {operand.type, OperandKind::kHome, dst, 0};
        } else {
            m_virtual.push_back(static_cast<std::uint32_t>(m_stack.size()));
        }
    }
    m_stack.push_back(operand);
    m_max_height = std::max(m_max_height, static_cast<std::uint32_t>(m_stack.size()));
}

Result<Operand, Error> FunctionCompiler::pop_any() {
    const Ctrl& ctrl = m_ctrls.back();
    if (m_stack.size() == ctrl.height) {
        if (ctrl.unreachable) return Operand{kNoType, OperandKind::kHome, home(m_stack.size()), 0};
        return Unexpected(Error::kTypeMismatch);
    }
    Operand op = m_stack.back();
    m_stack.pop_back();
    return op;
}

Result<Operand, Error> FunctionCompiler::pop(ValType expected) {
    auto op = pop_any();
    if (!op) return op;
    if (!matches(op->type, expected)) return Unexpected(Error::kTypeMismatch);
    return op;
}

Result<void, Error> FunctionCompiler::check_top(std::span<const ValType> types) {
    const Ctrl& ctrl = m_ctrls.back();
    const std::size_t available = m_stack.size() - ctrl.height;
    for (std::size_t k = 0; k < types.size(); ++k) {
        const std::size_t from_top = types.size() - k;  // 1 = top
        if (from_top > available) {
            if (!ctrl.unreachable) return Unexpected(Error::kTypeMismatch);
            continue;
        }
        if (!matches(m_stack[m_stack.size() - from_top].type, types[k]))
            return Unexpected(Error::kTypeMismatch);
    }
    return {};
}

std::uint32_t FunctionCompiler::slot_of(const Operand& op) {
    if (op.kind != OperandKind::kConst) return op.slot;
    if (op.type == ValType::kI64 || op.type == ValType::kF64) {
        emit(Op::kConst64,
             {static_cast<std::uint32_t>(op.value), static_cast<std::uint32_t>(op.value >> 32),
              op.slot},
             true);
    } else {
        emit(Op::kConst32, {static_cast<std::uint32_t>(op.value), op.slot}, true);
    }
    return op.slot;
}

void FunctionCompiler::materialize(std::size_t index) {
    Operand& op = m_stack[index];
    const std::uint32_t dst = home(index);
    if (op.kind == OperandKind::kLocal) {
        emit(Op::kCopy, {op.slot, dst}, true);
    } else if (op.kind == OperandKind::kConst) {
        op.slot = dst;
        slot_of(op);
    }
    op.kind = OperandKind::kHome;
    op.slot = dst;
}

void FunctionCompiler::materialize_locals(std::uint32_t local) {
    std::size_t kept = 0;
    for (std::uint32_t pos : m_virtual) {
        if (pos >= m_stack.size() || m_stack[pos].kind != OperandKind::kLocal) continue;
        if (m_stack[pos].slot == local) {
            materialize(pos);
        } else {
            m_virtual[kept++] = pos;
        }
    }
    m_virtual.resize(kept);
}

void FunctionCompiler::materialize_all_locals() {
    for (std::uint32_t pos : m_virtual) {
        if (pos < m_stack.size() && m_stack[pos].kind == OperandKind::kLocal) materialize(pos);
    }
    m_virtual.clear();
}

void FunctionCompiler::materialize_top(std::size_t n) {
    const std::size_t floor = m_ctrls.back().height;
    for (std::size_t k = 0; k < n && m_stack.size() > floor + k; ++k)
        materialize(m_stack.size() - 1 - k);
}

// ---- emission ----

std::uint32_t FunctionCompiler::emit(Op op, std::initializer_list<std::uint32_t> operands,
                                     bool has_dst) {
    if (!live()) return kNone;
    if (op == Op::kCopy && !m_starts.empty()) {
        // Two or three copies in a row (values leaving a block, locals rotating in a loop) run
        // as one instruction, in order: a copy right after a Copy (3 words) makes a Copy2, right
        // after a Copy2 (5 words) a Copy3.
        const std::uint32_t prev = m_starts.back();
        const auto last = static_cast<Op>(m_code[prev]);
        const std::size_t words = m_code.size() - prev;
        const Op merged = last == Op::kCopy && words == 3    ? Op::kCopy2
                          : last == Op::kCopy2 && words == 5 ? Op::kCopy3
                                                             : Op::kCount;
        if (merged != Op::kCount) {
            m_code[prev] = static_cast<std::uint32_t>(merged);
            m_code.insert(m_code.end(), operands.begin(), operands.end());
            m_last_start = has_dst ? prev : kNone;
            m_last_op = merged;
            return prev;
        }
    }
    const auto start = static_cast<std::uint32_t>(m_code.size());
    m_starts.push_back(start);
    m_code.push_back(static_cast<std::uint32_t>(op));
    m_code.insert(m_code.end(), operands.begin(), operands.end());
    m_last_start = has_dst ? start : kNone;
    m_last_op = op;
    return start;
}

void FunctionCompiler::close_segment() {
    if (m_segment_pos != kNone) {
        m_code[m_segment_pos] =
            static_cast<std::uint32_t>(std::min<std::uint64_t>(m_segment_cost, 0x7fffffffU));
    }
    m_segment_pos = kNone;
    m_segment_cost = 0;
}

void FunctionCompiler::truncate(std::uint32_t pos) {
    m_code.resize(pos);
    while (!m_starts.empty() && m_starts.back() >= pos) m_starts.pop_back();
}

std::uint32_t FunctionCompiler::begin_segment(bool fresh) {
    forget_last();
    m_starts.clear();  // a label: nothing before it may be fused with what follows
    if (!m_options.metering || !live()) return static_cast<std::uint32_t>(m_code.size());
    // An open segment with no code yet is reused: consecutive labels need one charge. A loop
    // header wants a segment of its own when the open one already carries a price, so that
    // only the loop body is charged per iteration.
    const bool empty = m_segment_pos != kNone && m_segment_pos + 1 == m_code.size();
    if (!empty || (fresh && m_segment_cost != 0)) {
        close_segment();
        emit(Op::kFuel, {0}, false);
        m_segment_pos = static_cast<std::uint32_t>(m_code.size() - 1);
        forget_last();
    }
    // The label is the Fuel instruction itself, so every branch to it pays for what follows.
    return m_segment_pos - 1;
}

// ---- control ----

Result<void, Error> FunctionCompiler::push_ctrl(CtrlKind kind, BlockSig sig) {
    if (auto ok = check_top(sig.params); !ok) return ok;
    // Values that enter a block live at home, and no local is read lazily across its edges.
    materialize_all_locals();
    materialize_top(sig.params.size());
    Ctrl ctrl;
    ctrl.kind = kind;
    ctrl.sig = sig;
    const std::size_t available = m_stack.size() - m_ctrls.back().height;
    const std::size_t taken = std::min(available, sig.params.size());
    // In unreachable code the params may be missing: the block starts from a fresh stack of them.
    m_stack.resize(m_stack.size() - taken);
    ctrl.height = static_cast<std::uint32_t>(m_stack.size());
    ctrl.unreachable = false;
    ctrl.dead = !live();
    m_ctrls.push_back(ctrl);
    for (ValType t : sig.params) push(t);
    return {};
}

void FunctionCompiler::add_fixup(Ctrl& ctrl, std::uint32_t start, std::uint32_t operand) {
    m_fixups.push_back({start, operand, ctrl.fixups});
    ctrl.fixups = static_cast<std::uint32_t>(m_fixups.size() - 1);
}

void FunctionCompiler::patch_fixups(Ctrl& ctrl, std::uint32_t target) {
    for (std::uint32_t i = ctrl.fixups; i != Ctrl::kNoFixup; i = m_fixups[i].next)
        m_code[m_fixups[i].operand] = target - m_fixups[i].start;
    ctrl.fixups = Ctrl::kNoFixup;
}

Result<void, Error> FunctionCompiler::end_block() {
    Ctrl& ctrl = m_ctrls.back();
    if (ctrl.kind == CtrlKind::kIf && ctrl.sig.params.size() == ctrl.sig.results.size() &&
        !std::equal(ctrl.sig.params.begin(), ctrl.sig.params.end(), ctrl.sig.results.begin()))
        return Unexpected(Error::kTypeMismatch);
    if (ctrl.kind == CtrlKind::kIf && ctrl.sig.params.size() != ctrl.sig.results.size())
        return Unexpected(Error::kTypeMismatch);
    if (auto ok = check_top(ctrl.sig.results); !ok) return ok;
    if (m_stack.size() > ctrl.height + ctrl.sig.results.size())
        return Unexpected(Error::kTypeMismatch);
    if (ctrl.kind == CtrlKind::kFunc) {
        if (auto ok = do_return(); !ok) return ok;
        m_ctrls.pop_back();
        return {};
    }
    materialize_top(ctrl.sig.results.size());
    Ctrl done = ctrl;
    m_ctrls.pop_back();
    m_stack.resize(done.height);
    for (ValType t : done.sig.results) push(t);
    m_entry_region = false;  // branches join here
    const std::uint32_t end_pos = begin_segment();
    patch_fixups(done, end_pos);
    if (done.else_fixup != Ctrl::kNoFixup) m_code[done.else_operand] = end_pos - done.else_fixup;
    return {};
}

Result<void, Error> FunctionCompiler::else_block() {
    Ctrl& ctrl = m_ctrls.back();
    if (ctrl.kind != CtrlKind::kIf) return Unexpected(Error::kTypeMismatch);
    if (auto ok = check_top(ctrl.sig.results); !ok) return ok;
    if (m_stack.size() > ctrl.height + ctrl.sig.results.size())
        return Unexpected(Error::kTypeMismatch);
    materialize_top(ctrl.sig.results.size());
    emit_jump(ctrl);
    ctrl.kind = CtrlKind::kElse;
    m_stack.resize(ctrl.height);
    // The else arm is live when the if itself was reached.
    ctrl.unreachable = false;
    for (ValType t : ctrl.sig.params) push(t);
    m_entry_region = false;  // the else arm does not follow the then arm
    const std::uint32_t else_pos = begin_segment();
    Ctrl& arm = m_ctrls.back();
    if (arm.else_fixup != Ctrl::kNoFixup) m_code[arm.else_operand] = else_pos - arm.else_fixup;
    arm.else_fixup = Ctrl::kNoFixup;
    return {};
}

void FunctionCompiler::set_unreachable() {
    Ctrl& ctrl = m_ctrls.back();
    m_stack.resize(ctrl.height);
    ctrl.unreachable = true;
    forget_last();
}

bool FunctionCompiler::transfer_needed(const Ctrl& target) const {
    const auto types = target.label_types();
    const std::size_t n = types.size();
    for (std::size_t k = 0; k < n; ++k) {
        const Operand& op = m_stack[m_stack.size() - n + k];
        if (op.kind != OperandKind::kHome || op.slot != home(target.height + k)) return true;
    }
    return false;
}

void FunctionCompiler::emit_transfer(const Ctrl& target) {
    const std::size_t n = target.label_types().size();
    for (std::size_t k = 0; k < n; ++k) {
        Operand op = m_stack[m_stack.size() - n + k];
        const std::uint32_t dst = home(target.height + k);
        if (op.kind == OperandKind::kConst) {
            op.slot = dst;
            slot_of(op);
        } else if (op.slot != dst) {
            emit(Op::kCopy, {op.slot, dst}, false);
        }
    }
}

void FunctionCompiler::emit_jump(Ctrl& target) {
    // Every label starts with its Fuel when metered, so the jump can pay it itself.
    const std::uint32_t start = emit(branch_op(Op::kBr), {0}, false);
    if (start == kNone) return;
    if (target.kind == CtrlKind::kLoop) {
        m_code[start + 1] = target.loop_pos - start;
    } else {
        add_fixup(target, start, start + 1);
    }
}

Result<void, Error> FunctionCompiler::branch(std::uint32_t depth) {
    if (depth >= m_ctrls.size()) return Unexpected(Error::kUnknownLabel);
    Ctrl& target = m_ctrls[m_ctrls.size() - 1 - depth];
    if (auto ok = check_top(target.label_types()); !ok) return ok;
    if (live()) {
        if (target.kind == CtrlKind::kFunc) return do_return();
        emit_transfer(target);
        emit_jump(target);
    }
    set_unreachable();
    return {};
}

Result<void, Error> FunctionCompiler::branch_if(std::uint32_t depth) {
    auto cond = pop(ValType::kI32);
    if (!cond) return Unexpected(cond.error());
    if (depth >= m_ctrls.size()) return Unexpected(Error::kUnknownLabel);
    Ctrl& target = m_ctrls[m_ctrls.size() - 1 - depth];
    const auto types = target.label_types();
    if (auto ok = check_top(types); !ok) return ok;
    if (!live()) {
        // Retype the carried values as the label's (spec 3.3.8.7: pop then push the label types).
        const std::size_t keep = std::min(types.size(), m_stack.size() - m_ctrls.back().height);
        m_stack.resize(m_stack.size() - keep);
        for (ValType t : types) push(t);
        return {};
    }
    if (target.kind == CtrlKind::kFunc || transfer_needed(target)) {
        const std::uint32_t c = slot_of(*cond);
        const std::uint32_t skip = emit(Op::kBrUnless, {c, 0}, false);
        if (target.kind == CtrlKind::kFunc) {
            const std::size_t n = types.size();
            if (n == 0) {
                emit(Op::kReturn0, {}, false);
            } else {
                // Return reads its values from consecutive slots.
                std::vector<Operand> saved(m_stack.end() - static_cast<std::ptrdiff_t>(n),
                                           m_stack.end());
                for (std::size_t k = 0; k < n; ++k) {
                    const Operand& op = saved[k];
                    const std::uint32_t dst = home(m_stack.size() - n + k);
                    if (op.kind == OperandKind::kConst) {
                        Operand c2 = op;
                        c2.slot = dst;
                        slot_of(c2);
                    } else if (op.slot != dst) {
                        emit(Op::kCopy, {op.slot, dst}, false);
                    }
                }
                emit(Op::kReturn, {static_cast<std::uint32_t>(n), home(m_stack.size() - n)}, false);
            }
        } else {
            emit_transfer(target);
            emit_jump(target);
        }
        m_code[skip + 2] = static_cast<std::uint32_t>(m_code.size()) - skip;
        begin_segment();
        return {};
    }
    const auto [start, operand] = emit_cond_branch(*cond, true);
    if (target.kind == CtrlKind::kLoop) {
        m_code[operand] = target.loop_pos - start;
    } else {
        add_fixup(target, start, operand);
    }
    begin_segment();
    return {};
}

std::pair<std::uint32_t, std::uint32_t> FunctionCompiler::emit_cond_branch(const Operand& cond,
                                                                           bool when_true) {
    const bool fusable =
        cond.kind == OperandKind::kHome && m_last_start != kNone &&
        m_code.size() == m_last_start + 1 + kOpWords[static_cast<std::size_t>(m_last_op)] &&
        m_code.back() == cond.slot;
    if (fusable && m_last_op == Op::kI32Eqz) {
        // br_if (eqz a) branches when a is zero.
        const std::uint32_t a = m_code[m_last_start + 1];
        truncate(m_last_start);
        const std::uint32_t start =
            emit(branch_op(when_true ? Op::kBrUnless : Op::kBrIf), {a, 0}, false);
        return {start, start + 2};
    }
    if (fusable) {
        // The comparisons 0x46-0x4f and, for "branch when false", their negations.
        static constexpr std::uint16_t kNegated[] = {0x47, 0x46, 0x4e, 0x4f, 0x4c,
                                                     0x4d, 0x4a, 0x4b, 0x48, 0x49};
        for (const SimpleOp& s : kSimpleOps) {
            if (s.br_if_op == Op::kCount || (s.op != m_last_op && s.imm_op != m_last_op)) continue;
            const bool imm = s.imm_op == m_last_op;
            const SimpleOp* use = &s;
            if (!when_true) {
                const std::uint16_t negated = kNegated[s.code - 0x46];
                for (const SimpleOp& n : kSimpleOps) {
                    if (n.code == negated) use = &n;
                }
            }
            const std::uint32_t a = m_code[m_last_start + 1];
            const std::uint32_t b = m_code[m_last_start + 2];
            truncate(m_last_start);
            if (imm) {
                const std::uint32_t fused = fuse_add_branch(use->br_if_imm_op, a, b);
                if (fused != kNone) return {fused, fused + 5};
            }
            const std::uint32_t start =
                emit(branch_op(imm ? use->br_if_imm_op : use->br_if_op), {a, b, 0}, false);
            return {start, start + 3};
        }
    }
    const std::uint32_t c = slot_of(cond);
    const std::uint32_t start =
        emit(branch_op(when_true ? Op::kBrIf : Op::kBrUnless), {c, 0}, false);
    return {start, start + 2};
}

Result<void, Error> FunctionCompiler::branch_table(Reader& r) {
    auto count = r.count();
    if (!count) return Unexpected(count.error());
    std::vector<std::uint32_t> depths(std::size_t{*count} + 1);
    for (auto& d : depths) {
        auto v = r.u32();
        if (!v) return Unexpected(v.error());
        d = *v;
    }
    auto index = pop(ValType::kI32);
    if (!index) return Unexpected(index.error());
    for (std::uint32_t d : depths) {
        if (d >= m_ctrls.size()) return Unexpected(Error::kUnknownLabel);
    }
    const std::size_t arity = m_ctrls[m_ctrls.size() - 1 - depths.back()].label_types().size();
    for (std::uint32_t d : depths) {
        const Ctrl& target = m_ctrls[m_ctrls.size() - 1 - d];
        if (target.label_types().size() != arity) return Unexpected(Error::kTypeMismatch);
        if (auto ok = check_top(target.label_types()); !ok) return ok;
    }
    if (live()) {
        const std::uint32_t idx = slot_of(*index);
        materialize_top(arity);
        const auto start = static_cast<std::uint32_t>(m_code.size());
        m_starts.clear();
        m_code.push_back(static_cast<std::uint32_t>(branch_op(Op::kBrTable)));
        m_code.push_back(idx);
        m_code.push_back(*count);
        const std::uint32_t src = home(m_stack.size() - arity);
        for (std::uint32_t d : depths) {
            Ctrl& target = m_ctrls[m_ctrls.size() - 1 - d];
            const auto entry = static_cast<std::uint32_t>(m_code.size());
            const bool is_return = target.kind == CtrlKind::kFunc;
            const std::uint32_t dst = is_return ? 0 : home(target.height);
            // Entry: [rel, count, src, dst]; rel 0 means "return from the function".
            m_code.insert(
                m_code.end(),
                {0, dst == src && !is_return ? 0 : static_cast<std::uint32_t>(arity), src, dst});
            if (is_return) continue;
            if (target.kind == CtrlKind::kLoop) {
                m_code[entry] = target.loop_pos - start;
            } else {
                add_fixup(target, start, entry);
            }
        }
        forget_last();
    }
    set_unreachable();
    return {};
}

Result<void, Error> FunctionCompiler::do_return() {
    const auto& results = m_ctrls.front().sig.results;
    if (auto ok = check_top(results); !ok) return ok;
    if (live()) {
        const std::size_t n = results.size();
        if (n == 0) {
            emit(Op::kReturn0, {}, false);
        } else if (n == 1 && m_stack.back().kind == OperandKind::kHome && m_last_start != kNone &&
                   m_last_op == Op::kI32Add && m_last_start + 4 == m_code.size() &&
                   m_code.back() == m_stack.back().slot) {
            // `return a + b`: the sum goes straight to the result slot (its temporary is dead).
            m_code[m_last_start] = static_cast<std::uint32_t>(Op::kReturnI32Add);
            m_code.pop_back();
            forget_last();
        } else if (n == 1) {
            emit(Op::kReturn1, {slot_of(m_stack.back())}, false);
        } else {
            materialize_top(n);
            emit(Op::kReturn, {static_cast<std::uint32_t>(n), home(m_stack.size() - n)}, false);
        }
    }
    set_unreachable();
    return {};
}

}  // namespace yunlian::wasm::detail
