#include "cas/car.hpp"

#include <array>
#include <string_view>

#include "cas/block_store.hpp"
#include "cas/varint.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::cas {
namespace {

// CBOR major types (RFC 8949 section 3.1).
constexpr std::uint8_t kUnsigned = 0;
constexpr std::uint8_t kByteString = 2;
constexpr std::uint8_t kTextString = 3;
constexpr std::uint8_t kArray = 4;
constexpr std::uint8_t kMap = 5;
constexpr std::uint8_t kTag = 6;
// DAG-CBOR links are tag 42 over a byte string of 0x00 + the binary CID.
constexpr std::uint64_t kCidTag = 42;

void append_cbor_head(Bytes& out, std::uint8_t major, std::uint64_t value) {
    const auto m = static_cast<std::uint8_t>(major << 5);
    if (value < 24) {
        out.push_back(static_cast<std::uint8_t>(m | value));
    } else if (value <= 0xff) {
        out.insert(out.end(),
                   {static_cast<std::uint8_t>(m | 24), static_cast<std::uint8_t>(value)});
    } else if (value <= 0xffff) {
        out.insert(out.end(),
                   {static_cast<std::uint8_t>(m | 25), static_cast<std::uint8_t>(value >> 8),
                    static_cast<std::uint8_t>(value)});
    } else {
        out.push_back(static_cast<std::uint8_t>(m | 26));
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.push_back(static_cast<std::uint8_t>(value >> shift));
        }
    }
}

void append_cbor_text(Bytes& out, std::string_view text) {
    append_cbor_head(out, kTextString, text.size());
    append(out, as_bytes(text));
}

/// A strict reader of the few CBOR items a CAR header holds.
class CborReader {
  public:
    explicit CborReader(BytesView in) noexcept : m_rest(in) {}

    [[nodiscard]] bool done() const noexcept { return m_rest.empty(); }

    /// Reads an item head of the given major type; DAG-CBOR requires the shortest form.
    Result<std::uint64_t, CasError> head(std::uint8_t major) {
        if (m_rest.empty()) return Unexpected(CasError::kTruncated);
        const std::uint8_t initial = m_rest[0];
        m_rest = m_rest.subspan(1);
        if ((initial >> 5) != major) return Unexpected(CasError::kBadCarHeader);
        const std::uint8_t info = initial & 31;
        if (info < 24) return std::uint64_t{info};
        if (info > 27) return Unexpected(CasError::kBadCarHeader);
        const std::size_t n = std::size_t{1} << (info - 24);
        if (m_rest.size() < n) return Unexpected(CasError::kTruncated);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < n; ++i) value = (value << 8) | m_rest[i];
        m_rest = m_rest.subspan(n);
        const std::uint64_t smallest = info == 24 ? 24 : (std::uint64_t{1} << (8 * (n / 2)));
        if (value < smallest) return Unexpected(CasError::kBadCarHeader);
        return value;
    }

    Result<BytesView, CasError> bytes(std::uint8_t major) {
        const auto length = head(major);
        if (!length) return Unexpected(length.error());
        if (*length > m_rest.size()) return Unexpected(CasError::kTruncated);
        const auto out = m_rest.subspan(0, static_cast<std::size_t>(*length));
        m_rest = m_rest.subspan(static_cast<std::size_t>(*length));
        return out;
    }

  private:
    BytesView m_rest;
};

Result<std::vector<Cid>, CasError> read_roots(CborReader& reader) {
    const auto count = reader.head(kArray);
    if (!count) return Unexpected(count.error());
    std::vector<Cid> roots;
    for (std::uint64_t i = 0; i < *count; ++i) {
        const auto tag = reader.head(kTag);
        if (!tag) return Unexpected(tag.error());
        if (*tag != kCidTag) return Unexpected(CasError::kBadCarHeader);
        const auto bytes = reader.bytes(kByteString);
        if (!bytes) return Unexpected(bytes.error());
        // The 0x00 is the multibase "identity" prefix DAG-CBOR puts before binary CIDs.
        if (bytes->empty() || (*bytes)[0] != 0) return Unexpected(CasError::kBadCarHeader);
        auto cid = Cid::from_bytes(bytes->subspan(1));
        if (!cid) return Unexpected(cid.error());
        roots.push_back(*cid);
    }
    return roots;
}

/// Reads a multiformats varint byte by byte; nullopt-like kTruncated at a clean end of stream.
Result<std::uint64_t, CasError> read_stream_varint(std::istream& in, bool& clean_end) {
    std::array<std::uint8_t, kMaxVarintBytes> bytes{};
    clean_end = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const int c = in.get();
        if (c == std::char_traits<char>::eof()) {
            clean_end = i == 0;
            return Unexpected(CasError::kTruncated);
        }
        bytes[i] = static_cast<std::uint8_t>(c);
        if ((bytes[i] & 0x80) == 0) {
            const auto v = decode_varint(BytesView(bytes.data(), i + 1));
            if (!v) return Unexpected(v.error());
            return v->value;
        }
    }
    return Unexpected(CasError::kVarintOverflow);
}

