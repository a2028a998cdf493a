// Fuzzes the transaction decoder: anything it accepts re-encodes to the same bytes, and sender
// recovery on it returns a value or an error, never a crash.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "types/transaction.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const yunlian::BytesView input(data, size);
    auto txn = yunlian::types::decode_transaction(input);
    if (!txn) return 0;
    const auto again = yunlian::types::encode_transaction(*txn);
    if (!std::equal(again.begin(), again.end(), input.begin(), input.end())) std::abort();
    (void)yunlian::types::recover_sender(*txn);
    return 0;
}
