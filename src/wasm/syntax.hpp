#pragma once
// A syntax-only pass over function bodies: it finds every malformation (spec chapter 5) without
// validating. The decoder runs it so that a malformed body is reported as malformed even when an
// earlier part of the module is also invalid, as the spec's reference interpreter reports it.

#include "common/result.hpp"
#include "wasm/error.hpp"
#include "wasm/module.hpp"

namespace yunlian::wasm {

/// Checks the binary syntax of every code body of `module`.
Result<void, Error> check_code_syntax(const Module& module);

/// Whether `opcode` starts some instruction of the supported feature set.
[[nodiscard]] bool is_known_opcode(std::uint8_t opcode) noexcept;

}  // namespace yunlian::wasm
