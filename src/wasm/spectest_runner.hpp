#pragma once
// Runs the WebAssembly spec test suite as converted by wast2json: a .json command list per .wast
// file with the .wasm modules it names. Provides the "spectest" host module of the reference
// interpreter (spec repository, interpreter/host/spectest.ml). Text-format modules are skipped.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace yunlian::wasm {

/// Counts of one file or of a whole run.
struct SpecTally {
    std::uint64_t passed = 0;
    std::uint64_t failed = 0;
    std::uint64_t skipped = 0;
    std::vector<std::string> failures;  // "file:line: what went wrong"

    void add(const SpecTally& other);
};

/// Runs every command of the wast2json file at `json_path`. Throws std::runtime_error when the
/// file cannot be read or parsed (an edge: the runner is a tool, not consensus code).
SpecTally run_spec_file(const std::filesystem::path& json_path);

}  // namespace yunlian::wasm
