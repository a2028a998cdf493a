// Fuzzes the decoder and validator (with translation): any input is refused cleanly or compiled.

#include <cstddef>
#include <cstdint>

#include "wasm/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    yunlian::wasm::Engine engine;
    const yunlian::BytesView bytes(data, size);
    auto compiled = engine.compile(bytes);
    if (!compiled) {
        (void)yunlian::wasm::error_message(compiled.error());
        return 0;
    }
    yunlian::wasm::CompileOptions contract;
    contract.contract_profile = true;
    (void)engine.compile(bytes, contract);
    return 0;
}
