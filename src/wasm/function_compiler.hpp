#pragma once
// Validates one function body (spec 3.3, with the algorithm of the spec's validation appendix) and
// translates it, in the same pass, into the slot-addressed code of compiled.hpp. Internal to the
// wasm library; the entry point is compile_module() in compiler.hpp.
//
// Translation: every operand-stack position has a fixed frame slot ("home"). local.get and
// constants do not copy: they push a virtual operand that consumers read straight from the local's
// slot or as an immediate. Virtual locals are materialized before their local is written, at block
// boundaries and when they leave through a branch, so every control-flow join sees values at home.

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.hpp"
#include "wasm/compiled.hpp"
#include "wasm/error.hpp"
#include "wasm/module.hpp"
#include "wasm/ops.hpp"
#include "wasm/reader.hpp"

namespace yunlian::wasm::detail {

/// Where an operand's value is.
enum class OperandKind : std::uint8_t { kHome, kLocal, kConst };

struct Operand {
    ValType type = ValType::kI32;  // kNoType (0) is the spec's "unknown" in unreachable code
    OperandKind kind = OperandKind::kHome;
    std::uint32_t slot = 0;   // kHome: its home slot; kLocal: the local's slot
    std::uint64_t value = 0;  // kConst
};

/// The signature of a block: params and results.
struct BlockSig {
    std::span<const ValType> params;
    std::span<const ValType> results;
};

enum class CtrlKind : std::uint8_t { kFunc, kBlock, kLoop, kIf, kElse };

struct Ctrl {
    CtrlKind kind = CtrlKind::kBlock;
    BlockSig sig;
    std::uint32_t height = 0;         // operand stack size below the block's params
    bool unreachable = false;         // the spec's flag: the operand stack is polymorphic
    bool dead = false;                // the block itself is never reached, so nothing is emitted
    std::uint32_t loop_pos = 0;       // kLoop: the branch target
    std::uint32_t fixups = kNoFixup;  // head of this label's pending forward branches
    std::uint32_t else_fixup = kNoFixup;  // kIf: the branch to patch at else or end
    std::uint32_t else_operand = 0;       // and the word of its offset
    static constexpr std::uint32_t kNoFixup = 0xffffffffU;

    [[nodiscard]] std::span<const ValType> label_types() const noexcept {
        return kind == CtrlKind::kLoop ? sig.params : sig.results;
    }
};

/// A forward branch waiting for its label's position: code[operand] = target - start.
struct Fixup {
    std::uint32_t start;
    std::uint32_t operand;
    std::uint32_t next;
};

class FunctionCompiler {
  public:
    FunctionCompiler(const Module& module, const CompileOptions& options,
                     std::span<const std::uint32_t> type_ids, std::vector<std::uint32_t>& code);

    /// Validates and translates the body of function `func_index` (a defined function).
    Result<CompiledFunction, Error> compile(std::uint32_t func_index, const CodeBody& body);

    /// Copies each direct callee's numbers into the calls to it; after the last compile().
    void link_calls(std::span<const CompiledFunction> functions);

  private:
    static constexpr std::uint32_t kNone = 0xffffffffU;
    static constexpr std::size_t kMaxVirtualLocals = 64;
    static constexpr std::uint32_t kMaxFrameSlots = 1U << 20;

    // Body structure (function_compiler.cpp).
    Result<void, Error> read_locals(Reader& r, const FuncType& type);
    Result<void, Error> instruction(Reader& r, std::uint8_t opcode);
    Result<void, Error> prefixed(Reader& r);
    Result<BlockSig, Error> block_sig(Reader& r);
    Result<std::uint32_t, Error> memarg(Reader& r, std::uint8_t max_align);

    // Operand stack.
    [[nodiscard]] bool live() const noexcept {
        return !m_ctrls.back().unreachable && !m_ctrls.back().dead;
    }
    [[nodiscard]] std::uint32_t home(std::size_t index) const noexcept {
        return m_stack_base + static_cast<std::uint32_t>(index);
    }
    std::uint32_t push(ValType type);
    void push_operand(Operand operand);
    Result<Operand, Error> pop(ValType expected);
    Result<Operand, Error> pop_any();
    Result<void, Error> check_top(std::span<const ValType> types);
    /// The slot `op` can be read from, emitting a constant into its home if needed.
    std::uint32_t slot_of(const Operand& op);
    void materialize(std::size_t index);
    void materialize_locals(std::uint32_t local);
    void materialize_all_locals();
    void materialize_top(std::size_t n);

    // Control.
    Result<void, Error> push_ctrl(CtrlKind kind, BlockSig sig);
    Result<void, Error> end_block();
    Result<void, Error> else_block();
    Result<void, Error> branch(std::uint32_t depth);
    Result<void, Error> branch_if(std::uint32_t depth);
    Result<void, Error> branch_table(Reader& r);
    Result<void, Error> do_return();
    void set_unreachable();
    void patch_fixups(Ctrl& ctrl, std::uint32_t target);
    void add_fixup(Ctrl& ctrl, std::uint32_t start, std::uint32_t operand);
    [[nodiscard]] bool transfer_needed(const Ctrl& target) const;
    void emit_transfer(const Ctrl& target);
    void emit_jump(Ctrl& target);
    /// The metered form of a branch when metering (ops.hpp, metered_branch). Only for branches
    /// whose successors all start with a Fuel: labels do, and emit_cond_branch()'s callers open
    /// a segment right after the branch.
    [[nodiscard]] Op branch_op(Op op) const noexcept {
        return m_options.metering ? metered_branch(op) : op;
    }

