// decrypt_keystore() on arbitrary bytes with a fixed password: it must return an error or a key,
// never crash, read out of bounds, or allocate without bound (its KDF caps are the bound).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/keystore.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    (void)yunlian::crypto::decrypt_keystore(json, "fuzz");
    return 0;
}
