#include "cas/unixfs.hpp"

#include "cas/protobuf.hpp"

namespace yunlian::cas {
namespace {

constexpr std::uint32_t kType = 1;
constexpr std::uint32_t kData = 2;
constexpr std::uint32_t kFilesize = 3;
constexpr std::uint32_t kBlocksizes = 4;
constexpr std::uint32_t kHashType = 5;
constexpr std::uint32_t kFanout = 6;
constexpr std::uint32_t kMode = 7;
constexpr std::uint32_t kMtime = 8;
// A node's blocksizes mirror its links; a 2 MiB block cannot hold more links than this anyway.
constexpr std::size_t kMaxBlocksizes = 1 << 16;

bool is_varint_field(std::uint32_t number) noexcept {
    return number == kType || number == kFilesize || number == kBlocksizes || number == kHashType ||
           number == kFanout || number == kMode;
}

}  // namespace

Bytes encode_unixfs(const UnixfsData& data) {
    Bytes out;
    pb::append_uint(out, kType, static_cast<std::uint64_t>(data.type));
    if (data.data && !data.data->empty()) pb::append_bytes(out, kData, *data.data);
    if (data.filesize) pb::append_uint(out, kFilesize, *data.filesize);
    for (const auto size : data.blocksizes) pb::append_uint(out, kBlocksizes, size);
    return out;
}

Result<UnixfsData, CasError> decode_unixfs(BytesView bytes) {
    UnixfsData out;
    bool has_type = false;
    bool seen[kMtime + 1] = {};
    pb::Reader reader(bytes);
    while (!reader.done()) {
        const auto field = reader.next();
        if (!field) return Unexpected(field.error());
        if (field->number > kMtime) return Unexpected(CasError::kUnknownField);
        const auto expected =
            is_varint_field(field->number) ? pb::WireType::kVarint : pb::WireType::kLengthDelimited;
        if (field->type != expected) return Unexpected(CasError::kBadWireType);
        if (field->number != kBlocksizes) {
            if (seen[field->number]) return Unexpected(CasError::kDuplicateField);
            seen[field->number] = true;
        }
        switch (field->number) {
            case kType:
                if (field->value > static_cast<std::uint64_t>(UnixfsType::kHamtShard)) {
                    return Unexpected(CasError::kBadUnixfsType);
                }
                out.type = static_cast<UnixfsType>(field->value);
                has_type = true;
                break;
            case kData:
                out.data = field->bytes;
                break;
            case kFilesize:
                out.filesize = field->value;
                break;
            case kBlocksizes:
                if (out.blocksizes.size() == kMaxBlocksizes) {
                    return Unexpected(CasError::kBlockSizesMismatch);
                }
                out.blocksizes.push_back(field->value);
                break;
            default:
                break;  // hashType, fanout, mode, mtime: accepted, not used by the reader
        }
    }
    if (!has_type) return Unexpected(CasError::kMissingField);
    return out;
}

std::uint64_t unixfs_content_size(const UnixfsData& data) noexcept {
    std::uint64_t total = data.data ? data.data->size() : 0;
    for (const auto size : data.blocksizes) {
        // Hostile sizes saturate rather than wrap, so they can never add up to a plausible size.
        if (size > UINT64_MAX - total) return UINT64_MAX;
        total += size;
    }
    return total;
}

}  // namespace yunlian::cas
