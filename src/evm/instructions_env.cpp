// Instructions that read the environment or the world, copy data, store or log.

#include <algorithm>
#include <array>

#include "crypto/keccak.hpp"
#include "evm/instructions.hpp"
#include "evm/opcodes.hpp"

namespace yunlian::evm {

namespace {

// EIP-2929 surcharges over the warm cost already in the opcode table.
constexpr std::int64_t kColdAccountCost = 2600;
constexpr std::int64_t kColdAccountSurcharge = kColdAccountCost - 100;
constexpr std::int64_t kColdSloadSurcharge = 2100 - 100;
constexpr std::int64_t kColdSloadCost = 2100;
// EIP-2200 with EIP-2929 and EIP-3529 constants.
constexpr std::int64_t kWarmRead = 100;
constexpr std::int64_t kSstoreSet = 20000;
constexpr std::int64_t kSstoreReset = 5000 - kColdSloadCost;
constexpr std::int64_t kSstoreClearsRefund = 4800;
constexpr std::int64_t kCallStipend = 2300;

/// Charges the cold surcharge when `addr` was not yet accessed; false on OOG.
bool charge_account_access(Frame& f, const Address& addr) noexcept {
    if (f.host.access_account(addr) == host::AccessStatus::kCold) {
        f.gas_left -= kColdAccountSurcharge;
    }
    return f.gas_left >= 0;
}

/// Copies `src` from `src_offset` into memory at `dst` (zero-filling past the end of `src`).
void copy_padded(Bytes& memory, std::uint64_t dst, std::uint64_t size, BytesView src,
                 const Uint256& src_offset) noexcept {
    if (size == 0) return;
    const auto start = src_offset.fits_u64()
                           ? std::min<std::uint64_t>(src_offset.low_u64(), src.size())
                           : src.size();
    const auto n = std::min<std::uint64_t>(size, src.size() - start);
    if (n > 0) std::memcpy(&memory[dst], src.data() + start, n);
    if (n < size) std::memset(&memory[dst + n], 0, size - n);
}

/// The common part of the *COPY instructions: memory, copy gas, then the copy.
StatusCode copy_to_memory(Frame& f, const Uint256& dst, const Uint256& src_offset,
                          const Uint256& size, BytesView src) noexcept {
    f.gas_left = touch_memory(f.memory, f.gas_left, dst, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    f.gas_left -= copy_cost(size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    if (!size.is_zero()) copy_padded(f.memory, dst.low_u64(), size.low_u64(), src, src_offset);
    return StatusCode::kSuccess;
}

}  // namespace

StatusCode op_keccak256(Frame& f, Uint256* top) noexcept {
    const auto offset = top[-1];
    const auto size = top[-2];
    f.gas_left = touch_memory(f.memory, f.gas_left, offset, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    f.gas_left -= static_cast<std::int64_t>(6 * num_words(size.low_u64()));  // G_keccak256word
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    const BytesView data =
        size.is_zero() ? BytesView{} : BytesView{&f.memory[offset.low_u64()], size.low_u64()};
    top[-2] = to_word(crypto::keccak256(data));
    return StatusCode::kSuccess;
}

StatusCode op_balance(Frame& f, Uint256* top) noexcept {
    const auto addr = to_address(top[-1]);
    if (!charge_account_access(f, addr)) return StatusCode::kOutOfGas;
    top[-1] = f.host.get_balance(addr);
    return StatusCode::kSuccess;
}

StatusCode op_calldatacopy(Frame& f, Uint256* top) noexcept {
    return copy_to_memory(f, top[-1], top[-2], top[-3], f.msg.input);
}

StatusCode op_codecopy(Frame& f, Uint256* top) noexcept {
    return copy_to_memory(f, top[-1], top[-2], top[-3], f.code.code());
}

StatusCode op_extcodesize(Frame& f, Uint256* top) noexcept {
    const auto addr = to_address(top[-1]);
    if (!charge_account_access(f, addr)) return StatusCode::kOutOfGas;
    top[-1] = Uint256{f.host.get_code_size(addr)};
    return StatusCode::kSuccess;
}

StatusCode op_extcodecopy(Frame& f, Uint256* top) noexcept {
    const auto addr = to_address(top[-1]);
    const auto dst = top[-2];
    const auto src_offset = top[-3];
    const auto size = top[-4];
    f.gas_left = touch_memory(f.memory, f.gas_left, dst, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    f.gas_left -= copy_cost(size);
    if (f.gas_left < 0 || !charge_account_access(f, addr)) return StatusCode::kOutOfGas;
    if (size.is_zero()) return StatusCode::kSuccess;
    const auto out = std::span<std::uint8_t>{&f.memory[dst.low_u64()], size.low_u64()};
    const auto offset = src_offset.fits_u64() ? src_offset.low_u64() : ~std::uint64_t{0};
    const auto copied = f.host.copy_code(addr, offset, out);
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(copied), out.end(), 0);
    return StatusCode::kSuccess;
}

StatusCode op_returndatacopy(Frame& f, Uint256* top) noexcept {
    const auto dst = top[-1];
    const auto src_offset = top[-2];
    const auto size = top[-3];
    // EIP-211: reading past the return data is an exceptional halt, even for size 0.
    if (!src_offset.fits_u64() || !size.fits_u64() || src_offset.low_u64() > f.return_data.size() ||
        size.low_u64() > f.return_data.size() - src_offset.low_u64()) {
        return StatusCode::kInvalidMemoryAccess;
    }
    return copy_to_memory(f, dst, src_offset, size, f.return_data);
}

StatusCode op_extcodehash(Frame& f, Uint256* top) noexcept {
    const auto addr = to_address(top[-1]);
    if (!charge_account_access(f, addr)) return StatusCode::kOutOfGas;
    top[-1] = to_word(f.host.get_code_hash(addr));
    return StatusCode::kSuccess;
}

StatusCode op_blockhash(Frame& f, Uint256* top) noexcept {
    const auto number = f.context().block_number;
    const auto& requested = top[-1];
    // Only the 256 most recent complete blocks are visible (Yellow Paper H.2, BLOCKHASH).
    const auto lowest = number > 256 ? number - 256 : 0;
    if (requested.fits_u64() && requested.low_u64() < static_cast<std::uint64_t>(number) &&
        requested.low_u64() >= static_cast<std::uint64_t>(lowest)) {
        top[-1] = to_word(f.host.get_block_hash(static_cast<std::int64_t>(requested.low_u64())));
    } else {
        top[-1] = Uint256{};
    }
    return StatusCode::kSuccess;
}

StatusCode op_blobhash(Frame& f, Uint256* top) noexcept {
    const auto& hashes = f.context().blob_hashes;
    const auto& index = top[-1];
    top[-1] = index.fits_u64() && index.low_u64() < hashes.size()
                  ? to_word(hashes[static_cast<std::size_t>(index.low_u64())])
                  : Uint256{};
    return StatusCode::kSuccess;
}

StatusCode op_sload(Frame& f, Uint256* top) noexcept {
    const auto key = top[-1];
    if (f.host.access_storage(f.msg.recipient, key) == host::AccessStatus::kCold) {
        f.gas_left -= kColdSloadSurcharge;
        if (f.gas_left < 0) return StatusCode::kOutOfGas;
    }
    top[-1] = f.host.get_storage(f.msg.recipient, key);
    return StatusCode::kSuccess;
}

StatusCode op_sstore(Frame& f, Uint256* top) noexcept {
    if (f.msg.is_static) return StatusCode::kStaticModeViolation;
    // EIP-2200: SSTORE fails when no more than the call stipend is left.
    if (f.gas_left <= kCallStipend) return StatusCode::kOutOfGas;
    const auto key = top[-1];
    const auto value = top[-2];
    std::int64_t cost = 0;
    if (f.host.access_storage(f.msg.recipient, key) == host::AccessStatus::kCold) {
        cost = kColdSloadCost;
    }
    const auto status = f.host.set_storage(f.msg.recipient, key, value);
    using host::StorageStatus;
    switch (status) {
        case StorageStatus::kAdded:
            cost += kSstoreSet;
            break;
        case StorageStatus::kDeleted:
            cost += kSstoreReset;
            f.gas_refund += kSstoreClearsRefund;
            break;
        case StorageStatus::kModified:
            cost += kSstoreReset;
            break;
        case StorageStatus::kDeletedAdded:
            cost += kWarmRead;
            f.gas_refund -= kSstoreClearsRefund;
            break;
        case StorageStatus::kModifiedDeleted:
            cost += kWarmRead;
            f.gas_refund += kSstoreClearsRefund;
            break;
        case StorageStatus::kDeletedRestored:
            cost += kWarmRead;
            f.gas_refund += kSstoreReset - kWarmRead - kSstoreClearsRefund;
            break;
        case StorageStatus::kAddedDeleted:
            cost += kWarmRead;
            f.gas_refund += kSstoreSet - kWarmRead;
            break;
        case StorageStatus::kModifiedRestored:
            cost += kWarmRead;
            f.gas_refund += kSstoreReset - kWarmRead;
            break;
        case StorageStatus::kAssigned:
            cost += kWarmRead;
            break;
    }
    f.gas_left -= cost;
    return f.gas_left < 0 ? StatusCode::kOutOfGas : StatusCode::kSuccess;
}

StatusCode op_tstore(Frame& f, Uint256* top) noexcept {
    if (f.msg.is_static) return StatusCode::kStaticModeViolation;  // EIP-1153
    f.host.set_transient_storage(f.msg.recipient, top[-1], top[-2]);
    return StatusCode::kSuccess;
}

StatusCode op_mcopy(Frame& f, Uint256* top) noexcept {
    const auto dst = top[-1];
    const auto src = top[-2];
    const auto size = top[-3];
    // EIP-5656: memory expands to cover both the source and the destination.
    const auto far = dst > src ? dst : src;
    f.gas_left = touch_memory(f.memory, f.gas_left, far, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    f.gas_left -= copy_cost(size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    if (!size.is_zero()) {
        std::memmove(&f.memory[dst.low_u64()], &f.memory[src.low_u64()], size.low_u64());
    }
    return StatusCode::kSuccess;
}

StatusCode op_log(Frame& f, Uint256* top, int num_topics) noexcept {
    if (f.msg.is_static) return StatusCode::kStaticModeViolation;
    const auto offset = top[-1];
    const auto size = top[-2];
    f.gas_left = touch_memory(f.memory, f.gas_left, offset, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    // G_logdata: 8 per byte. The size fits memory (under 2^32), so this cannot overflow.
    f.gas_left -= static_cast<std::int64_t>(8 * size.low_u64());
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    std::array<Hash, 4> topics;
    for (int i = 0; i < num_topics; ++i) topics[static_cast<std::size_t>(i)] = to_hash(top[-3 - i]);
    const BytesView data =
        size.is_zero() ? BytesView{} : BytesView{&f.memory[offset.low_u64()], size.low_u64()};
    f.host.emit_log(f.msg.recipient, data,
                    std::span<const Hash>{topics.data(), static_cast<std::size_t>(num_topics)});
    return StatusCode::kSuccess;
}

StatusCode op_return(Frame& f, Uint256* top) noexcept {
    const auto offset = top[-1];
    const auto size = top[-2];
    f.gas_left = touch_memory(f.memory, f.gas_left, offset, size);
    if (f.gas_left < 0) return StatusCode::kOutOfGas;
    if (!size.is_zero()) {
        const auto* begin = &f.memory[offset.low_u64()];
        f.output.assign(begin, begin + size.low_u64());
    }
    return StatusCode::kSuccess;
}

StatusCode op_selfdestruct(Frame& f, Uint256* top) noexcept {
    if (f.msg.is_static) return StatusCode::kStaticModeViolation;
    const auto beneficiary = to_address(top[-1]);
    // EIP-2929: SELFDESTRUCT has no warm cost in its base price, so a cold beneficiary adds the
    // full cold account cost.
    if (f.host.access_account(beneficiary) == host::AccessStatus::kCold) {
        f.gas_left -= kColdAccountCost;
        if (f.gas_left < 0) return StatusCode::kOutOfGas;
    }
    // EIP-161: creating the beneficiary by sending it value costs G_newaccount.
    if (!f.host.get_balance(f.msg.recipient).is_zero() && !f.host.account_exists(beneficiary)) {
        f.gas_left -= 25000;
        if (f.gas_left < 0) return StatusCode::kOutOfGas;
    }
    f.host.selfdestruct(f.msg.recipient, beneficiary);
    return StatusCode::kSuccess;
}

Uint256 context_word(Frame& f, std::uint8_t opcode) noexcept {
    const auto& ctx = f.context();
    switch (opcode) {
        case kOrigin:
            return to_word(ctx.origin);
        case kGasprice:
            return ctx.gas_price;
        case kCoinbase:
            return to_word(ctx.coinbase);
        case kTimestamp:
            return Uint256{static_cast<std::uint64_t>(ctx.timestamp)};
        case kNumber:
            return Uint256{static_cast<std::uint64_t>(ctx.block_number)};
        case kPrevrandao:
            return to_word(ctx.prevrandao);
        case kGaslimit:
            return Uint256{static_cast<std::uint64_t>(ctx.gas_limit)};
        case kChainid:
            return ctx.chain_id;
        case kBasefee:
            return ctx.base_fee;
        case kBlobbasefee:
            return ctx.blob_base_fee;
        default:
            return Uint256{};
    }
}

}  // namespace yunlian::evm
