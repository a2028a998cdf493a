#pragma once
// Validates the function bodies of a decoded module and translates them into a CompiledModule.

#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.hpp"
#include "wasm/compiled.hpp"
#include "wasm/error.hpp"
#include "wasm/module.hpp"

namespace yunlian::wasm {

/// Compiles every function of `module`. `type_ids` gives the engine's id of each module type index
/// (equal signatures share an id, which is what call_indirect compares).
Result<std::shared_ptr<const CompiledModule>, Error> compile_module(
    std::shared_ptr<const Module> module, const CompileOptions& options,
    std::vector<std::uint32_t> type_ids);

}  // namespace yunlian::wasm
