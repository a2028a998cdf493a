// Frame set-up around the interpreter loop: analysis cache, per-depth buffers, result shaping.

#include "evm/vm.hpp"

#include "evm/frame.hpp"
#include "evm/interpreter.hpp"

namespace yunlian::evm {

namespace {
/// The cache is dropped when it reaches this many codes, bounding memory in a long-lived node.
constexpr std::size_t kMaxCachedAnalyses = 4096;
}  // namespace

std::shared_ptr<const CodeAnalysis> Vm::analysis_for(BytesView code, const Hash* code_hash) {
    if (code_hash == nullptr) return std::make_shared<const CodeAnalysis>(analyze(code));
    if (const auto it = m_cache.find(*code_hash); it != m_cache.end()) return it->second;
    if (m_cache.size() >= kMaxCachedAnalyses) m_cache.clear();
    auto analysis = std::make_shared<const CodeAnalysis>(analyze(code));
    m_cache.emplace(*code_hash, analysis);
    return analysis;
}

Vm::DepthBuffers& Vm::buffers_at(std::int32_t depth) {
    const auto index = static_cast<std::size_t>(depth);
    if (m_buffers.size() <= index) m_buffers.resize(index + 1);
    auto& slot = m_buffers[index];
    if (!slot) {
        slot = std::make_unique<DepthBuffers>();
        slot->stack = std::make_unique<Uint256[]>(kStackLimit);
    }
    return *slot;
}

host::CallResult Vm::execute(host::Host& host, const host::Message& msg, BytesView code,
                             const Hash* code_hash) noexcept {
    host::CallResult result;
    if (msg.depth < 0 || msg.depth > kStackLimit) {
        result.status = host::StatusCode::kCallDepthExceeded;
        return result;
    }
    if (code.empty()) {
        // Nothing to run: the frame succeeds at once with all its gas.
        result.gas_left = msg.gas;
        return result;
    }
    const auto analysis = analysis_for(code, code_hash);
    auto& buffers = buffers_at(msg.depth);
    buffers.memory.clear();
    Frame frame{host, msg, *analysis, buffers.memory, msg.gas};
    result.status = run(frame, buffers.stack.get());
    if (result.status == host::StatusCode::kSuccess || result.status == host::StatusCode::kRevert) {
        result.gas_left = frame.gas_left;
        result.output = std::move(frame.output);
        if (result.status == host::StatusCode::kSuccess) result.gas_refund = frame.gas_refund;
    }
    return result;
}

}  // namespace yunlian::evm
