#include "cas/block_io.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "crypto/sha256.hpp"

namespace yunlian::cas {

std::size_t MemorySource::read(std::span<std::uint8_t> out) {
    const std::size_t n = std::min(out.size(), m_rest.size());
    std::memcpy(out.data(), m_rest.data(), n);
    m_rest = m_rest.subspan(n);
    return n;
}

std::size_t FdSource::read(std::span<std::uint8_t> out) {
    for (;;) {
        const ssize_t n = ::read(m_fd, out.data(), out.size());
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw std::runtime_error(std::string("read: ") + std::strerror(errno));
    }
}

void MemoryBlockStore::put(const Cid& cid, std::span<const BytesView> parts) {
    Bytes block;
    for (const auto part : parts) append(block, part);
    m_blocks.insert_or_assign(cid.digest, std::move(block));
}

Result<Bytes, Failure> MemoryBlockStore::get(const Cid& cid) const {
    const auto it = m_blocks.find(cid.digest);
    if (it == m_blocks.end()) return Unexpected(Failure{FailureKind::kNotFound, cid.to_string()});
    auto ok = verify_block(cid, it->second);
    if (!ok) return Unexpected(ok.error());
    return it->second;
}

Result<void, Failure> verify_block(const Cid& cid, BytesView block) {
    if (crypto::sha256(block) != cid.digest) {
        return Unexpected(Failure{FailureKind::kIntegrity, cid.to_string()});
    }
    return {};
}

}  // namespace yunlian::cas