    // Emission.
    std::uint32_t emit(Op op, std::initializer_list<std::uint32_t> operands, bool has_dst);
    /// Opens a fuel segment (unless one with no code is open) and returns the label position.
    std::uint32_t begin_segment(bool fresh = false);
    void close_segment();
    void charge(std::uint32_t cost) noexcept { m_segment_cost += cost; }
    void forget_last() noexcept { m_last_start = kNone; }
    /// Drops the code from `pos` on (an instruction being fused with the next).
    void truncate(std::uint32_t pos);

    // Super-instructions (function_compiler_fuse.cpp). Both look only at instructions emitted
    // since the last label, so no branch target is ever fused away.
    /// Two loads just emitted into `a` and `b` and a multiplication of them become one
    /// instruction; returns false (emitting nothing) when the pattern is not there.
    bool fuse_mul_loads(Op mul, std::uint32_t a, std::uint32_t b, std::uint32_t dst);
    /// An i32.add of a constant just emitted into `a`, followed by the compare-and-branch on `a`
    /// being emitted, become one instruction. Returns its start, or kNone.
    std::uint32_t fuse_add_branch(Op branch, std::uint32_t a, std::uint32_t b);
    /// An i32.add (f64.add) of the sum the previous i32.add (f64.add) just computed becomes one
    /// three-operand add; returns false (emitting nothing) when the pattern is not there.
    bool fuse_add_chain(Op add, const Operand& a, const Operand& b, std::uint32_t dst);
    /// An i32.xor of the rotation, shift by a constant or i32.and just emitted (folding in one
    /// or two rotations before it when they compute the other operand), an i32.or of the shift
    /// by a constant just emitted, or an i32.and of the i32.xor (with -1 or another value) just
    /// emitted, becomes one instruction; returns false (emitting nothing) when the pattern is
    /// not there.
    bool fuse_bitwise(Op op, const Operand& a, const Operand& b, std::uint32_t dst);
    /// An i32.add (i32.and) of a constant to the i32.mul (shift) by a constant just emitted
    /// becomes one instruction; returns false (emitting nothing) when the pattern is not there.
    bool fuse_imm_pair(Op op, const Operand& a, std::uint32_t imm, std::uint32_t dst);

    // Instruction groups (function_compiler_ops.cpp).
    Result<void, Error> simple(std::uint16_t code);
    Result<void, Error> memory_access(Reader& r, std::uint8_t opcode);
    bool take_add_imm(const Operand& addr, std::uint32_t& base, std::uint32_t& imm);
    /// As take_add_imm, for an i32.add of two slots (an i32.load then reads their sum).
    bool take_add(const Operand& addr, std::uint32_t& a, std::uint32_t& b);
    /// Emits "branch if `cond` is false" (or true when `when_true`), fusing the i32 comparison or
    /// eqz that just produced `cond`. Returns the instruction start and its offset word.
    std::pair<std::uint32_t, std::uint32_t> emit_cond_branch(const Operand& cond, bool when_true);
    Result<void, Error> local_op(Reader& r, std::uint8_t opcode);
    Result<void, Error> global_op(Reader& r, std::uint8_t opcode);
    Result<void, Error> call(Reader& r);
    Result<void, Error> call_indirect(Reader& r);
    Result<void, Error> emit_call(Op op, std::uint32_t index, const FuncType& type,
                                  std::span<const std::uint32_t> extra);
    Result<void, Error> select(Reader& r, bool typed);
    Result<void, Error> table_op(Reader& r, std::uint32_t sub);
    Result<void, Error> memory_bulk(Reader& r, std::uint32_t sub);
    Result<void, Error> constant(Reader& r, std::uint8_t opcode);
    Result<void, Error> ref_op(Reader& r, std::uint8_t opcode);
    Result<void, Error> require_memory() const;
    Result<void, Error> require_float() const;

    const Module& m_module;
    const CompileOptions& m_options;
    std::span<const std::uint32_t> m_type_ids;
    std::vector<std::uint32_t>& m_code;

    std::vector<ValType> m_locals;  // params, then declared locals
    std::uint32_t m_stack_base = 0;
    std::uint32_t m_max_height = 0;
    std::vector<Operand> m_stack;
    std::vector<Ctrl> m_ctrls;
    std::vector<Fixup> m_fixups;
    std::vector<std::uint32_t> m_virtual;  // stack positions that may hold kLocal operands
    /// Until the first join (loop header, else, end label) code runs once, straight from the
    /// entry; there, m_zero_locals[x] says declared local x still holds its initial zero.
    bool m_entry_region = true;
    std::vector<std::uint8_t> m_zero_locals;

    std::uint32_t m_segment_pos = kNone;  // the Fuel operand of the open segment
    std::uint64_t m_segment_cost = 0;
    std::uint32_t m_last_start = kNone;  // the last emitted instruction, while peepholes may use it
    std::vector<std::uint32_t> m_starts;  // starts of the instructions emitted since the last label
    std::vector<std::uint32_t> m_call_sites;  // every Call and CallAddImm in the module's code
    Op m_last_op = Op::kNop;
};

}  // namespace yunlian::wasm::detail
