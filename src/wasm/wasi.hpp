#pragma once
// A WASI preview-1 subset for compute jobs (module "wasi_snapshot_preview1"): args, environ,
// stdin/stdout/stderr over bounded in-memory buffers, one read-only preopened directory of input
// files held in memory, proc_exit, and a clock and random source fixed by the embedder so that
// every machine sees the same values. There are no sockets and no host filesystem access.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "wasm/engine.hpp"

namespace yunlian::wasm {

/// What a WASI program sees of the world; everything is given by the embedder.
struct WasiConfig {
    std::vector<std::string> args;
    std::vector<std::string> env;  // "KEY=value"
    Bytes stdin_data;
    /// The preopened directory (fd 3): relative path -> contents, read-only.
    std::map<std::string, Bytes> files;
    std::string preopen_name = "/input";
    std::size_t stdout_limit = 1U << 20;
    std::size_t stderr_limit = 1U << 20;
    /// clock_time_get always returns this (nanoseconds); it never reads a clock.
    std::uint64_t clock_ns = 0;
    /// random_get returns a stream derived from this seed only.
    std::uint64_t random_seed = 0;
};

/// The WASI host functions of one program run. Must outlive the instances that import it.
class Wasi {
  public:
    Wasi(Engine& engine, WasiConfig config);

    /// The export `module.name` if it is a WASI function this subset provides.
    [[nodiscard]] std::optional<Extern> resolve(std::string_view module,
                                                std::string_view name) const;
    [[nodiscard]] std::string stdout_text() const { return {m_stdout.begin(), m_stdout.end()}; }
    [[nodiscard]] std::string stderr_text() const { return {m_stderr.begin(), m_stderr.end()}; }
    [[nodiscard]] const Bytes& stdout_bytes() const noexcept { return m_stdout; }
    /// The code passed to proc_exit (the call then ends with Trap::kExit).
    [[nodiscard]] std::uint32_t exit_code() const noexcept { return m_exit_code; }

  private:
    struct OpenFile {
        const Bytes* data;
        std::uint64_t pos;
    };

    void add(const std::string& name, std::vector<ValType> params, std::vector<ValType> results,
             HostFunction fn);
    std::uint32_t write(std::uint32_t fd, BytesView data);
    std::uint32_t fd_io(HostContext& ctx, const std::uint64_t* args, bool is_write);
    std::uint32_t strings_sizes(HostContext& ctx, const std::vector<std::string>& list,
                                std::uint32_t count_ptr, std::uint32_t size_ptr);
    std::uint32_t strings_get(HostContext& ctx, const std::vector<std::string>& list,
                              std::uint32_t ptrs, std::uint32_t buf);
    std::uint32_t path_open(HostContext& ctx, const std::uint64_t* args);
    std::uint32_t fd_seek(HostContext& ctx, const std::uint64_t* args);
    std::uint32_t fd_fdstat_get(HostContext& ctx, std::uint32_t fd, std::uint32_t ptr);
    std::uint32_t random_get(HostContext& ctx, std::uint32_t ptr, std::uint32_t len);

    Engine& m_engine;
    WasiConfig m_config;
    Bytes m_stdout;
    Bytes m_stderr;
    std::uint64_t m_stdin_pos = 0;
    std::map<std::uint32_t, OpenFile> m_open;
    std::uint32_t m_next_fd = 4;
    std::uint64_t m_random_state;
    std::uint32_t m_exit_code = 0;
    std::map<std::string, std::shared_ptr<FunctionInstance>, std::less<>> m_functions;
};

}  // namespace yunlian::wasm
