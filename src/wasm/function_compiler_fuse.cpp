// Super-instructions: pairs and triples of internal instructions that hot loops run back to back
// become one instruction, saving dispatches. Each keeps the exact meaning of its parts: the same
// bounds checks and traps, the same 32-bit wrapping, the same canonical NaNs, and every slot its
// parts would leave live is still written.

#include <algorithm>
#include <array>
#include <optional>

#include "wasm/function_compiler.hpp"
#include "wasm/op_table.hpp"

namespace yunlian::wasm::detail {
namespace {

/// A full-width load as (base, imm, offset, dst): `Load (addr, offset, dst)` has imm 0.
struct LoadParts {
    std::uint32_t base;
    std::uint32_t imm;
    std::uint32_t offset;
    std::uint32_t dst;
    std::uint32_t words;
};

struct MulLoads {
    Op mul;
    Op load;
    Op load_add_imm;
    Op fused;
};

constexpr MulLoads kMulLoads[] = {
    {Op::kI32Mul, Op::kI32Load, Op::kI32LoadAddImm, Op::kI32MulLoads},
    {Op::kI64Mul, Op::kI64Load, Op::kI64LoadAddImm, Op::kI64MulLoads},
    {Op::kF32Mul, Op::kF32Load, Op::kF32LoadAddImm, Op::kF32MulLoads},
    {Op::kF64Mul, Op::kF64Load, Op::kF64LoadAddImm, Op::kF64MulLoads},
};

/// An i32 instruction (a, b or imm, dst) that only computes: the kinds found between the two
/// loads of a product.
struct ArithParts {
    std::uint32_t a;
    std::uint32_t b;
    std::uint32_t dst;
    bool imm;
};

std::optional<ArithParts> arith_at(const std::vector<std::uint32_t>& code, std::uint32_t pos) {
    switch (static_cast<Op>(code[pos])) {
        case Op::kI32Add:
        case Op::kI32Sub:
            return ArithParts{code[pos + 1], code[pos + 2], code[pos + 3], false};
        case Op::kI32AddImm:
        case Op::kI32ShlImm:
        case Op::kI32MulImm:
            return ArithParts{code[pos + 1], code[pos + 2], code[pos + 3], true};
        case Op::kI32MulAddImm:  // (x, imm, imm2, dst)
            return ArithParts{code[pos + 1], code[pos + 2], code[pos + 4], true};
        default:
            return std::nullopt;
    }
}

std::optional<LoadParts> load_at(const std::vector<std::uint32_t>& code, std::uint32_t pos,
                                 const MulLoads& kind) {
    const auto op = static_cast<Op>(code[pos]);
    if (op == kind.load) return LoadParts{code[pos + 1], 0, code[pos + 2], code[pos + 3], 3};
    if (op == kind.load_add_imm)
        return LoadParts{code[pos + 1], code[pos + 2], code[pos + 3], code[pos + 4], 4};
    return std::nullopt;
}

enum class ShiftKind : std::uint8_t { kRotl, kShrU, kShl };

/// A rotation or shift of an i32 by a constant (src, amount, dst); rotations to the right
/// become rotations to the left.
struct ShiftParts {
    std::uint32_t src;
    std::uint32_t amount;
    ShiftKind kind;
    std::uint32_t dst;
};

std::optional<ShiftParts> shift_at(const std::vector<std::uint32_t>& code, std::uint32_t pos) {
    const std::uint32_t amount = code[pos + 2] & 31U;
    switch (static_cast<Op>(code[pos])) {
        case Op::kI32RotlImm:
            return ShiftParts{code[pos + 1], amount, ShiftKind::kRotl, code[pos + 3]};
        case Op::kI32RotrImm:
            return ShiftParts{code[pos + 1], (32U - amount) & 31U, ShiftKind::kRotl, code[pos + 3]};
        case Op::kI32ShrUImm:
            return ShiftParts{code[pos + 1], amount, ShiftKind::kShrU, code[pos + 3]};
        case Op::kI32ShlImm:
            return ShiftParts{code[pos + 1], amount, ShiftKind::kShl, code[pos + 3]};
        default:
            return std::nullopt;
    }
}

/// The fused form of `a op (y shifted)`, or kCount.
Op shifted_operand_op(Op op, ShiftKind kind) {
    if (op == Op::kI32Xor) {
        if (kind == ShiftKind::kRotl) return Op::kI32XorRotlImm;
        return kind == ShiftKind::kShrU ? Op::kI32XorShrUImm : Op::kI32XorShlImm;
    }
    if (kind == ShiftKind::kRotl) return Op::kCount;
    return kind == ShiftKind::kShrU ? Op::kI32OrShrUImm : Op::kI32OrShlImm;
}

}  // namespace

bool FunctionCompiler::fuse_mul_loads(Op mul, std::uint32_t a, std::uint32_t b, std::uint32_t dst) {
    const MulLoads* kind = nullptr;
    for (const MulLoads& k : kMulLoads) {
        if (k.mul == mul) kind = &k;
    }
    if (kind == nullptr || m_starts.size() < 2) return false;
    const std::uint32_t folded = m_starts.back();
    if (mul == Op::kI32Mul && static_cast<Op>(m_code[folded]) == Op::kI32LoadAdd &&
        folded + 5 == m_code.size() && m_code[folded + 4] == b &&
        load_at(m_code, m_starts[m_starts.size() - 2], *kind)) {
        // A load of a sum after another load: unfold the sum (into the temporary `b`, as the
        // body had it), so that the add can run between the loads as below.
        const std::array<std::uint32_t, 3> sum{m_code[folded + 1], m_code[folded + 2],
                                               m_code[folded + 3]};
        truncate(folded);
        emit(Op::kI32Add, {sum[0], sum[1], b}, true);
        emit(Op::kI32Load, {b, sum[2], b}, true);
    }
    const std::uint32_t second = m_starts.back();
    const auto y = load_at(m_code, second, *kind);
    if (!y || second + 1 + y->words != m_code.size() || y->dst != b) return false;
    // The first load is just before the second, or before one integer instruction that computes
    // the second address (as in a[i][k] * b[k][j]). That instruction then runs first: it does
    // not touch the first load's result or write its base, and it reads no memory, so the order
    // does not matter.
    std::uint32_t first = m_starts[m_starts.size() - 2];
    std::optional<ArithParts> between;
    if (!load_at(m_code, first, *kind) && m_starts.size() >= 3) {
        between = arith_at(m_code, first);
        first = m_starts[m_starts.size() - 3];
    }
    const auto x = load_at(m_code, first, *kind);
    if (!x || first + 1 + x->words != (between ? m_starts[m_starts.size() - 2] : second))
        return false;
    if (between && (between->dst == x->dst || between->dst == x->base || between->a == x->dst ||
                    (!between->imm && between->b == x->dst)))
        return false;
    // Loading exactly the two operands (temporaries, distinct), and the second address does
    // not read the first result (the fused form writes neither).
    if (x->dst != a || a == b || y->base == a) return false;
    const std::uint32_t mid = between ? m_starts[m_starts.size() - 2] : 0;
    std::array<std::uint32_t, 5> moved{};
    if (between) std::copy(m_code.begin() + mid, m_code.begin() + second, moved.begin());
    truncate(first);
    if (between && static_cast<Op>(moved[0]) == Op::kI32MulAddImm) {
        emit(Op::kI32MulAddImm, {moved[1], moved[2], moved[3], moved[4]}, false);
    } else if (between) {
        emit(static_cast<Op>(moved[0]), {moved[1], moved[2], moved[3]}, false);
    }
    emit(kind->fused, {x->base, x->imm, x->offset, y->base, y->imm, y->offset, dst}, true);
    return true;
}

std::uint32_t FunctionCompiler::fuse_add_branch(Op branch, std::uint32_t a, std::uint32_t b) {
    const auto n = static_cast<std::uint32_t>(branch);
    if (m_starts.empty() || n < static_cast<std::uint32_t>(Op::kBrIfI32EqImm) ||
        n > static_cast<std::uint32_t>(Op::kBrIfI32GeUImm))
        return kNone;
    // Only the immediate forms (odd offsets from kBrIfI32Eq) have an AddBrIf twin.
    const std::uint32_t k = n - static_cast<std::uint32_t>(Op::kBrIfI32Eq);
    if (k % 2 != 1) return kNone;
    const std::uint32_t add = m_starts.back();
    if (static_cast<Op>(m_code[add]) != Op::kI32AddImm || add + 4 != m_code.size() ||
        m_code[add + 3] != a)
        return kNone;
    const std::uint32_t src = m_code[add + 1];
    const std::uint32_t imm = m_code[add + 2];
    truncate(add);
    const auto fused = static_cast<Op>(static_cast<std::uint32_t>(Op::kAddBrIfI32EqImm) + k / 2);
    return emit(branch_op(fused), {src, imm, a, b, 0}, false);
}

bool FunctionCompiler::fuse_add_chain(Op add, const Operand& a, const Operand& b,
                                      std::uint32_t dst) {
    Op fused = Op::kCount;
    if (add == Op::kI32Add && m_last_op == Op::kI32Add) fused = Op::kI32Add2;
    if (add == Op::kF64Add && m_last_op == Op::kF64Add) fused = Op::kF64Add2;
    // Chains grow up to five terms (a reduction unrolled by four), each add of the sum before
    // it: ((x + y) + z) + w, the association kept.
    if (add == Op::kI32Add && m_last_op == Op::kI32Add2) fused = Op::kI32Add3;
    if (add == Op::kI32Add && m_last_op == Op::kI32Add3) fused = Op::kI32Add4;
    if (add == Op::kF64Add && m_last_op == Op::kF64Add2) fused = Op::kF64Add3;
    if (add == Op::kF64Add && m_last_op == Op::kF64Add3) fused = Op::kF64Add4;
    if (fused == Op::kCount || m_last_start == kNone ||
        m_last_start + 1 + kOpWords[static_cast<std::size_t>(m_last_op)] != m_code.size())
        return false;
    // One operand is the sum just computed, still in its temporary (so nothing else reads it):
    // (x + y) + other. Addition commutes, exactly in IEEE arithmetic too (spec 4.3.3), so the
    // side it is on does not matter.
    const std::uint32_t sum = m_code.back();
    const Operand* other = nullptr;
    if (a.kind == OperandKind::kHome && a.slot == sum) other = &b;
    if (b.kind == OperandKind::kHome && b.slot == sum) other = &a;
    if (other == nullptr || other->kind == OperandKind::kConst || other->slot == sum) return false;
    const std::uint32_t start = m_last_start;
    m_code[start] = static_cast<std::uint32_t>(fused);
    m_code.back() = other->slot;
    m_code.push_back(dst);
    m_last_op = fused;
    return true;
}

bool FunctionCompiler::fuse_bitwise(Op op, const Operand& a, const Operand& b, std::uint32_t dst) {
    if ((op != Op::kI32Xor && op != Op::kI32And && op != Op::kI32Or) || m_starts.empty())
        return false;
    // The instruction just emitted computed one operand (`u`, a temporary only this one reads);
    // `t` is the other, a temporary or a local. Everything is read before anything is written,
    // and the instruction folded in wrote only `u`, so reading `t` early changes nothing.
    const std::uint32_t last = m_starts.back();
    if (last + 4 != m_code.size()) return false;
    const std::uint32_t u = m_code[last + 3];
    const bool a_is_u = a.kind == OperandKind::kHome && a.slot == u;
    const bool b_is_u = b.kind == OperandKind::kHome && b.slot == u;
    if (a_is_u == b_is_u) return false;
    const Operand& other = a_is_u ? b : a;
    if (other.kind == OperandKind::kConst) return false;
    const std::uint32_t t = other.slot;
    const auto last_op = static_cast<Op>(m_code[last]);
    const std::uint32_t x = m_code[last + 1];
    const std::uint32_t y = m_code[last + 2];
    if (op == Op::kI32And) {
        // t & (x ^ -1) and t & (x ^ y).
        if (last_op == Op::kI32XorImm && y == 0xffffffffU) {
            truncate(last);
            emit(Op::kI32AndNot, {t, x, dst}, true);
            return true;
        }
        if (last_op != Op::kI32Xor) return false;
        truncate(last);
        emit(Op::kI32AndXor, {t, x, y, dst}, true);
        return true;
    }
    if (op == Op::kI32Xor && last_op == Op::kI32And) {  // t ^ (x & y)
        truncate(last);
        emit(Op::kI32XorAnd, {t, x, y, dst}, true);
        return true;
    }
    const auto shift = shift_at(m_code, last);
    if (!shift || shifted_operand_op(op, shift->kind) == Op::kCount) return false;
    // A temporary `t` may be a rotation (or an xor of two) just before, of a value other than
    // `t` (the shift read its operand after `t` was written): the xor of two or three
    // rotations, as in SHA-2's sigma functions, is then one instruction.
    const std::uint32_t prev = m_starts.size() >= 2 ? m_starts[m_starts.size() - 2] : kNone;
    if (op == Op::kI32Xor && prev != kNone && other.kind == OperandKind::kHome && shift->src != t &&
        shift->kind != ShiftKind::kShl) {
        const auto first = prev + 4 == last ? shift_at(m_code, prev) : std::nullopt;
        if (first && first->kind == ShiftKind::kRotl && shift->kind == ShiftKind::kRotl &&
            first->dst == t) {
            truncate(prev);
            emit(Op::kI32XorRotl2, {first->src, first->amount, shift->src, shift->amount, dst},
                 true);
            return true;
        }
        if (prev + 6 == last && static_cast<Op>(m_code[prev]) == Op::kI32XorRotl2 &&
            m_code[prev + 5] == t) {
            const std::array<std::uint32_t, 4> two{m_code[prev + 1], m_code[prev + 2],
                                                   m_code[prev + 3], m_code[prev + 4]};
            truncate(prev);
            emit(shift->kind == ShiftKind::kRotl ? Op::kI32XorRotl3 : Op::kI32XorRotl2ShrU,
                 {two[0], two[1], two[2], two[3], shift->src, shift->amount, dst}, true);
            return true;
        }
    }
    truncate(last);
    emit(shifted_operand_op(op, shift->kind), {t, shift->src, shift->amount, dst}, true);
    return true;
}

bool FunctionCompiler::fuse_imm_pair(Op op, const Operand& a, std::uint32_t imm,
                                     std::uint32_t dst) {
    // x * c1 + c2 (a linear congruential step) and (x >> c1) & c2, (x << c1) & c2 (a bit
    // field): the first part's result is the temporary `a`, read only here.
    if (a.kind != OperandKind::kHome || m_last_start == kNone ||
        m_last_start + 4 != m_code.size() || m_code.back() != a.slot)
        return false;
    Op fused = Op::kCount;
    if (op == Op::kI32AddImm && m_last_op == Op::kI32MulImm) fused = Op::kI32MulAddImm;
    if (op == Op::kI32AndImm && m_last_op == Op::kI32ShrUImm) fused = Op::kI32ShrUAndImm;
    if (op == Op::kI32AndImm && m_last_op == Op::kI32ShlImm) fused = Op::kI32ShlAndImm;
    if (fused == Op::kCount) return false;
    const std::uint32_t start = m_last_start;
    const std::uint32_t x = m_code[start + 1];
    const std::uint32_t first = m_code[start + 2];
    truncate(start);
    emit(fused, {x, first, imm, dst}, true);
    return true;
}

}  // namespace yunlian::wasm::detail
