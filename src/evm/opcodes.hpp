#pragma once
// The Cancun instruction set: opcode numbers, and for each opcode its constant gas and stack
// effect, so the interpreter checks gas and stack height with one table lookup per instruction.

#include <array>
#include <cstdint>

namespace yunlian::evm {

/// Opcode numbers (Yellow Paper appendix H.2 and the EIPs that added opcodes since).
enum Opcode : std::uint8_t {
    kStop = 0x00,
    kAdd = 0x01,
    kMul = 0x02,
    kSub = 0x03,
    kDiv = 0x04,
    kSdiv = 0x05,
    kMod = 0x06,
    kSmod = 0x07,
    kAddmod = 0x08,
    kMulmod = 0x09,
    kExp = 0x0a,
    kSignextend = 0x0b,
    kLt = 0x10,
    kGt = 0x11,
    kSlt = 0x12,
    kSgt = 0x13,
    kEq = 0x14,
    kIszero = 0x15,
    kAnd = 0x16,
    kOr = 0x17,
    kXor = 0x18,
    kNot = 0x19,
    kByte = 0x1a,
    kShl = 0x1b,
    kShr = 0x1c,
    kSar = 0x1d,
    kKeccak256 = 0x20,
    kAddress = 0x30,
    kBalance = 0x31,
    kOrigin = 0x32,
    kCaller = 0x33,
    kCallvalue = 0x34,
    kCalldataload = 0x35,
    kCalldatasize = 0x36,
    kCalldatacopy = 0x37,
    kCodesize = 0x38,
    kCodecopy = 0x39,
    kGasprice = 0x3a,
    kExtcodesize = 0x3b,
    kExtcodecopy = 0x3c,
    kReturndatasize = 0x3d,
    kReturndatacopy = 0x3e,
    kExtcodehash = 0x3f,
    kBlockhash = 0x40,
    kCoinbase = 0x41,
    kTimestamp = 0x42,
    kNumber = 0x43,
    kPrevrandao = 0x44,
    kGaslimit = 0x45,
    kChainid = 0x46,
    kSelfbalance = 0x47,
    kBasefee = 0x48,
    kBlobhash = 0x49,
    kBlobbasefee = 0x4a,
    kPop = 0x50,
    kMload = 0x51,
    kMstore = 0x52,
    kMstore8 = 0x53,
    kSload = 0x54,
    kSstore = 0x55,
    kJump = 0x56,
    kJumpi = 0x57,
    kPc = 0x58,
    kMsize = 0x59,
    kGas = 0x5a,
    kJumpdest = 0x5b,
    kTload = 0x5c,
    kTstore = 0x5d,
    kMcopy = 0x5e,
    kPush0 = 0x5f,
    kPush1 = 0x60,
    kPush32 = 0x7f,
    kDup1 = 0x80,
    kDup16 = 0x8f,
    kSwap1 = 0x90,
    kSwap16 = 0x9f,
    kLog0 = 0xa0,
    kLog4 = 0xa4,
    kCreate = 0xf0,
    kCall = 0xf1,
    kCallcode = 0xf2,
    kReturn = 0xf3,
    kDelegatecall = 0xf4,
    kCreate2 = 0xf5,
    kStaticcall = 0xfa,
    kRevert = 0xfd,
    kInvalid = 0xfe,
    kSelfdestruct = 0xff,
};

/// What the interpreter checks before running an opcode.
struct OpTraits {
    std::int16_t gas = 0;          ///< constant part of the cost (the warm cost under EIP-2929)
    std::int8_t required = 0;      ///< stack items the opcode reads
    std::int16_t max_height = -1;  ///< largest stack height it may start at; -1: undefined opcode
};

namespace detail {
constexpr void set(std::array<OpTraits, 256>& t, std::uint8_t op, int gas, int in, int out) {
    t[op] = {static_cast<std::int16_t>(gas), static_cast<std::int8_t>(in),
             static_cast<std::int16_t>(1024 - (out > in ? out - in : 0))};
}

constexpr std::array<OpTraits, 256> make_traits() {
    std::array<OpTraits, 256> t{};
    // Yellow Paper appendix G tiers: zero 0, base 2, verylow 3, low 5, mid 8, high 10.
    set(t, kStop, 0, 0, 0);
    for (const auto op :
         {kAdd, kSub, kLt, kGt, kSlt, kSgt, kEq, kAnd, kOr, kXor, kByte, kShl, kShr, kSar}) {
        set(t, op, 3, 2, 1);
    }
    for (const auto op : {kMul, kDiv, kSdiv, kMod, kSmod, kSignextend}) set(t, op, 5, 2, 1);
    set(t, kAddmod, 8, 3, 1);
    set(t, kMulmod, 8, 3, 1);
    set(t, kExp, 10, 2, 1);
    set(t, kIszero, 3, 1, 1);
    set(t, kNot, 3, 1, 1);
    set(t, kKeccak256, 30, 2, 1);
    for (const auto op : {kAddress,     kOrigin,     kCaller,         kCallvalue, kCalldatasize,
                          kCodesize,    kGasprice,   kReturndatasize, kCoinbase,  kTimestamp,
                          kNumber,      kPrevrandao, kGaslimit,       kChainid,   kBasefee,
                          kBlobbasefee, kPc,         kMsize,          kGas,       kPush0}) {
        set(t, op, 2, 0, 1);
    }
    // EIP-2929: account and slot reads cost the warm price here; the cold surcharge is dynamic.
    set(t, kBalance, 100, 1, 1);
    set(t, kExtcodesize, 100, 1, 1);
    set(t, kExtcodehash, 100, 1, 1);
    set(t, kExtcodecopy, 100, 4, 0);
    set(t, kCalldataload, 3, 1, 1);
    set(t, kCalldatacopy, 3, 3, 0);
    set(t, kCodecopy, 3, 3, 0);
    set(t, kReturndatacopy, 3, 3, 0);
    set(t, kBlockhash, 20, 1, 1);
    set(t, kSelfbalance, 5, 0, 1);  // EIP-1884
    set(t, kBlobhash, 3, 1, 1);     // EIP-4844
    set(t, kPop, 2, 1, 0);
    set(t, kMload, 3, 1, 1);
    set(t, kMstore, 3, 2, 0);
    set(t, kMstore8, 3, 2, 0);
    set(t, kSload, 100, 1, 1);
    set(t, kSstore, 0, 2, 0);  // EIP-2200/2929/3529: all dynamic
    set(t, kJump, 8, 1, 0);
    set(t, kJumpi, 10, 2, 0);
    set(t, kJumpdest, 1, 0, 0);
    set(t, kTload, 100, 1, 1);  // EIP-1153
    set(t, kTstore, 100, 2, 0);
    set(t, kMcopy, 3, 3, 0);  // EIP-5656
    for (int n = 1; n <= 32; ++n) set(t, static_cast<std::uint8_t>(kPush1 + n - 1), 3, 0, 1);
    for (int n = 1; n <= 16; ++n) set(t, static_cast<std::uint8_t>(kDup1 + n - 1), 3, n, n + 1);
    for (int n = 1; n <= 16; ++n)
        set(t, static_cast<std::uint8_t>(kSwap1 + n - 1), 3, n + 1, n + 1);
    for (int n = 0; n <= 4; ++n)
        set(t, static_cast<std::uint8_t>(kLog0 + n), 375 * (n + 1), n + 2, 0);
    set(t, kCreate, 32000, 3, 1);
    set(t, kCreate2, 32000, 4, 1);
    set(t, kCall, 100, 7, 1);
    set(t, kCallcode, 100, 7, 1);
    set(t, kDelegatecall, 100, 6, 1);
    set(t, kStaticcall, 100, 6, 1);
    set(t, kReturn, 0, 2, 0);
    set(t, kRevert, 0, 2, 0);
    set(t, kInvalid, 0, 0, 0);
    set(t, kSelfdestruct, 5000, 1, 0);
    return t;
}
}  // namespace detail

/// Per-opcode gas and stack limits for Cancun; undefined opcodes have max_height -1.
inline constexpr std::array<OpTraits, 256> kOpTraits = detail::make_traits();

}  // namespace yunlian::evm
