// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE and CREATE2. The host runs the nested frame;
// this side prices it (EIP-150 all-but-one-64th, EIP-2929 access, value and new-account costs)
// and applies the caller-side checks that fail softly (depth, balance) without consuming gas.

#include <algorithm>

#include "evm/instructions.hpp"
#include "evm/opcodes.hpp"

namespace yunlian::evm {

namespace {

constexpr std::int64_t kColdAccountSurcharge = 2600 - 100;  // EIP-2929
constexpr std::int64_t kCallValueCost = 9000;               // G_callvalue
constexpr std::int64_t kNewAccountCost = 25000;             // G_newaccount
constexpr std::int64_t kCallStipend = 2300;                 // G_callstipend
constexpr std::int32_t kMaxDepth = 1024;
constexpr std::uint64_t kMaxInitcodeSize = 2 * 24576;  // EIP-3860
constexpr std::int64_t kInitcodeWordCost = 2;          // EIP-3860
constexpr std::int64_t kKeccakWordCost = 6;            // CREATE2 hashes the init code

/// EIP-150: a frame can pass on at most all but one 64th of its gas.
constexpr std::int64_t max_call_gas(std::int64_t gas_left) noexcept {
    return gas_left - gas_left / 64;
}

/// A view of memory for a region already made addressable.
BytesView memory_view(const Bytes& memory, const Uint256& offset, const Uint256& size) noexcept {
    if (size.is_zero()) return {};
    return {&memory[offset.low_u64()], size.low_u64()};
}

}  // namespace

StatusCode op_call(Frame& f, Uint256* top, std::uint8_t opcode) noexcept {
    const bool has_value_arg = opcode == kCall || opcode == kCallcode;
    const auto requested_gas = top[-1];
    const auto dst = to_address(top[-2]);
    const auto value = has_value_arg ? top[-3] : Uint256{};
    const auto* args = has_value_arg ? top - 4 : top - 3;
    const auto in_offset = args[0];
    const auto in_size = args[-1];
    const auto out_offset = args[-2];
    const auto out_size = args[-3];
    const int num_args = has_value_arg ? 7 : 6;
    auto& result_slot = top[-num_args];

    if (f.host.access_account(dst) == host::AccessStatus::kCold) {
        f.gas_left -= kColdAccountSurcharge;
        if (f.gas_left < 0) return StatusCode::kOutOfGas;
    }
    f.gas_left = touch_memory(f.memory, f.gas_left, in_offset, in_size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    f.gas_left = touch_memory(f.memory, f.gas_left, out_offset, out_size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;

    const bool has_value = !value.is_zero();
    std::int64_t cost = has_value ? kCallValueCost : 0;
    if (opcode == kCall) {
        // EIP-214: a value transfer is a state change.
        if (has_value && f.msg.is_static) return StatusCode::kStaticModeViolation;
        if (has_value && !f.host.account_exists(dst)) cost += kNewAccountCost;  // EIP-161
    }
    f.gas_left -= cost;
    if (f.gas_left < 0) return StatusCode::kOutOfGas;

    host::Message msg;
    msg.kind = opcode == kCall           ? host::CallKind::kCall
               : opcode == kCallcode     ? host::CallKind::kCallCode
               : opcode == kDelegatecall ? host::CallKind::kDelegateCall
                                         : host::CallKind::kStaticCall;
    msg.is_static = f.msg.is_static || opcode == kStaticcall;
    msg.depth = f.msg.depth + 1;
    const auto cap = max_call_gas(f.gas_left);
    msg.gas = requested_gas.fits_u64() && requested_gas.low_u64() < static_cast<std::uint64_t>(cap)
                  ? static_cast<std::int64_t>(requested_gas.low_u64())
                  : cap;
    msg.code_address = dst;
    msg.input = memory_view(f.memory, in_offset, in_size);
    if (opcode == kDelegatecall) {
        msg.recipient = f.msg.recipient;
        msg.sender = f.msg.sender;
        msg.value = f.msg.value;
    } else {
        msg.recipient = opcode == kCall || opcode == kStaticcall ? dst : f.msg.recipient;
        msg.sender = f.msg.recipient;
        msg.value = value;
    }
    if (has_value) {
        // The stipend is given on top of the forwarded gas and is not charged to the caller.
        msg.gas += kCallStipend;
        f.gas_left += kCallStipend;
    }

    f.return_data.clear();
    result_slot = Uint256{};
    if (f.msg.depth >= kMaxDepth) return StatusCode::kSuccess;
    if (has_value && f.host.get_balance(f.msg.recipient) < value) return StatusCode::kSuccess;

    auto result = f.host.call(msg);
    result_slot = Uint256{result.status == StatusCode::kSuccess ? 1U : 0U};
    if (!out_size.is_zero()) {
        const auto n = std::min<std::uint64_t>(out_size.low_u64(), result.output.size());
        if (n > 0) std::memcpy(&f.memory[out_offset.low_u64()], result.output.data(), n);
    }
    f.return_data = std::move(result.output);
    f.gas_left -= msg.gas - result.gas_left;
    if (result.status == StatusCode::kSuccess) f.gas_refund += result.gas_refund;
    return StatusCode::kSuccess;
}

StatusCode op_create(Frame& f, Uint256* top, std::uint8_t opcode) noexcept {
    if (f.msg.is_static) return StatusCode::kStaticModeViolation;
    const auto value = top[-1];
    const auto offset = top[-2];
    const auto size = top[-3];
    const bool is_create2 = opcode == kCreate2;
    auto& result_slot = top[is_create2 ? -4 : -3];

    f.gas_left = touch_memory(f.memory, f.gas_left, offset, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    // EIP-3860: init code is limited and paid per word; CREATE2 also pays for hashing it.
    if (size.low_u64() > kMaxInitcodeSize) return StatusCode::kOutOfGas;
    const auto words = static_cast<std::int64_t>(num_words(size.low_u64()));
    f.gas_left -= words * (kInitcodeWordCost + (is_create2 ? kKeccakWordCost : 0));
    if (f.gas_left < 0) return StatusCode::kOutOfGas;

    host::Message msg;
    msg.kind = is_create2 ? host::CallKind::kCreate2 : host::CallKind::kCreate;
    msg.depth = f.msg.depth + 1;
    msg.sender = f.msg.recipient;
    msg.value = value;
    msg.input = memory_view(f.memory, offset, size);
    if (is_create2) msg.salt = to_hash(top[-4]);

    f.return_data.clear();
    result_slot = Uint256{};
    if (f.msg.depth >= kMaxDepth) return StatusCode::kSuccess;
    if (!value.is_zero() && f.host.get_balance(f.msg.recipient) < value) {
        return StatusCode::kSuccess;
    }
    msg.gas = max_call_gas(f.gas_left);
    f.gas_left -= msg.gas;

    auto result = f.host.call(msg);
    f.gas_left += result.gas_left;
    if (result.status == StatusCode::kSuccess) {
        f.gas_refund += result.gas_refund;
        result_slot = to_word(result.create_address);
    } else if (result.status == StatusCode::kRevert) {
        // EIP-211: only a reverted create leaves return data.
        f.return_data = std::move(result.output);
    }
    return StatusCode::kSuccess;
}

}  // namespace yunlian::evm