Result<Bytes, CasError> read_exact(std::istream& in, std::uint64_t size) {
    Bytes out(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size()));
    if (static_cast<std::uint64_t>(in.gcount()) != size) return Unexpected(CasError::kTruncated);
    return out;
}

Failure car_failure(CasError error, std::string subject) {
    return Failure{FailureKind::kMalformed, std::move(subject), error};
}

}  // namespace

Bytes encode_car_header(const std::vector<Cid>& roots) {
    Bytes out;
    append_cbor_head(out, kMap, 2);
    // DAG-CBOR orders map keys by length first: "roots" before "version".
    append_cbor_text(out, "roots");
    append_cbor_head(out, kArray, roots.size());
    for (const auto& root : roots) {
        Bytes cid{0};
        append(cid, root.to_bytes());
        append_cbor_head(out, kTag, kCidTag);
        append_cbor_head(out, kByteString, cid.size());
        append(out, cid);
    }
    append_cbor_text(out, "version");
    append_cbor_head(out, kUnsigned, 1);
    return out;
}

Result<std::vector<Cid>, CasError> decode_car_header(BytesView header) {
    CborReader reader(header);
    const auto entries = reader.head(kMap);
    if (!entries) return Unexpected(entries.error());
    if (*entries != 2) return Unexpected(CasError::kBadCarHeader);
    std::vector<Cid> roots;
    bool has_roots = false;
    bool has_version = false;
    for (int i = 0; i < 2; ++i) {
        const auto key = reader.bytes(kTextString);
        if (!key) return Unexpected(key.error());
        const std::string_view name(reinterpret_cast<const char*>(key->data()), key->size());
        if (name == "roots" && !has_roots) {
            auto parsed = read_roots(reader);
            if (!parsed) return Unexpected(parsed.error());
            roots = std::move(*parsed);
            has_roots = true;
        } else if (name == "version" && !has_version) {
            const auto version = reader.head(kUnsigned);
            if (!version) return Unexpected(version.error());
            if (*version != 1) return Unexpected(CasError::kBadCarHeader);
            has_version = true;
        } else {
            return Unexpected(CasError::kBadCarHeader);
        }
    }
    if (!reader.done()) return Unexpected(CasError::kTrailingBytes);
    return roots;
}

Result<std::uint64_t, Failure> export_car(const BlockSource& source, const Cid& root,
                                          std::ostream& out) {
    const Bytes header = encode_car_header({root});
    Bytes frame;
    append_varint(frame, header.size());
    append(frame, header);
    out.write(reinterpret_cast<const char*>(frame.data()),
              static_cast<std::streamsize>(frame.size()));
    std::uint64_t blocks = 0;
    auto walked = walk_dag(source, root, [&](const Cid& cid, const Bytes& block) {
        const Bytes cid_bytes = cid.to_bytes();
        frame.clear();
        append_varint(frame, cid_bytes.size() + block.size());
        append(frame, cid_bytes);
        out.write(reinterpret_cast<const char*>(frame.data()),
                  static_cast<std::streamsize>(frame.size()));
        out.write(reinterpret_cast<const char*>(block.data()),
                  static_cast<std::streamsize>(block.size()));
        ++blocks;
    });
    if (!walked) return Unexpected(walked.error());
    if (!out) return Unexpected(Failure{FailureKind::kIo, "write CAR"});
    return blocks;
}

Result<CarImport, Failure> import_car(std::istream& in, BlockSink& sink) {
    bool clean_end = false;
    const auto header_size = read_stream_varint(in, clean_end);
    if (!header_size) return Unexpected(car_failure(header_size.error(), "CAR header length"));
    if (*header_size == 0 || *header_size > kMaxCarHeader) {
        return Unexpected(car_failure(CasError::kBadCarHeader, "CAR header length"));
    }
    const auto header = read_exact(in, *header_size);
    if (!header) return Unexpected(car_failure(header.error(), "CAR header"));
    auto roots = decode_car_header(*header);
    if (!roots) return Unexpected(car_failure(roots.error(), "CAR header"));
    CarImport result{std::move(*roots), 0};
    for (;;) {
        const auto section_size = read_stream_varint(in, clean_end);
        if (!section_size) {
            if (clean_end) break;
            return Unexpected(car_failure(section_size.error(), "CAR section length"));
        }
        if (*section_size > kMaxCarBlock + 64) {
            return Unexpected(car_failure(CasError::kBlockTooLarge, "CAR section"));
        }
        const auto section = read_exact(in, *section_size);
        if (!section) return Unexpected(car_failure(section.error(), "CAR section"));
        std::size_t cid_length = 0;
        const auto cid = Cid::from_prefix(*section, cid_length);
        if (!cid) return Unexpected(car_failure(cid.error(), "CAR section CID"));
        const BytesView block = BytesView(*section).subspan(cid_length);
        if (crypto::sha256(block) != cid->digest) {
            return Unexpected(Failure{FailureKind::kIntegrity, cid->to_string()});
        }
        const std::array<BytesView, 1> parts{block};
        sink.put(*cid, parts);
        ++result.blocks;
    }
    return result;
}

}  // namespace yunlian::cas
