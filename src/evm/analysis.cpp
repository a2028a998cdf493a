// One pass over the code marking JUMPDESTs and skipping PUSH data.

#include "evm/analysis.hpp"

#include <cstring>

#include "evm/opcodes.hpp"

namespace yunlian::evm {

namespace {
constexpr std::size_t kPadding = 33;  // the widest PUSH (32 data bytes) plus a final STOP
}  // namespace

CodeAnalysis analyze(BytesView code) {
    CodeAnalysis out;
    out.code_size = code.size();
    out.padded_code = Bytes(code.size() + kPadding, 0);
    if (!code.empty()) std::memcpy(out.padded_code.data(), code.data(), code.size());
    out.jumpdests.assign(code.size() / 64 + 1, 0);
    for (std::size_t i = 0; i < code.size(); ++i) {
        const auto op = code[i];
        if (op == kJumpdest) {
            out.jumpdests[i / 64] |= std::uint64_t{1} << (i % 64);
        } else if (op >= kPush1 && op <= kPush32) {
            i += static_cast<std::size_t>(op - kPush1 + 1);
        }
    }
    return out;
}

}  // namespace yunlian::evm
