// Memory growth, kept out of line: the hot path only compares against the current size.

#include "evm/frame.hpp"

namespace yunlian::evm {

std::int64_t grow_memory(Bytes& memory, std::int64_t gas, std::uint64_t end) noexcept {
    const auto old_words = memory.size() / 32;
    const auto new_words = num_words(end);
    gas -= memory_cost(new_words) - memory_cost(old_words);
    if (gas < 0) return gas;
    memory.resize(new_words * 32, 0);
    return gas;
}

}  // namespace yunlian::evm
