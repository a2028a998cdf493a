// Dispatch and the hash and identity precompiles (Yellow Paper appendix E).

#include "evm/precompiles.hpp"

#include <algorithm>
#include <array>

#include "crypto/secp256k1.hpp"
#include "crypto/sha256.hpp"
#include "evm/frame.hpp"
#include "evm/precompiles_math.hpp"

namespace yunlian::evm {

namespace {

/// Precompile output, or a rejection that consumes all gas.
using Output = host::CallResult;

std::int64_t words_of(BytesView input) noexcept {
    return static_cast<std::int64_t>(num_words(input.size()));
}

Output success(std::int64_t gas_left, Bytes output) {
    Output out;
    out.gas_left = gas_left;
    out.output = std::move(output);
    return out;
}

Output failure(host::StatusCode status) {
    Output out;
    out.status = status;
    return out;
}

/// 0x01 ECRECOVER: hash, v (27 or 28 as a full word), r, s, each 32 bytes, zero-padded.
Output ecrecover(BytesView input, std::int64_t gas_left) {
    std::array<std::uint8_t, 128> in{};
    std::copy_n(input.begin(), std::min<std::size_t>(input.size(), in.size()), in.begin());
    const auto v = Uint256::load_be(in.data() + 32);
    if (v != Uint256{27} && v != Uint256{28}) return success(gas_left, {});
    crypto::Signature sig;
    std::copy_n(in.begin() + 64, 32, sig.r.begin());
    std::copy_n(in.begin() + 96, 32, sig.s.begin());
    sig.recovery_id = static_cast<std::uint8_t>(v.low_u64() - 27);
    const auto digest = Hash::from_view(BytesView{in.data(), 32});
    const auto addr = crypto::recover_address(digest, sig);
    // Invalid signatures are not failures: the precompile returns nothing.
    if (!addr) return success(gas_left, {});
    Bytes out(32, 0);
    std::copy(addr->begin(), addr->end(), out.begin() + 12);
    return success(gas_left, std::move(out));
}

Output sha256_precompile(BytesView input, std::int64_t gas_left) {
    const auto digest = crypto::sha256(input);
    return success(gas_left, to_bytes(digest.view()));
}

Output ripemd160_precompile(BytesView input, std::int64_t gas_left) {
    const auto digest = crypto::ripemd160(input);
    Bytes out(32, 0);
    std::copy(digest.begin(), digest.end(), out.begin() + 12);
    return success(gas_left, std::move(out));
}

Output identity(BytesView input, std::int64_t gas_left) {
    return success(gas_left, to_bytes(input));
}

/// The price of precompile `id` (1..10) for `input` (Yellow Paper E, EIP-2565, EIP-1108, EIP-152,
/// EIP-4844).
std::int64_t price(std::uint8_t id, BytesView input) noexcept {
    switch (id) {
        case 1:
            return 3000;
        case 2:
            return 60 + 12 * words_of(input);
        case 3:
            return 600 + 120 * words_of(input);
        case 4:
            return 15 + 3 * words_of(input);
        case 5:
            return modexp_gas(input);
        case 6:
            return 150;
        case 7:
            return 6000;
        case 8:
            return 45000 + 34000 * static_cast<std::int64_t>(input.size() / 192);
        case 9:
            return blake2f_gas(input);
        default:
            return 50000;  // EIP-4844 point evaluation (0x0a), a flat price
    }
}

}  // namespace

bool is_precompile(const Address& addr) noexcept {
    for (std::size_t i = 0; i + 1 < Address::size(); ++i) {
        if (addr[i] != 0) return false;
    }
    const auto id = addr[Address::size() - 1];
    return id >= 1 && id <= 10;  // 0x0a: EIP-4844 point evaluation (Cancun)
}

host::CallResult run_precompile(const Address& addr, BytesView input, std::int64_t gas) noexcept {
    const auto id = addr[Address::size() - 1];
    const auto cost = price(id, input);
    if (cost > gas) return failure(host::StatusCode::kOutOfGas);
    const auto gas_left = gas - cost;
    switch (id) {
        case 1:
            return ecrecover(input, gas_left);
        case 2:
            return sha256_precompile(input, gas_left);
        case 3:
            return ripemd160_precompile(input, gas_left);
        case 4:
            return identity(input, gas_left);
        default: {
            auto out = run_math_precompile(id, input);
            if (!out) return failure(host::StatusCode::kPrecompileFailure);
            return success(gas_left, std::move(*out));
        }
    }
}

}  // namespace yunlian::evm
