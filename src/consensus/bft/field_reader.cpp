#include "consensus/bft/field_reader.hpp"

namespace yunlian::consensus::bft::detail {

FieldReader FieldReader::open(BytesView whole) noexcept {
    auto reader = rlp::ListReader::open(whole);
    if (!reader) return FieldReader(DecodeError{DecodeErrorCode::kRlp, reader.error()});
    return FieldReader(*reader);
}

void FieldReader::fail(DecodeErrorCode code) noexcept {
    if (!m_error) m_error = DecodeError{code, rlp::RlpError::kInputTooShort};
}

void FieldReader::fail_rlp(rlp::RlpError error) noexcept {
    if (!m_error) m_error = DecodeError{DecodeErrorCode::kRlp, error};
}

std::uint64_t FieldReader::uint64() noexcept {
    if (m_error) return 0;
    auto value = m_reader.uint64();
    if (!value) {
        fail_rlp(value.error());
        return 0;
    }
    return *value;
}

BytesView FieldReader::bytes() noexcept {
    if (m_error) return {};
    auto value = m_reader.bytes();
    if (!value) {
        fail_rlp(value.error());
        return {};
    }
    return *value;
}

BytesView FieldReader::raw_item() noexcept {
    if (m_error) return {};
    auto value = m_reader.raw_item();
    if (!value) {
        fail_rlp(value.error());
        return {};
    }
    return *value;
}

FieldReader FieldReader::list() noexcept {
    if (m_error) return FieldReader(*m_error);
    auto value = m_reader.list();
    if (!value) {
        fail_rlp(value.error());
        return FieldReader(*m_error);
    }
    return FieldReader(*value);
}

std::optional<Hash> FieldReader::hash(bool allow_nil) noexcept {
    const BytesView raw = bytes();
    if (!ok()) return std::nullopt;
    if (raw.empty() && allow_nil) return std::nullopt;
    if (raw.size() != Hash::kSize) {
        fail(DecodeErrorCode::kBadHashLength);
        return std::nullopt;
    }
    return Hash::from_view(raw);
}

crypto::Signature FieldReader::signature() noexcept {
    crypto::Signature sig;
    const BytesView r = bytes();
    const BytesView s = bytes();
    const std::uint64_t v = uint64();
    if (!ok()) return sig;
    if (r.size() != Hash::kSize || s.size() != Hash::kSize) {
        fail(DecodeErrorCode::kBadSignatureScalar);
        return sig;
    }
    if (v > 1) {
        fail(DecodeErrorCode::kBadRecoveryId);
        return sig;
    }
    sig.r = Hash::from_view(r);
    sig.s = Hash::from_view(s);
    sig.recovery_id = static_cast<std::uint8_t>(v);
    // EIP-2: (r, n - s) is a second valid signature; only the low one is canonical.
    if (!crypto::is_low_s(sig.s)) fail(DecodeErrorCode::kHighS);
    return sig;
}

Result<void, DecodeError> FieldReader::finish() const noexcept {
    if (m_error) return Unexpected(*m_error);
    if (!m_reader.empty()) {
        return Unexpected(DecodeError{DecodeErrorCode::kRlp, rlp::RlpError::kTrailingBytes});
    }
    return {};
}

}  // namespace yunlian::consensus::bft::detail
