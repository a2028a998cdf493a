#pragma once
// Recursive Length Prefix (Yellow Paper appendix B), strict: every non-canonical encoding is
// rejected with its own error, decoding never reads past its input, and it allocates nothing
// (decoded items are views into the input).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::rlp {

enum class RlpError {
    kInputTooShort,     ///< the header promises more bytes than the input has
    kNonCanonicalSize,  ///< a single byte below 0x80 wrapped in a string header, or a long form
                        ///< used for a payload under 56 bytes
    kLeadingZeros,      ///< a length or an integer with leading zero bytes
    kOverflow,          ///< a length or integer wider than its type
    kUnexpectedList,    ///< a string was expected
    kUnexpectedString,  ///< a list was expected
    kTrailingBytes,     ///< bytes left after the item, or inside a list after its last field
    kUnexpectedLength,  ///< a fixed-size field of the wrong size
};

[[nodiscard]] std::string_view to_string(RlpError error) noexcept;

// ---- encoding -------------------------------------------------------------------------------

/// Appends `s` as an RLP string.
void encode_string(Bytes& out, BytesView s);
/// Appends an unsigned integer as its minimal big-endian string (0 is the empty string).
void encode_uint(Bytes& out, std::uint64_t value);
/// Appends the header of a list whose encoded fields take `payload_size` bytes.
void encode_list_header(Bytes& out, std::size_t payload_size);
/// Encodes `payload` (already-encoded fields) as a list.
[[nodiscard]] Bytes wrap_list(BytesView payload);
/// Size of the header for a string or list payload of `payload_size` bytes.
[[nodiscard]] std::size_t header_size(std::size_t payload_size) noexcept;
/// Size of `s` encoded as an RLP string.
[[nodiscard]] std::size_t string_size(BytesView s) noexcept;

/// One encoded string `s`, as a new buffer.
[[nodiscard]] Bytes encode_string(BytesView s);

// ---- decoding -------------------------------------------------------------------------------

/// A decoded item: a string's bytes or a list's encoded fields, viewing the input.
struct Item {
    bool is_list = false;
    BytesView payload;
};

/// Decodes one item from the front of `in` and advances `in` past it.
[[nodiscard]] Result<Item, RlpError> decode_item(BytesView& in) noexcept;
/// Decodes `whole` as exactly one item (bytes after it are kTrailingBytes).
[[nodiscard]] Result<Item, RlpError> decode_single(BytesView whole) noexcept;

/// Reads the fields of a list one by one; `finish()` checks that none are left.
class ListReader {
  public:
    explicit ListReader(BytesView payload) noexcept : m_rest(payload) {}

    /// Opens `whole` as exactly one list.
    [[nodiscard]] static Result<ListReader, RlpError> open(BytesView whole) noexcept;

    [[nodiscard]] bool empty() const noexcept { return m_rest.empty(); }
    [[nodiscard]] BytesView rest() const noexcept { return m_rest; }

    /// The next item, whatever its kind.
    [[nodiscard]] Result<Item, RlpError> item() noexcept;
    /// The next item's whole encoding (header included), e.g. to hash or store it.
    [[nodiscard]] Result<BytesView, RlpError> raw_item() noexcept;
    /// The next item as a string.
    [[nodiscard]] Result<BytesView, RlpError> bytes() noexcept;
    /// The next item as a list.
    [[nodiscard]] Result<ListReader, RlpError> list() noexcept;
    /// The next item as a canonical unsigned integer of at most 64 bits.
    [[nodiscard]] Result<std::uint64_t, RlpError> uint64() noexcept;
    /// The next item as a string of exactly N bytes.
    template <std::size_t N>
    [[nodiscard]] Result<FixedBytes<N>, RlpError> fixed() noexcept {
        auto s = bytes();
        if (!s) return Unexpected(s.error());
        if (s->size() != N) return Unexpected(RlpError::kUnexpectedLength);
        return FixedBytes<N>::from_view(*s);
    }
    /// Succeeds when every field has been read.
    [[nodiscard]] Result<void, RlpError> finish() const noexcept;

  private:
    BytesView m_rest;
};

/// Reads an integer string's payload: canonical (no leading zeros), at most `max_bytes` long.
[[nodiscard]] Result<BytesView, RlpError> uint_payload(BytesView payload,
                                                       std::size_t max_bytes) noexcept;

}  // namespace yunlian::rlp
