#pragma once
// Reads the fields of one RLP list for the BFT codecs, keeping the first error: after a failure
// every read returns a default value, so a decoder reads all its fields straight through and
// asks for the error once at the end (no early-return chains, no macros).

#include <cstdint>
#include <optional>

#include "codec/rlp.hpp"
#include "consensus/bft/messages.hpp"

namespace yunlian::consensus::bft::detail {

class FieldReader {
  public:
    explicit FieldReader(rlp::ListReader reader) noexcept : m_reader(reader) {}
    /// A reader whose input was not a list (or failed to open).
    explicit FieldReader(DecodeError error) noexcept : m_error(error) {}

    /// Opens `whole` as exactly one list.
    [[nodiscard]] static FieldReader open(BytesView whole) noexcept;

    [[nodiscard]] std::uint64_t uint64() noexcept;
    [[nodiscard]] BytesView bytes() noexcept;
    /// The next field as the encoding of a whole item (to decode it with another decoder).
    [[nodiscard]] BytesView raw_item() noexcept;
    /// The next field as a nested list.
    [[nodiscard]] FieldReader list() noexcept;
    /// A 32-byte hash, or nullopt for the empty string when `allow_nil`.
    [[nodiscard]] std::optional<Hash> hash(bool allow_nil) noexcept;
    /// r (32 bytes), s (32 bytes, low), recovery id (0 or 1): three fields.
    [[nodiscard]] crypto::Signature signature() noexcept;

    /// Records a semantic error (the first one wins).
    void fail(DecodeErrorCode code) noexcept;
    [[nodiscard]] bool ok() const noexcept { return !m_error.has_value(); }
    [[nodiscard]] bool empty() const noexcept { return m_reader.empty(); }
    /// The first error, or kTrailingBytes when fields are left over.
    [[nodiscard]] Result<void, DecodeError> finish() const noexcept;
    [[nodiscard]] const std::optional<DecodeError>& error() const noexcept { return m_error; }

  private:
    void fail_rlp(rlp::RlpError error) noexcept;

    rlp::ListReader m_reader{BytesView{}};
    std::optional<DecodeError> m_error;
};

}  // namespace yunlian::consensus::bft::detail
