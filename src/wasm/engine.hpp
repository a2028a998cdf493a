#pragma once
// The embedding API: an Engine compiles modules (cached by content hash), makes host functions and
// instantiates modules with their imports. Instances of one engine may call each other's functions
// and share imported memories, tables and globals; nothing else connects them.

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "wasm/compiled.hpp"
#include "wasm/error.hpp"
#include "wasm/instance.hpp"
#include "wasm/module.hpp"

namespace yunlian::wasm {

/// Why instantiation failed: an import did not fit (unlinkable) or initialization trapped
/// (uninstantiable: a segment out of bounds, or the start function trapped).
struct InstantiateError {
    enum class Kind : std::uint8_t { kLink, kTrap };
    Kind kind = Kind::kLink;
    LinkError link = LinkError::kUnknownImport;
    Trap trap = Trap::kUnreachable;
};

/// A 64-bit content hash of module bytes (FNV-1a), the key of the engine's compile cache.
[[nodiscard]] std::uint64_t module_hash(BytesView bytes) noexcept;

/// Compiles and instantiates modules. Not thread-safe: use one engine per thread.
class Engine {
  public:
    explicit Engine(EngineLimits limits = {}) : m_limits(limits) {}

    /// Decodes, validates and translates `bytes`, or returns the cached translation of the same
    /// bytes compiled with the same options.
    Result<std::shared_ptr<const CompiledModule>, Error> compile(
        BytesView bytes, const CompileOptions& options = {});
    /// Binds `imports` (in the module's import order) and runs the module's initialization.
    Result<std::shared_ptr<Instance>, InstantiateError> instantiate(
        std::shared_ptr<const CompiledModule> compiled, std::span<const Extern> imports);
    /// A host function of signature `type`.
    std::shared_ptr<FunctionInstance> make_host_function(FuncType type, HostFunction fn);
    /// The engine's id of a signature; equal signatures get equal ids.
    std::uint32_t type_id(const FuncType& type);

    [[nodiscard]] const EngineLimits& limits() const noexcept { return m_limits; }
    /// Number of distinct translations held in the cache.
    [[nodiscard]] std::size_t cache_size() const noexcept { return m_cache.size(); }

  private:
    struct CacheEntry {
        std::uint64_t hash;
        CompileOptions options;
        std::shared_ptr<const CompiledModule> compiled;
    };

    EngineLimits m_limits;
    std::vector<FuncType> m_types;
    std::map<std::string, std::uint32_t> m_type_index;
    std::vector<CacheEntry> m_cache;
    std::multimap<std::uint64_t, std::size_t> m_cache_index;
};

}  // namespace yunlian::wasm
