#pragma once
// The dispatch loop. Internal to the evm part; other parts call Vm::execute.

#include "evm/frame.hpp"

namespace yunlian::evm {

/// Runs the frame's code to completion on the given stack (kStackLimit words) and returns how
/// it ended; the frame holds the gas left, refund and output.
host::StatusCode run(Frame& f, Uint256* stack) noexcept;

}  // namespace yunlian::evm
