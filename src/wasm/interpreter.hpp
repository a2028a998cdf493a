#pragma once
// The interpreter loop over translated code. Wasm calls never recurse on the native stack: the
// frames live in an explicit array bounded by the call-depth limit, and every frame's slots are
// checked against the value-stack limit before the call is made.

#include <cstdint>
#include <memory>

#include "common/result.hpp"
#include "wasm/error.hpp"
#include "wasm/instance.hpp"

namespace yunlian::wasm::detail {

/// A return address: where the caller resumes, its frame and its instance.
struct Frame {
    const std::uint32_t* ret_ip;
    std::uint64_t* fp;
    Instance* inst;
};

/// The stacks and budget of one call into the engine.
struct Machine {
    Machine(std::uint32_t stack_slots, std::uint32_t depth_limit)
        : stack(new std::uint64_t[stack_slots]),
          stack_end(stack.get() + stack_slots),
          frames(new Frame[std::size_t{depth_limit} + 1]),
          max_depth(depth_limit) {}

    std::unique_ptr<std::uint64_t[]> stack;
    std::uint64_t* stack_end;
    std::unique_ptr<Frame[]> frames;
    std::uint32_t max_depth;
    /// Fuel left; may go negative on the instruction that ran out.
    std::int64_t fuel = 0;
};

/// Runs wasm function `func` with its arguments in `fp[0..]`; its results replace them there.
Result<void, Trap> execute(Machine& machine, FunctionInstance& func, std::uint64_t* fp);

}  // namespace yunlian::wasm::detail
