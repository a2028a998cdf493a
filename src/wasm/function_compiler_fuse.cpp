// Super-instructions: pairs and triples of internal instructions that hot loops run back to back
// become one instruction, saving dispatches. Each keeps the exact meaning of its parts: the same
// bounds checks and traps, the same 32-bit wrapping, the same canonical NaNs, and every slot its
// parts would leave live is still written.

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

std::optional<LoadParts> load_at(const std::vector<std::uint32_t>& code, std::uint32_t pos,
                                 const MulLoads& kind) {
    const auto op = static_cast<Op>(code[pos]);
    if (op == kind.load) return LoadParts{code[pos + 1], 0, code[pos + 2], code[pos + 3], 3};
    if (op == kind.load_add_imm)
        return LoadParts{code[pos + 1], code[pos + 2], code[pos + 3], code[pos + 4], 4};
    return std::nullopt;
}

}  // namespace

bool FunctionCompiler::fuse_mul_loads(Op mul, std::uint32_t a, std::uint32_t b, std::uint32_t dst) {
    const MulLoads* kind = nullptr;
    for (const MulLoads& k : kMulLoads) {
        if (k.mul == mul) kind = &k;
    }
    if (kind == nullptr || m_starts.size() < 2) return false;
    const std::uint32_t second = m_starts.back();
    const std::uint32_t first = m_starts[m_starts.size() - 2];
    const auto x = load_at(m_code, first, *kind);
    const auto y = load_at(m_code, second, *kind);
    // Adjacent, ending the code, loading exactly the two operands (temporaries, distinct), and
    // the second address does not read the first result (the fused form writes neither).
    if (!x || !y || first + 1 + x->words != second || second + 1 + y->words != m_code.size() ||
        x->dst != a || y->dst != b || a == b || y->base == a)
        return false;
    truncate(first);
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

}  // namespace yunlian::wasm::detail
