// Arbitrary bytes as EVM code against a MockHost whose nested calls recurse into the same Vm
// (bounded by gas and depth). Checks the result invariants: gas never grows, failures other than
// REVERT leave no gas and no refund, and nothing reads out of bounds (under ASan).

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "crypto/keccak.hpp"
#include "evm/precompiles.hpp"
#include "evm/vm.hpp"
#include "host/mock_host.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian;
    constexpr std::int64_t kGas = 200'000;
    host::MockHost host;
    evm::Vm vm;
    const BytesView code{data, size};
    Address self;
    self[19] = 0xaa;
    host.accounts[self].code = to_bytes(code);
    host.accounts[self].code_hash = crypto::keccak256(code);
    host.accounts[self].balance = Uint256{1'000'000};
    host.call_handler = [&](const host::Message& m) {
        if (evm::is_precompile(m.code_address)) {
            return evm::run_precompile(m.code_address, m.input, m.gas);
        }
        if (m.kind == host::CallKind::kCreate || m.kind == host::CallKind::kCreate2) {
            return vm.execute(host, m, m.input);
        }
        const auto callee = host.accounts[m.code_address].code;
        return vm.execute(host, m, callee);
    };
    host::Message msg;
    msg.gas = kGas;
    msg.recipient = self;
    msg.code_address = self;
    msg.input = code;
    const auto r = vm.execute(host, msg, code, &host.accounts[self].code_hash);
    if (r.gas_left < 0 || r.gas_left > kGas) std::abort();
    const bool keeps_gas =
        r.status == host::StatusCode::kSuccess || r.status == host::StatusCode::kRevert;
    if (!keeps_gas && (r.gas_left != 0 || r.gas_refund != 0 || !r.output.empty())) std::abort();
    return 0;
}
