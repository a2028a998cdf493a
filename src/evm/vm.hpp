#pragma once
// The EVM (Cancun): the one entry point other parts use. A Vm caches code analysis by code hash
// and reuses one stack and memory buffer per call depth, so running code allocates nothing per
// instruction. A Vm is used by one thread at a time; nested calls re-enter it through the Host.

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "common/bytes.hpp"
#include "common/uint256.hpp"
#include "evm/analysis.hpp"
#include "host/host.hpp"

namespace yunlian::evm {

/// The EVM interpreter with its caches.
class Vm {
  public:
    Vm() = default;
    Vm(const Vm&) = delete;
    Vm& operator=(const Vm&) = delete;

    /// Runs `code` for `msg`. `code_hash`, when given, keys the analysis cache (pass it for
    /// deployed code; init code is analysed each time). Returns the status, gas left, refund and
    /// output; every failure but REVERT leaves no gas and no refund.
    host::CallResult execute(host::Host& host, const host::Message& msg, BytesView code,
                             const Hash* code_hash = nullptr) noexcept;

    /// Number of analyses in the cache (for tests).
    [[nodiscard]] std::size_t cached_analyses() const noexcept { return m_cache.size(); }

  private:
    /// The buffers of one call depth, reused by every frame at that depth.
    struct DepthBuffers {
        std::unique_ptr<Uint256[]> stack;
        Bytes memory;
    };

    std::shared_ptr<const CodeAnalysis> analysis_for(BytesView code, const Hash* code_hash);
    DepthBuffers& buffers_at(std::int32_t depth);

    std::unordered_map<Hash, std::shared_ptr<const CodeAnalysis>, FixedBytesHasher> m_cache;
    std::vector<std::unique_ptr<DepthBuffers>> m_buffers;
};

}  // namespace yunlian::evm
