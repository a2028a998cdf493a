#pragma once
// The binary decoder (spec chapter 5) plus the module-level validation rules (spec 3.4). Function
// bodies are validated by the compiler, which reads them in the same pass that translates them.

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "wasm/error.hpp"
#include "wasm/module.hpp"

namespace yunlian::wasm {

/// Decodes `bytes` and checks every module-level rule. The first malformation wins over any
/// validation error, as the spec's reference interpreter decodes fully before it validates.
Result<Module, Error> decode_module(BytesView bytes);

}  // namespace yunlian::wasm
