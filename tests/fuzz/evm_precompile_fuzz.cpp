// Arbitrary input to each precompile: the first byte picks 0x01..0x0a, the rest is the input.
// Checks that nothing crashes and that gas accounting stays within what was given.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "evm/precompiles.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian;
    if (size == 0) return 0;
    Address addr;
    addr[19] = static_cast<std::uint8_t>(data[0] % 10 + 1);
    constexpr std::int64_t kGas = 10'000'000;
    const auto r = evm::run_precompile(addr, BytesView{data + 1, size - 1}, kGas);
    if (r.gas_left < 0 || r.gas_left > kGas) std::abort();
    if (r.status != host::StatusCode::kSuccess && r.gas_left != 0) std::abort();
    return 0;
}
