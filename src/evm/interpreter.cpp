// The dispatch loop (a switch the compiler turns into a jump table). Before each instruction one
// table lookup checks its constant gas and the stack height it needs; the cases then run with no
// further stack checks. Arithmetic and stack shuffling stay inline here; instructions that reach
// the host leave through instructions.hpp with gas synchronised through the frame.

#include "evm/interpreter.hpp"

#include <cstring>
#include <utility>

#include "evm/instructions.hpp"
#include "evm/opcodes.hpp"

namespace yunlian::evm {

namespace {

/// Reads the `n` bytes of PUSH data at `p` as a big-endian word (the padding makes it safe).
inline Uint256 read_push(const std::uint8_t* p, std::size_t n) noexcept {
    std::uint8_t bytes[32] = {};
    std::memcpy(bytes + 32 - n, p, n);
    return Uint256::load_be(bytes);
}

/// Which rule a failed pre-instruction check broke.
host::StatusCode check_failure(const OpTraits& traits, std::ptrdiff_t height) noexcept {
    if (traits.max_height < 0) return host::StatusCode::kUndefinedInstruction;
    if (height < traits.required) return host::StatusCode::kStackUnderflow;
    if (height > traits.max_height) return host::StatusCode::kStackOverflow;
    return host::StatusCode::kOutOfGas;
}

/// MLOAD/MSTORE/MSTORE8 offsets after paying for memory; false when gas ran out.
inline bool memory_word(Frame& f, std::int64_t& gas, const Uint256& offset,
                        std::uint64_t width) noexcept {
    gas = touch_memory(f.memory, gas, offset, Uint256{width});
    return gas >= 0;
}

}  // namespace

host::StatusCode run(Frame& f, Uint256* const stack) noexcept {
    const std::uint8_t* const code = f.code.padded_code.data();
    const std::uint8_t* pc = code;
    Uint256* top = stack;  // one past the top item
    std::int64_t gas = f.gas_left;
    using host::StatusCode;
    StatusCode status = StatusCode::kSuccess;

    for (;;) {
        const std::uint8_t op = *pc;
        const auto& traits = kOpTraits[op];
        const auto height = top - stack;
        gas -= traits.gas;
        if (gas < 0 || height < traits.required || height > traits.max_height) [[unlikely]] {
            f.gas_left = gas;
            return check_failure(traits, height);
        }
        switch (op) {
            case kStop:
                f.gas_left = gas;
                return StatusCode::kSuccess;
            case kAdd:
                top[-2] = top[-1] + top[-2];
                --top;
                break;
            case kMul:
                top[-2] = top[-1] * top[-2];
                --top;
                break;
            case kSub:
                top[-2] = top[-1] - top[-2];
                --top;
                break;
            case kDiv:
                top[-2] = top[-2].is_zero() ? Uint256{} : top[-1] / top[-2];
                --top;
                break;
            case kSdiv:
                top[-2] = sdiv(top[-1], top[-2]);
                --top;
                break;
            case kMod:
                top[-2] = top[-2].is_zero() ? Uint256{} : top[-1] % top[-2];
                --top;
                break;
            case kSmod:
                top[-2] = smod(top[-1], top[-2]);
                --top;
                break;
            case kAddmod:
                top[-3] = addmod(top[-1], top[-2], top[-3]);
                top -= 2;
                break;
            case kMulmod:
                top[-3] = mulmod(top[-1], top[-2], top[-3]);
                top -= 2;
                break;
            case kExp: {
                // G_expbyte: 50 per byte of the exponent (EIP-160).
                gas -= 50 * static_cast<std::int64_t>(byte_length(top[-2]));
                if (gas < 0) {
                    status = StatusCode::kOutOfGas;
                    goto done;
                }
                top[-2] = exp(top[-1], top[-2]);
                --top;
                break;
            }
            case kSignextend:
                top[-2] = signextend(top[-1], top[-2]);
                --top;
                break;
            case kLt:
                top[-2] = Uint256{top[-1] < top[-2] ? 1U : 0U};
                --top;
                break;
            case kGt:
                top[-2] = Uint256{top[-1] > top[-2] ? 1U : 0U};
                --top;
                break;
            case kSlt:
                top[-2] = Uint256{slt(top[-1], top[-2]) ? 1U : 0U};
                --top;
                break;
            case kSgt:
                top[-2] = Uint256{sgt(top[-1], top[-2]) ? 1U : 0U};
                --top;
                break;
            case kEq:
                top[-2] = Uint256{top[-1] == top[-2] ? 1U : 0U};
                --top;
                break;
            case kIszero:
                top[-1] = Uint256{top[-1].is_zero() ? 1U : 0U};
                break;
            case kAnd:
                top[-2] = top[-1] & top[-2];
                --top;
                break;
            case kOr:
                top[-2] = top[-1] | top[-2];
                --top;
                break;
            case kXor:
                top[-2] = top[-1] ^ top[-2];
                --top;
                break;
            case kNot:
                top[-1] = ~top[-1];
                break;
            case kByte:
                top[-2] = byte_at(top[-2], top[-1]);
                --top;
                break;
            case kShl:
                top[-2] = top[-2] << top[-1];
                --top;
                break;
            case kShr:
                top[-2] = top[-2] >> top[-1];
                --top;
                break;
            case kSar:
                top[-2] = sar(top[-2], top[-1]);
                --top;
                break;
            case kKeccak256:
                f.gas_left = gas;
                status = op_keccak256(f, top);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                --top;
                break;
            case kAddress:
                *top++ = to_word(f.msg.recipient);
                break;
            case kBalance:
            case kExtcodesize:
            case kExtcodehash:
            case kBlockhash:
            case kBlobhash:
            case kSload: {
                f.gas_left = gas;
                status = op == kBalance       ? op_balance(f, top)
                         : op == kExtcodesize ? op_extcodesize(f, top)
                         : op == kExtcodehash ? op_extcodehash(f, top)
                         : op == kBlockhash   ? op_blockhash(f, top)
                         : op == kBlobhash    ? op_blobhash(f, top)
                                              : op_sload(f, top);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                break;
            }
            case kOrigin:
            case kGasprice:
            case kCoinbase:
            case kTimestamp:
            case kNumber:
            case kPrevrandao:
            case kGaslimit:
            case kChainid:
            case kBasefee:
            case kBlobbasefee:
                *top++ = context_word(f, op);
                break;
            case kCaller:
                *top++ = to_word(f.msg.sender);
                break;
            case kCallvalue:
                *top++ = f.msg.value;
                break;
            case kCalldataload: {
                const auto& offset = top[-1];
                const auto size = f.msg.input.size();
                std::uint8_t bytes[32] = {};
                if (offset.fits_u64() && offset.low_u64() < size) {
                    const auto start = static_cast<std::size_t>(offset.low_u64());
                    std::memcpy(bytes, f.msg.input.data() + start,
                                std::min<std::size_t>(32, size - start));
                }
                top[-1] = Uint256::load_be(bytes);
                break;
            }
            case kCalldatasize:
                *top++ = Uint256{f.msg.input.size()};
                break;
            case kCodesize:
                *top++ = Uint256{f.code.code_size};
                break;
            case kReturndatasize:
                *top++ = Uint256{f.return_data.size()};
                break;
            case kCalldatacopy:
            case kCodecopy:
            case kReturndatacopy:
            case kMcopy:
                f.gas_left = gas;
                status = op == kCalldatacopy ? op_calldatacopy(f, top)
                         : op == kCodecopy   ? op_codecopy(f, top)
                         : op == kMcopy      ? op_mcopy(f, top)
                                             : op_returndatacopy(f, top);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= 3;
                break;
            case kExtcodecopy:
                f.gas_left = gas;
                status = op_extcodecopy(f, top);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= 4;
                break;
            case kSelfbalance:
                *top++ = f.host.get_balance(f.msg.recipient);
                break;
            case kPop:
                --top;
                break;
            case kMload:
                if (!memory_word(f, gas, top[-1], 32)) {
                    status = StatusCode::kOutOfGas;
                    goto done;
                }
                top[-1] = Uint256::load_be(&f.memory[top[-1].low_u64()]);
                break;
            case kMstore:
                if (!memory_word(f, gas, top[-1], 32)) {
                    status = StatusCode::kOutOfGas;
                    goto done;
                }
                top[-2].store_be(&f.memory[top[-1].low_u64()]);
                top -= 2;
                break;
            case kMstore8:
                if (!memory_word(f, gas, top[-1], 1)) {
                    status = StatusCode::kOutOfGas;
                    goto done;
                }
                f.memory[top[-1].low_u64()] = static_cast<std::uint8_t>(top[-2].low_u64());
                top -= 2;
                break;
            case kSstore:
            case kTstore:
                f.gas_left = gas;
                status = op == kSstore ? op_sstore(f, top) : op_tstore(f, top);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= 2;
                break;
            case kTload:
                top[-1] = f.host.get_transient_storage(f.msg.recipient, top[-1]);
                break;
            case kJump: {
                const auto& dest = top[-1];
                if (!dest.fits_u64() || !f.code.is_jumpdest(dest.low_u64())) {
                    status = StatusCode::kBadJumpDestination;
                    goto done;
                }
                pc = code + dest.low_u64();
                --top;
                continue;
            }
            case kJumpi: {
                if (!top[-2].is_zero()) {
                    const auto& dest = top[-1];
                    if (!dest.fits_u64() || !f.code.is_jumpdest(dest.low_u64())) {
                        status = StatusCode::kBadJumpDestination;
                        goto done;
                    }
                    pc = code + dest.low_u64();
                    top -= 2;
                    continue;
                }
                top -= 2;
                break;
            }
            case kPc:
                *top++ = Uint256{static_cast<std::uint64_t>(pc - code)};
                break;
            case kMsize:
                *top++ = Uint256{f.memory.size()};
                break;
            case kGas:
                *top++ = Uint256{static_cast<std::uint64_t>(gas)};
                break;
            case kJumpdest:
                break;
            case kPush0:
                *top++ = Uint256{};
                break;
            case kPush1:
                *top++ = Uint256{pc[1]};
                pc += 2;
                continue;
            case kPush1 + 1:
            case kPush1 + 2:
            case kPush1 + 3:
            case kPush1 + 4:
            case kPush1 + 5:
            case kPush1 + 6:
            case kPush1 + 7:
            case kPush1 + 8:
            case kPush1 + 9:
            case kPush1 + 10:
            case kPush1 + 11:
            case kPush1 + 12:
            case kPush1 + 13:
            case kPush1 + 14:
            case kPush1 + 15:
            case kPush1 + 16:
            case kPush1 + 17:
            case kPush1 + 18:
            case kPush1 + 19:
            case kPush1 + 20:
            case kPush1 + 21:
            case kPush1 + 22:
            case kPush1 + 23:
            case kPush1 + 24:
            case kPush1 + 25:
            case kPush1 + 26:
            case kPush1 + 27:
            case kPush1 + 28:
            case kPush1 + 29:
            case kPush1 + 30:
            case kPush32: {
                const auto n = static_cast<std::size_t>(op - kPush1 + 1);
                *top++ = read_push(pc + 1, n);
                pc += n + 1;
                continue;
            }
            case kDup1:
            case kDup1 + 1:
            case kDup1 + 2:
            case kDup1 + 3:
            case kDup1 + 4:
            case kDup1 + 5:
            case kDup1 + 6:
            case kDup1 + 7:
            case kDup1 + 8:
            case kDup1 + 9:
            case kDup1 + 10:
            case kDup1 + 11:
            case kDup1 + 12:
            case kDup1 + 13:
            case kDup1 + 14:
            case kDup16:
                *top = top[-(op - kDup1 + 1)];
                ++top;
                break;
            case kSwap1:
            case kSwap1 + 1:
            case kSwap1 + 2:
            case kSwap1 + 3:
            case kSwap1 + 4:
            case kSwap1 + 5:
            case kSwap1 + 6:
            case kSwap1 + 7:
            case kSwap1 + 8:
            case kSwap1 + 9:
            case kSwap1 + 10:
            case kSwap1 + 11:
            case kSwap1 + 12:
            case kSwap1 + 13:
            case kSwap1 + 14:
            case kSwap16:
                std::swap(top[-1], top[-(op - kSwap1 + 2)]);
                break;
            case kLog0:
            case kLog0 + 1:
            case kLog0 + 2:
            case kLog0 + 3:
            case kLog4: {
                const int num_topics = op - kLog0;
                f.gas_left = gas;
                status = op_log(f, top, num_topics);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= 2 + num_topics;
                break;
            }
            case kCreate:
            case kCreate2:
                f.gas_left = gas;
                status = op_create(f, top, op);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= op == kCreate ? 2 : 3;
                break;
            case kCall:
            case kCallcode:
            case kDelegatecall:
            case kStaticcall:
                f.gas_left = gas;
                status = op_call(f, top, op);
                gas = f.gas_left;
                if (status != StatusCode::kSuccess) goto done;
                top -= op == kCall || op == kCallcode ? 6 : 5;
                break;
            case kReturn:
            case kRevert:
                f.gas_left = gas;
                status = op_return(f, top);
                if (status == StatusCode::kSuccess && op == kRevert) status = StatusCode::kRevert;
                return status;
            case kInvalid:
                status = StatusCode::kInvalidInstruction;
                goto done;
            case kSelfdestruct:
                f.gas_left = gas;
                return op_selfdestruct(f, top);
            default:
                status = StatusCode::kUndefinedInstruction;
                goto done;
        }
        ++pc;
    }
done:
    f.gas_left = gas;
    return status;
}

}  // namespace yunlian::evm
