#pragma once
// Values of the eth namespace as geth's hexutil and rpc packages read and write them: quantities,
// data, block tags, addresses and hashes. Parsing is strict and every way a value can be wrong
// has its own error, worded as geth words it (common/hexutil/hexutil.go).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::rpc {

enum class ValueError {
    kEmptyString,       ///< "" where a number was required
    kSyntax,            ///< a character that is not a hex digit
    kMissingPrefix,     ///< no "0x" in front
    kOddLength,         ///< data with an odd number of hex digits
    kEmptyNumber,       ///< "0x" with no digits
    kLeadingZero,       ///< a quantity with leading zero digits ("0x01")
    kUint64Range,       ///< a quantity that does not fit in 64 bits
    kBig256Range,       ///< a quantity that does not fit in 256 bits
    kWrongLength,       ///< an address or hash with the wrong number of bytes
    kBlockNumberRange,  ///< a block number above 2^63 - 1, which geth rejects
};

/// geth's message for `error` ("hex string without 0x prefix", ...).
[[nodiscard]] std::string_view to_message(ValueError error) noexcept;

/// A quantity: "0x" and the shortest lower-case hex digits ("0x0" for zero).
[[nodiscard]] std::string encode_quantity(std::uint64_t value);
/// A quantity from a big-endian unsigned integer of any width (leading zero bytes are dropped).
[[nodiscard]] std::string encode_quantity(BytesView big_endian);
/// Data: "0x" and two lower-case hex digits per byte ("0x" for empty data).
[[nodiscard]] std::string encode_data(BytesView data);

/// Parses a quantity of at most 64 bits.
[[nodiscard]] Result<std::uint64_t, ValueError> parse_quantity_u64(std::string_view text);
/// Parses a quantity of at most 256 bits into 32 big-endian bytes.
[[nodiscard]] Result<FixedBytes<32>, ValueError> parse_quantity_u256(std::string_view text);
/// Parses data: "0x" and an even number of hex digits; "" is empty data, as geth accepts it.
[[nodiscard]] Result<Bytes, ValueError> parse_data(std::string_view text);
/// Parses a 20-byte address (any letter case; the EIP-55 checksum is not enforced, as in geth).
[[nodiscard]] Result<Address, ValueError> parse_address(std::string_view text);
/// Parses a 32-byte hash.
[[nodiscard]] Result<Hash, ValueError> parse_hash(std::string_view text);

/// A block named by tag or number (geth's rpc.BlockNumber).
struct BlockTag {
    enum class Kind { kNumber, kEarliest, kLatest, kPending, kSafe, kFinalized };
    Kind kind = Kind::kLatest;
    /// The block number when kind is kNumber, else 0.
    std::uint64_t block_num = 0;

    friend bool operator==(const BlockTag&, const BlockTag&) = default;
};

/// Parses "earliest", "latest", "pending", "safe", "finalized" or a quantity below 2^63.
[[nodiscard]] Result<BlockTag, ValueError> parse_block_tag(std::string_view text);
/// The text form of `tag` (a tag name or a quantity).
[[nodiscard]] std::string to_string(const BlockTag& tag);

}  // namespace yunlian::rpc
