#pragma once
// Code analysis done once per code hash: the code padded so that PUSH data and the final
// instruction can never read past the buffer, and a bitmap of valid JUMPDEST positions
// (Yellow Paper section 9.4.3: a JUMPDEST inside PUSH data is not a destination).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/bytes.hpp"

namespace yunlian::evm {

/// The analysed form of one code.
struct CodeAnalysis {
    /// The code followed by 33 zero bytes: a PUSH32 at the very end reads zeros, and running off
    /// the end meets STOP.
    Bytes padded_code;
    std::size_t code_size = 0;
    /// Bit i is set when byte i is a JUMPDEST opcode outside PUSH data.
    std::vector<std::uint64_t> jumpdests;

    [[nodiscard]] bool is_jumpdest(std::uint64_t pos) const noexcept {
        return pos < code_size && ((jumpdests[pos / 64] >> (pos % 64)) & 1U) != 0;
    }
    [[nodiscard]] BytesView code() const noexcept { return {padded_code.data(), code_size}; }
};

/// Analyses `code` (linear, one pass).
[[nodiscard]] CodeAnalysis analyze(BytesView code);

}  // namespace yunlian::evm
