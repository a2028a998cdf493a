#include "crypto/blake2f.hpp"

#include <bit>

#include "common/endian.hpp"

namespace yunlian::crypto {
namespace {

// RFC 7693 section 2.6: the SHA-512 initialization vector.
constexpr std::array<std::uint64_t, 8> kIv = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

// RFC 7693 section 2.7: the message word schedule; round i uses row i mod 10.
constexpr std::array<std::array<std::uint8_t, 16>, 10> kSigma = {{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
}};

/// The mixing function G (RFC 7693 section 3.1) on v[a], v[b], v[c], v[d] with words x and y.
inline void mix(std::array<std::uint64_t, 16>& v, std::size_t a, std::size_t b, std::size_t c,
                std::size_t d, std::uint64_t x, std::uint64_t y) noexcept {
    v[a] = v[a] + v[b] + x;
    v[d] = std::rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = std::rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 63);
}

}  // namespace

std::string_view to_string(Blake2Error error) noexcept {
    switch (error) {
        case Blake2Error::kInvalidLength:
            return "BLAKE2F input must be exactly 213 bytes";
        case Blake2Error::kInvalidFinalFlag:
            return "BLAKE2F final-block flag must be 0 or 1";
    }
    return "unknown BLAKE2F error";
}

void blake2b_compress(std::array<std::uint64_t, 8>& h, const std::array<std::uint64_t, 16>& m,
                      std::uint64_t t0, std::uint64_t t1, bool final_block,
                      std::uint32_t rounds) noexcept {
    std::array<std::uint64_t, 16> v{};
    for (std::size_t i = 0; i < 8; ++i) {
        v[i] = h[i];
        v[i + 8] = kIv[i];
    }
    v[12] ^= t0;
    v[13] ^= t1;
    if (final_block) v[14] = ~v[14];
    for (std::uint32_t round = 0; round < rounds; ++round) {
        const auto& s = kSigma[round % 10];
        mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
        mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
        mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
        mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
        mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
        mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
        mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
        mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (std::size_t i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

Result<Bytes, Blake2Error> blake2f(BytesView input) {
    // EIP-152 "Specification": the length and the flag are checked before any work.
    if (input.size() != kBlake2fInputSize) return Unexpected(Blake2Error::kInvalidLength);
    const std::uint8_t flag = input[212];
    if (flag > 1) return Unexpected(Blake2Error::kInvalidFinalFlag);

    const std::uint8_t* p = input.data();
    const std::uint32_t rounds = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                                 (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    std::array<std::uint64_t, 8> h{};
    for (std::size_t i = 0; i < 8; ++i) h[i] = load_le64(p + 4 + 8 * i);
    std::array<std::uint64_t, 16> m{};
    for (std::size_t i = 0; i < 16; ++i) m[i] = load_le64(p + 68 + 8 * i);
    const std::uint64_t t0 = load_le64(p + 196);
    const std::uint64_t t1 = load_le64(p + 204);

    blake2b_compress(h, m, t0, t1, flag == 1, rounds);

    Bytes out(64);
    for (std::size_t i = 0; i < 8; ++i) store_le64(out.data() + 8 * i, h[i]);
    return out;
}

}  // namespace yunlian::crypto
