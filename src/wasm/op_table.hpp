#pragma once
// What the compiler needs to know about each simple instruction: its internal opcode, operand
// types and result type. Kept in step with ops.hpp by hand (kOpWords' size is checked).

#include <cstddef>
#include <cstdint>

#include "wasm/module.hpp"
#include "wasm/ops.hpp"

namespace yunlian::wasm {

/// Marks a missing operand in SimpleOp.
constexpr ValType kNoType = static_cast<ValType>(0);

/// A numeric instruction: wasm opcode (0x100 + n for 0xfc n), internal op, the variant with an
/// immediate second operand (kCount if none), operand and result types.
struct SimpleOp {
    std::uint16_t code;
    Op op;
    Op imm_op;
    Op br_if_op;
    Op br_if_imm_op;
    ValType a;
    ValType b;
    ValType out;
};

/// Every numeric instruction the interpreter implements with one handler.
inline constexpr SimpleOp kSimpleOps[] = {
    {0x45, Op::kI32Eqz, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType, ValType::kI32},
    {0x46, Op::kI32Eq, Op::kI32EqImm, Op::kBrIfI32Eq, Op::kBrIfI32EqImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x47, Op::kI32Ne, Op::kI32NeImm, Op::kBrIfI32Ne, Op::kBrIfI32NeImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x48, Op::kI32LtS, Op::kI32LtSImm, Op::kBrIfI32LtS, Op::kBrIfI32LtSImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x49, Op::kI32LtU, Op::kI32LtUImm, Op::kBrIfI32LtU, Op::kBrIfI32LtUImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4a, Op::kI32GtS, Op::kI32GtSImm, Op::kBrIfI32GtS, Op::kBrIfI32GtSImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4b, Op::kI32GtU, Op::kI32GtUImm, Op::kBrIfI32GtU, Op::kBrIfI32GtUImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4c, Op::kI32LeS, Op::kI32LeSImm, Op::kBrIfI32LeS, Op::kBrIfI32LeSImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4d, Op::kI32LeU, Op::kI32LeUImm, Op::kBrIfI32LeU, Op::kBrIfI32LeUImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4e, Op::kI32GeS, Op::kI32GeSImm, Op::kBrIfI32GeS, Op::kBrIfI32GeSImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x4f, Op::kI32GeU, Op::kI32GeUImm, Op::kBrIfI32GeU, Op::kBrIfI32GeUImm, ValType::kI32,
     ValType::kI32, ValType::kI32},
    {0x50, Op::kI64Eqz, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType, ValType::kI32},
    {0x51, Op::kI64Eq, Op::kI64EqImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x52, Op::kI64Ne, Op::kI64NeImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x53, Op::kI64LtS, Op::kI64LtSImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x54, Op::kI64LtU, Op::kI64LtUImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x55, Op::kI64GtS, Op::kI64GtSImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x56, Op::kI64GtU, Op::kI64GtUImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x57, Op::kI64LeS, Op::kI64LeSImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x58, Op::kI64LeU, Op::kI64LeUImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x59, Op::kI64GeS, Op::kI64GeSImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x5a, Op::kI64GeU, Op::kI64GeUImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI32},
    {0x5b, Op::kF32Eq, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x5c, Op::kF32Ne, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x5d, Op::kF32Lt, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x5e, Op::kF32Gt, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x5f, Op::kF32Le, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x60, Op::kF32Ge, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kI32},
    {0x61, Op::kF64Eq, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x62, Op::kF64Ne, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x63, Op::kF64Lt, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x64, Op::kF64Gt, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x65, Op::kF64Le, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x66, Op::kF64Ge, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kI32},
    {0x67, Op::kI32Clz, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType, ValType::kI32},
    {0x68, Op::kI32Ctz, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType, ValType::kI32},
    {0x69, Op::kI32Popcnt, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kI32},
    {0x6a, Op::kI32Add, Op::kI32AddImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x6b, Op::kI32Sub, Op::kI32SubImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x6c, Op::kI32Mul, Op::kI32MulImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x6d, Op::kI32DivS, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x6e, Op::kI32DivU, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x6f, Op::kI32RemS, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x70, Op::kI32RemU, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x71, Op::kI32And, Op::kI32AndImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x72, Op::kI32Or, Op::kI32OrImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x73, Op::kI32Xor, Op::kI32XorImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x74, Op::kI32Shl, Op::kI32ShlImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x75, Op::kI32ShrS, Op::kI32ShrSImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x76, Op::kI32ShrU, Op::kI32ShrUImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x77, Op::kI32Rotl, Op::kI32RotlImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x78, Op::kI32Rotr, Op::kI32RotrImm, Op::kCount, Op::kCount, ValType::kI32, ValType::kI32,
     ValType::kI32},
    {0x79, Op::kI64Clz, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType, ValType::kI64},
    {0x7a, Op::kI64Ctz, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType, ValType::kI64},
    {0x7b, Op::kI64Popcnt, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kI64},
    {0x7c, Op::kI64Add, Op::kI64AddImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x7d, Op::kI64Sub, Op::kI64SubImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x7e, Op::kI64Mul, Op::kI64MulImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x7f, Op::kI64DivS, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x80, Op::kI64DivU, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x81, Op::kI64RemS, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x82, Op::kI64RemU, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x83, Op::kI64And, Op::kI64AndImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x84, Op::kI64Or, Op::kI64OrImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x85, Op::kI64Xor, Op::kI64XorImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x86, Op::kI64Shl, Op::kI64ShlImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x87, Op::kI64ShrS, Op::kI64ShrSImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x88, Op::kI64ShrU, Op::kI64ShrUImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x89, Op::kI64Rotl, Op::kI64RotlImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x8a, Op::kI64Rotr, Op::kI64RotrImm, Op::kCount, Op::kCount, ValType::kI64, ValType::kI64,
     ValType::kI64},
    {0x8b, Op::kF32Abs, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType, ValType::kF32},
    {0x8c, Op::kF32Neg, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType, ValType::kF32},
    {0x8d, Op::kF32Ceil, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType, ValType::kF32},
    {0x8e, Op::kF32Floor, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kF32},
    {0x8f, Op::kF32Trunc, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kF32},
    {0x90, Op::kF32Nearest, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kF32},
    {0x91, Op::kF32Sqrt, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType, ValType::kF32},
    {0x92, Op::kF32Add, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x93, Op::kF32Sub, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x94, Op::kF32Mul, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x95, Op::kF32Div, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x96, Op::kF32Min, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x97, Op::kF32Max, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x98, Op::kF32Copysign, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, ValType::kF32,
     ValType::kF32},
    {0x99, Op::kF64Abs, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType, ValType::kF64},
    {0x9a, Op::kF64Neg, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType, ValType::kF64},
    {0x9b, Op::kF64Ceil, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType, ValType::kF64},
    {0x9c, Op::kF64Floor, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kF64},
    {0x9d, Op::kF64Trunc, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kF64},
    {0x9e, Op::kF64Nearest, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kF64},
    {0x9f, Op::kF64Sqrt, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType, ValType::kF64},
    {0xa0, Op::kF64Add, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa1, Op::kF64Sub, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa2, Op::kF64Mul, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa3, Op::kF64Div, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa4, Op::kF64Min, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa5, Op::kF64Max, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa6, Op::kF64Copysign, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, ValType::kF64,
     ValType::kF64},
    {0xa7, Op::kI32WrapI64, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kI32},
    {0xa8, Op::kI32TruncF32S, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI32},
    {0xa9, Op::kI32TruncF32U, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI32},
    {0xaa, Op::kI32TruncF64S, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI32},
    {0xab, Op::kI32TruncF64U, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI32},
    {0xac, Op::kI64ExtendI32S, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kI64},
    {0xad, Op::kI64ExtendI32U, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kI64},
    {0xae, Op::kI64TruncF32S, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI64},
    {0xaf, Op::kI64TruncF32U, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI64},
    {0xb0, Op::kI64TruncF64S, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI64},
    {0xb1, Op::kI64TruncF64U, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI64},
    {0xb2, Op::kF32ConvertI32S, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kF32},
    {0xb3, Op::kF32ConvertI32U, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kF32},
    {0xb4, Op::kF32ConvertI64S, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kF32},
    {0xb5, Op::kF32ConvertI64U, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kF32},
    {0xb6, Op::kF32DemoteF64, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kF32},
    {0xb7, Op::kF64ConvertI32S, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kF64},
    {0xb8, Op::kF64ConvertI32U, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kF64},
    {0xb9, Op::kF64ConvertI64S, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kF64},
    {0xba, Op::kF64ConvertI64U, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kF64},
    {0xbb, Op::kF64PromoteF32, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kF64},
    {0xc0, Op::kI32Extend8S, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kI32},
    {0xc1, Op::kI32Extend16S, Op::kCount, Op::kCount, Op::kCount, ValType::kI32, kNoType,
     ValType::kI32},
    {0xc2, Op::kI64Extend8S, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kI64},
    {0xc3, Op::kI64Extend16S, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kI64},
    {0xc4, Op::kI64Extend32S, Op::kCount, Op::kCount, Op::kCount, ValType::kI64, kNoType,
     ValType::kI64},
    {0x100, Op::kI32TruncSatF32S, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI32},
    {0x101, Op::kI32TruncSatF32U, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI32},
    {0x102, Op::kI32TruncSatF64S, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI32},
    {0x103, Op::kI32TruncSatF64U, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI32},
    {0x104, Op::kI64TruncSatF32S, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI64},
    {0x105, Op::kI64TruncSatF32U, Op::kCount, Op::kCount, Op::kCount, ValType::kF32, kNoType,
     ValType::kI64},
    {0x106, Op::kI64TruncSatF64S, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI64},
    {0x107, Op::kI64TruncSatF64U, Op::kCount, Op::kCount, Op::kCount, ValType::kF64, kNoType,
     ValType::kI64},
};

/// A load or store: wasm opcode, internal op, value type and natural alignment (log2).
struct MemoryOp {
    std::uint8_t code;
    Op op;
    Op add_imm_op;  // the same access with an i32.add of a constant folded into the address
    ValType type;
    std::uint8_t align;
};

inline constexpr MemoryOp kMemoryOps[] = {
    {0x28, Op::kI32Load, Op::kI32LoadAddImm, ValType::kI32, 2},
    {0x29, Op::kI64Load, Op::kI64LoadAddImm, ValType::kI64, 3},
    {0x2a, Op::kF32Load, Op::kF32LoadAddImm, ValType::kF32, 2},
    {0x2b, Op::kF64Load, Op::kF64LoadAddImm, ValType::kF64, 3},
    {0x2c, Op::kI32Load8S, Op::kI32Load8SAddImm, ValType::kI32, 0},
    {0x2d, Op::kI32Load8U, Op::kI32Load8UAddImm, ValType::kI32, 0},
    {0x2e, Op::kI32Load16S, Op::kI32Load16SAddImm, ValType::kI32, 1},
    {0x2f, Op::kI32Load16U, Op::kI32Load16UAddImm, ValType::kI32, 1},
    {0x30, Op::kI64Load8S, Op::kI64Load8SAddImm, ValType::kI64, 0},
    {0x31, Op::kI64Load8U, Op::kI64Load8UAddImm, ValType::kI64, 0},
    {0x32, Op::kI64Load16S, Op::kI64Load16SAddImm, ValType::kI64, 1},
    {0x33, Op::kI64Load16U, Op::kI64Load16UAddImm, ValType::kI64, 1},
    {0x34, Op::kI64Load32S, Op::kI64Load32SAddImm, ValType::kI64, 2},
    {0x35, Op::kI64Load32U, Op::kI64Load32UAddImm, ValType::kI64, 2},
    {0x36, Op::kI32Store, Op::kI32StoreAddImm, ValType::kI32, 2},
    {0x37, Op::kI64Store, Op::kI64StoreAddImm, ValType::kI64, 3},
    {0x38, Op::kF32Store, Op::kF32StoreAddImm, ValType::kF32, 2},
    {0x39, Op::kF64Store, Op::kF64StoreAddImm, ValType::kF64, 3},
    {0x3a, Op::kI32Store8, Op::kI32Store8AddImm, ValType::kI32, 0},
    {0x3b, Op::kI32Store16, Op::kI32Store16AddImm, ValType::kI32, 1},
    {0x3c, Op::kI64Store8, Op::kI64Store8AddImm, ValType::kI64, 0},
    {0x3d, Op::kI64Store16, Op::kI64Store16AddImm, ValType::kI64, 1},
    {0x3e, Op::kI64Store32, Op::kI64Store32AddImm, ValType::kI64, 2},
};

/// Operand words after the opcode of each fixed-size op (BrTable: 0, it is variable).
inline constexpr std::uint8_t kOpWords[] = {
    0,   // Unreachable
    0,   // Nop
    1,   // Fuel
    1,   // Br
    2,   // BrIf
    2,   // BrUnless
    0,   // BrTable
    2,   // Return
    0,   // Return0
    1,   // Return1
    7,   // Call
    2,   // CallImport
    4,   // CallIndirect
    2,   // Copy
    2,   // Const32
    3,   // Const64
    4,   // Select
    2,   // GlobalGet
    2,   // GlobalSet
    1,   // MemorySize
    2,   // MemoryGrow
    3,   // MemoryFill
    3,   // MemoryCopy
    4,   // MemoryInit
    1,   // DataDrop
    3,   // TableGet
    3,   // TableSet
    2,   // TableSize
    4,   // TableGrow
    4,   // TableFill
    5,   // TableCopy
    5,   // TableInit
    1,   // ElemDrop
    2,   // RefIsNull
    2,   // RefFunc
    3,   // I32Load
    3,   // I64Load
    3,   // F32Load
    3,   // F64Load
    3,   // I32Load8S
    3,   // I32Load8U
    3,   // I32Load16S
    3,   // I32Load16U
    3,   // I64Load8S
    3,   // I64Load8U
    3,   // I64Load16S
    3,   // I64Load16U
    3,   // I64Load32S
    3,   // I64Load32U
    3,   // I32Store
    3,   // I64Store
    3,   // F32Store
    3,   // F64Store
    3,   // I32Store8
    3,   // I32Store16
    3,   // I64Store8
    3,   // I64Store16
    3,   // I64Store32
    2,   // I32Eqz
    3,   // I32Eq
    3,   // I32Ne
    3,   // I32LtS
    3,   // I32LtU
    3,   // I32GtS
    3,   // I32GtU
    3,   // I32LeS
    3,   // I32LeU
    3,   // I32GeS
    3,   // I32GeU
    2,   // I64Eqz
    3,   // I64Eq
    3,   // I64Ne
    3,   // I64LtS
    3,   // I64LtU
    3,   // I64GtS
    3,   // I64GtU
    3,   // I64LeS
    3,   // I64LeU
    3,   // I64GeS
    3,   // I64GeU
    3,   // F32Eq
    3,   // F32Ne
    3,   // F32Lt
    3,   // F32Gt
    3,   // F32Le
    3,   // F32Ge
    3,   // F64Eq
    3,   // F64Ne
    3,   // F64Lt
    3,   // F64Gt
    3,   // F64Le
    3,   // F64Ge
    2,   // I32Clz
    2,   // I32Ctz
    2,   // I32Popcnt
    3,   // I32Add
    3,   // I32Sub
    3,   // I32Mul
    3,   // I32DivS
    3,   // I32DivU
    3,   // I32RemS
    3,   // I32RemU
    3,   // I32And
    3,   // I32Or
    3,   // I32Xor
    3,   // I32Shl
    3,   // I32ShrS
    3,   // I32ShrU
    3,   // I32Rotl
    3,   // I32Rotr
    2,   // I64Clz
    2,   // I64Ctz
    2,   // I64Popcnt
    3,   // I64Add
    3,   // I64Sub
    3,   // I64Mul
    3,   // I64DivS
    3,   // I64DivU
    3,   // I64RemS
    3,   // I64RemU
    3,   // I64And
    3,   // I64Or
    3,   // I64Xor
    3,   // I64Shl
    3,   // I64ShrS
    3,   // I64ShrU
    3,   // I64Rotl
    3,   // I64Rotr
    2,   // F32Abs
    2,   // F32Neg
    2,   // F32Ceil
    2,   // F32Floor
    2,   // F32Trunc
    2,   // F32Nearest
    2,   // F32Sqrt
    3,   // F32Add
    3,   // F32Sub
    3,   // F32Mul
    3,   // F32Div
    3,   // F32Min
    3,   // F32Max
    3,   // F32Copysign
    2,   // F64Abs
    2,   // F64Neg
    2,   // F64Ceil
    2,   // F64Floor
    2,   // F64Trunc
    2,   // F64Nearest
    2,   // F64Sqrt
    3,   // F64Add
    3,   // F64Sub
    3,   // F64Mul
    3,   // F64Div
    3,   // F64Min
    3,   // F64Max
    3,   // F64Copysign
    2,   // I32WrapI64
    2,   // I32TruncF32S
    2,   // I32TruncF32U
    2,   // I32TruncF64S
    2,   // I32TruncF64U
    2,   // I64ExtendI32S
    2,   // I64ExtendI32U
    2,   // I64TruncF32S
    2,   // I64TruncF32U
    2,   // I64TruncF64S
    2,   // I64TruncF64U
    2,   // F32ConvertI32S
    2,   // F32ConvertI32U
    2,   // F32ConvertI64S
    2,   // F32ConvertI64U
    2,   // F32DemoteF64
    2,   // F64ConvertI32S
    2,   // F64ConvertI32U
    2,   // F64ConvertI64S
    2,   // F64ConvertI64U
    2,   // F64PromoteF32
    2,   // I32Extend8S
    2,   // I32Extend16S
    2,   // I64Extend8S
    2,   // I64Extend16S
    2,   // I64Extend32S
    2,   // I32TruncSatF32S
    2,   // I32TruncSatF32U
    2,   // I32TruncSatF64S
    2,   // I32TruncSatF64U
    2,   // I64TruncSatF32S
    2,   // I64TruncSatF32U
    2,   // I64TruncSatF64S
    2,   // I64TruncSatF64U
    3,   // I32AddImm
    3,   // I32SubImm
    3,   // I32MulImm
    3,   // I32AndImm
    3,   // I32OrImm
    3,   // I32XorImm
    3,   // I32ShlImm
    3,   // I32ShrSImm
    3,   // I32ShrUImm
    3,   // I32EqImm
    3,   // I32NeImm
    3,   // I32LtSImm
    3,   // I32LtUImm
    3,   // I32GtSImm
    3,   // I32GtUImm
    3,   // I32LeSImm
    3,   // I32LeUImm
    3,   // I32GeSImm
    3,   // I32GeUImm
    3,   // I64AddImm
    3,   // I64SubImm
    3,   // I64MulImm
    3,   // I64AndImm
    3,   // I64OrImm
    3,   // I64XorImm
    3,   // I64ShlImm
    3,   // I64ShrSImm
    3,   // I64ShrUImm
    3,   // I64EqImm
    3,   // I64NeImm
    3,   // I64LtSImm
    3,   // I64LtUImm
    3,   // I64GtSImm
    3,   // I64GtUImm
    3,   // I64LeSImm
    3,   // I64LeUImm
    3,   // I64GeSImm
    3,   // I64GeUImm
    3,   // BrIfI32Eq
    3,   // BrIfI32EqImm
    3,   // BrIfI32Ne
    3,   // BrIfI32NeImm
    3,   // BrIfI32LtS
    3,   // BrIfI32LtSImm
    3,   // BrIfI32LtU
    3,   // BrIfI32LtUImm
    3,   // BrIfI32GtS
    3,   // BrIfI32GtSImm
    3,   // BrIfI32GtU
    3,   // BrIfI32GtUImm
    3,   // BrIfI32LeS
    3,   // BrIfI32LeSImm
    3,   // BrIfI32LeU
    3,   // BrIfI32LeUImm
    3,   // BrIfI32GeS
    3,   // BrIfI32GeSImm
    3,   // BrIfI32GeU
    3,   // BrIfI32GeUImm
    4,   // I32LoadAddImm
    4,   // I64LoadAddImm
    4,   // F32LoadAddImm
    4,   // F64LoadAddImm
    4,   // I32Load8SAddImm
    4,   // I32Load8UAddImm
    4,   // I32Load16SAddImm
    4,   // I32Load16UAddImm
    4,   // I64Load8SAddImm
    4,   // I64Load8UAddImm
    4,   // I64Load16SAddImm
    4,   // I64Load16UAddImm
    4,   // I64Load32SAddImm
    4,   // I64Load32UAddImm
    4,   // I32StoreAddImm
    4,   // I64StoreAddImm
    4,   // F32StoreAddImm
    4,   // F64StoreAddImm
    4,   // I32Store8AddImm
    4,   // I32Store16AddImm
    4,   // I64Store8AddImm
    4,   // I64Store16AddImm
    4,   // I64Store32AddImm
    1,   // BrMetered
    2,   // BrIfMetered
    2,   // BrUnlessMetered
    0,   // BrTableMetered
    3,   // BrIfI32EqMetered
    3,   // BrIfI32EqImmMetered
    3,   // BrIfI32NeMetered
    3,   // BrIfI32NeImmMetered
    3,   // BrIfI32LtSMetered
    3,   // BrIfI32LtSImmMetered
    3,   // BrIfI32LtUMetered
    3,   // BrIfI32LtUImmMetered
    3,   // BrIfI32GtSMetered
    3,   // BrIfI32GtSImmMetered
    3,   // BrIfI32GtUMetered
    3,   // BrIfI32GtUImmMetered
    3,   // BrIfI32LeSMetered
    3,   // BrIfI32LeSImmMetered
    3,   // BrIfI32LeUMetered
    3,   // BrIfI32LeUImmMetered
    3,   // BrIfI32GeSMetered
    3,   // BrIfI32GeSImmMetered
    3,   // BrIfI32GeUMetered
    3,   // BrIfI32GeUImmMetered
    7,   // I32MulLoads
    7,   // I64MulLoads
    7,   // F32MulLoads
    7,   // F64MulLoads
    5,   // AddBrIfI32EqImm
    5,   // AddBrIfI32NeImm
    5,   // AddBrIfI32LtSImm
    5,   // AddBrIfI32LtUImm
    5,   // AddBrIfI32GtSImm
    5,   // AddBrIfI32GtUImm
    5,   // AddBrIfI32LeSImm
    5,   // AddBrIfI32LeUImm
    5,   // AddBrIfI32GeSImm
    5,   // AddBrIfI32GeUImm
    5,   // AddBrIfI32EqImmMetered
    5,   // AddBrIfI32NeImmMetered
    5,   // AddBrIfI32LtSImmMetered
    5,   // AddBrIfI32LtUImmMetered
    5,   // AddBrIfI32GtSImmMetered
    5,   // AddBrIfI32GtUImmMetered
    5,   // AddBrIfI32LeSImmMetered
    5,   // AddBrIfI32LeUImmMetered
    5,   // AddBrIfI32GeSImmMetered
    5,   // AddBrIfI32GeUImmMetered
    3,   // I32RotlImm
    3,   // I32RotrImm
    3,   // I64RotlImm
    3,   // I64RotrImm
    4,   // Copy2
    4,   // I32Add2
    4,   // F64Add2
    4,   // I32XorRotlImm
    4,   // I32XorShrUImm
    5,   // I32XorRotl2
    7,   // I32XorRotl3
    7,   // I32XorRotl2ShrU
    3,   // I32AndNot
    4,   // I32AndXor
    4,   // I32XorAnd
    6,   // Copy3
    2,   // ReturnI32Add
    10,  // CallAddImm
    4,   // I32MulAddImm
    4,   // I32ShrUAndImm
    4,   // I32ShlAndImm
    4,   // I32LoadAdd
    4,   // I32XorShlImm
    4,   // I32OrShrUImm
    4,   // I32OrShlImm
    5,   // I32Add3
    6,   // I32Add4
    5,   // F64Add3
    6,   // F64Add4
};
static_assert(sizeof(kOpWords) == static_cast<std::size_t>(Op::kCount));

}  // namespace yunlian::wasm
