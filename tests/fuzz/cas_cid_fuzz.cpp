// Fuzzes CID parsing (text and binary) and multibase decoding: no crash, no out-of-bounds read,
// and whatever parses round-trips through its canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cas/cid.hpp"
#include "cas/multibase.hpp"
#include "cas/varint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian::cas;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto cid = Cid::parse(text)) {
        const auto again = Cid::parse(cid->to_string());
        if (!again || *again != *cid) std::abort();
    }
    const yunlian::BytesView bytes(data, size);
    if (const auto cid = Cid::from_bytes(bytes)) {
        if (cid->to_bytes() != yunlian::Bytes(bytes.begin(), bytes.end())) std::abort();
    }
    if (const auto v = decode_varint(bytes)) {
        yunlian::Bytes out;
        append_varint(out, v->value);
        if (out.size() != v->length) std::abort();
    }
    (void)decode_base32(text);
    if (size < 256) (void)decode_base58btc(text);
    return 0;
}
