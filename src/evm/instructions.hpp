#pragma once
// The instructions that leave the hot loop: they talk to the host, hash, copy or call. Each reads
// its arguments from the stack below `top` (top[-1] is the top item), writes its result into the
// slot the interpreter will leave as the new top, and reads and writes gas through the frame.
// kSuccess means "continue"; anything else ends the frame.

#include "evm/frame.hpp"

namespace yunlian::evm {

using host::StatusCode;

StatusCode op_keccak256(Frame& f, Uint256* top) noexcept;
StatusCode op_balance(Frame& f, Uint256* top) noexcept;
StatusCode op_calldatacopy(Frame& f, Uint256* top) noexcept;
StatusCode op_codecopy(Frame& f, Uint256* top) noexcept;
StatusCode op_extcodesize(Frame& f, Uint256* top) noexcept;
StatusCode op_extcodecopy(Frame& f, Uint256* top) noexcept;
StatusCode op_returndatacopy(Frame& f, Uint256* top) noexcept;
StatusCode op_extcodehash(Frame& f, Uint256* top) noexcept;
StatusCode op_blockhash(Frame& f, Uint256* top) noexcept;
StatusCode op_blobhash(Frame& f, Uint256* top) noexcept;
StatusCode op_sload(Frame& f, Uint256* top) noexcept;
StatusCode op_sstore(Frame& f, Uint256* top) noexcept;
StatusCode op_tstore(Frame& f, Uint256* top) noexcept;
StatusCode op_mcopy(Frame& f, Uint256* top) noexcept;
StatusCode op_log(Frame& f, Uint256* top, int num_topics) noexcept;
StatusCode op_return(Frame& f, Uint256* top) noexcept;
StatusCode op_selfdestruct(Frame& f, Uint256* top) noexcept;
/// Pushes one word of the transaction context (ORIGIN, COINBASE, ... BLOBBASEFEE).
Uint256 context_word(Frame& f, std::uint8_t opcode) noexcept;

/// CALL, CALLCODE, DELEGATECALL and STATICCALL (EIP-150, EIP-2929, EIP-214).
StatusCode op_call(Frame& f, Uint256* top, std::uint8_t opcode) noexcept;
/// CREATE and CREATE2 (EIP-1014, EIP-3860).
StatusCode op_create(Frame& f, Uint256* top, std::uint8_t opcode) noexcept;

}  // namespace yunlian::evm
