#include "wasm/wasi.hpp"

#include <algorithm>
#include <cstring>

#include "common/endian.hpp"

namespace yunlian::wasm {
namespace {

constexpr std::string_view kModule = "wasi_snapshot_preview1";

// WASI errno values (preview-1 witx).
constexpr std::uint32_t kSuccess = 0;
constexpr std::uint32_t kBadF = 8;
constexpr std::uint32_t kFault = 21;
constexpr std::uint32_t kInval = 28;
constexpr std::uint32_t kNoEnt = 44;
constexpr std::uint32_t kNoSpc = 51;
constexpr std::uint32_t kRoFs = 69;
constexpr std::uint32_t kSPipe = 70;
constexpr std::uint32_t kNotCapable = 76;

constexpr std::uint32_t kPreopenFd = 3;

std::uint32_t arg32(const std::uint64_t* args, int i) {
    return static_cast<std::uint32_t>(args[i]);
}

// Checked access to the caller's memory.
std::uint8_t* mem_at(HostContext& ctx, std::uint64_t ptr, std::uint64_t len) {
    MemoryInstance* memory = ctx.memory();
    if (memory == nullptr) return nullptr;
    auto view = memory->view(ptr, len);
    if (!view) return nullptr;
    return view->data();
}

bool put32(HostContext& ctx, std::uint32_t ptr, std::uint32_t v) {
    std::uint8_t* p = mem_at(ctx, ptr, 4);
    if (p == nullptr) return false;
    store_le32(p, v);
    return true;
}

bool put64(HostContext& ctx, std::uint32_t ptr, std::uint64_t v) {
    std::uint8_t* p = mem_at(ctx, ptr, 8);
    if (p == nullptr) return false;
    store_le64(p, v);
    return true;
}

HostFunction errno_fn(std::function<std::uint32_t(HostContext&, const std::uint64_t*)> body) {
    return [body = std::move(body)](HostContext& ctx, const std::uint64_t* args,
                                    std::uint64_t* results) -> Result<void, Trap> {
        results[0] = body(ctx, args);
        return {};
    };
}

}  // namespace

Wasi::Wasi(Engine& engine, WasiConfig config)
    : m_engine(engine), m_config(std::move(config)), m_random_state(m_config.random_seed) {
    using V = ValType;
    const V i = V::kI32;
    const V l = V::kI64;
    add("args_sizes_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return strings_sizes(c, m_config.args, arg32(a, 0), arg32(a, 1));
        }));
    add("args_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return strings_get(c, m_config.args, arg32(a, 0), arg32(a, 1));
        }));
    add("environ_sizes_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return strings_sizes(c, m_config.env, arg32(a, 0), arg32(a, 1));
        }));
    add("environ_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return strings_get(c, m_config.env, arg32(a, 0), arg32(a, 1));
        }));
    add("fd_write", {i, i, i, i}, {i},
        errno_fn([this](HostContext& c, const std::uint64_t* a) { return fd_io(c, a, true); }));
    add("fd_read", {i, i, i, i}, {i},
        errno_fn([this](HostContext& c, const std::uint64_t* a) { return fd_io(c, a, false); }));
    add("fd_close", {i}, {i}, errno_fn([this](HostContext&, const std::uint64_t* a) {
            return m_open.erase(arg32(a, 0)) != 0 ? kSuccess : kBadF;
        }));
    add("fd_seek", {i, l, i, i}, {i},
        errno_fn([this](HostContext& c, const std::uint64_t* a) { return fd_seek(c, a); }));
    add("fd_fdstat_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return fd_fdstat_get(c, arg32(a, 0), arg32(a, 1));
        }));
    add("fd_prestat_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            if (arg32(a, 0) != kPreopenFd) return kBadF;
            std::uint8_t* p = mem_at(c, arg32(a, 1), 8);
            if (p == nullptr) return kFault;
            std::memset(p, 0, 8);  // tag 0: a directory
            store_le32(p + 4, static_cast<std::uint32_t>(m_config.preopen_name.size()));
            return kSuccess;
        }));
    add("fd_prestat_dir_name", {i, i, i}, {i},
        errno_fn([this](HostContext& c, const std::uint64_t* a) {
            if (arg32(a, 0) != kPreopenFd) return kBadF;
            const auto& name = m_config.preopen_name;
            if (arg32(a, 2) < name.size()) return kInval;
            std::uint8_t* p = mem_at(c, arg32(a, 1), name.size());
            if (p == nullptr) return kFault;
            std::memcpy(p, name.data(), name.size());
            return kSuccess;
        }));
    add("path_open", {i, i, i, i, i, l, l, i, i}, {i},
        errno_fn([this](HostContext& c, const std::uint64_t* a) { return path_open(c, a); }));
    add("proc_exit", {i}, {},
        [this](HostContext&, const std::uint64_t* a, std::uint64_t*) -> Result<void, Trap> {
            m_exit_code = arg32(a, 0);
            return Unexpected(Trap::kExit);
        });
    add("clock_time_get", {i, l, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return put64(c, arg32(a, 2), m_config.clock_ns) ? kSuccess : kFault;
        }));
    add("clock_res_get", {i, i}, {i}, errno_fn([](HostContext& c, const std::uint64_t* a) {
            return put64(c, arg32(a, 1), 1) ? kSuccess : kFault;
        }));
    add("random_get", {i, i}, {i}, errno_fn([this](HostContext& c, const std::uint64_t* a) {
            return random_get(c, arg32(a, 0), arg32(a, 1));
        }));
    // Flags of the in-memory descriptors cannot change; accept the call for any open descriptor.
    add("fd_fdstat_set_flags", {i, i}, {i}, errno_fn([this](HostContext&, const std::uint64_t* a) {
            const std::uint32_t fd = arg32(a, 0);
            return fd <= kPreopenFd || m_open.count(fd) != 0 ? kSuccess : kBadF;
        }));
    add("sched_yield", {}, {i},
        errno_fn([](HostContext&, const std::uint64_t*) { return kSuccess; }));
}

void Wasi::add(const std::string& name, std::vector<ValType> params, std::vector<ValType> results,
               HostFunction fn) {
    m_functions[name] =
        m_engine.make_host_function({std::move(params), std::move(results)}, std::move(fn));
}

std::optional<Extern> Wasi::resolve(std::string_view module, std::string_view name) const {
    if (module != kModule) return std::nullopt;
    auto it = m_functions.find(name);
    if (it == m_functions.end()) return std::nullopt;
    Extern e;
    e.kind = ExternKind::kFunc;
    e.func = it->second;
    return e;
}

std::uint32_t Wasi::strings_sizes(HostContext& ctx, const std::vector<std::string>& list,
                                  std::uint32_t count_ptr, std::uint32_t size_ptr) {
    std::uint64_t total = 0;
    for (const auto& s : list) total += s.size() + 1;
    if (!put32(ctx, count_ptr, static_cast<std::uint32_t>(list.size()))) return kFault;
    return put32(ctx, size_ptr, static_cast<std::uint32_t>(total)) ? kSuccess : kFault;
}

std::uint32_t Wasi::strings_get(HostContext& ctx, const std::vector<std::string>& list,
                                std::uint32_t ptrs, std::uint32_t buf) {
    std::uint64_t offset = buf;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const auto& s = list[k];
        if (offset > 0xffffffffU) return kFault;
        if (!put32(ctx, static_cast<std::uint32_t>(ptrs + 4 * k),
                   static_cast<std::uint32_t>(offset)))
            return kFault;
        std::uint8_t* p = mem_at(ctx, offset, s.size() + 1);
        if (p == nullptr) return kFault;
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = 0;
        offset += s.size() + 1;
    }
    return kSuccess;
}

std::uint32_t Wasi::write(std::uint32_t fd, BytesView data) {
    Bytes& out = fd == 1 ? m_stdout : m_stderr;
    const std::size_t limit = fd == 1 ? m_config.stdout_limit : m_config.stderr_limit;
    const std::size_t room = limit - std::min(limit, out.size());
    out.insert(out.end(), data.begin(),
               data.begin() + static_cast<std::ptrdiff_t>(std::min(room, data.size())));
    return data.size() <= room ? kSuccess : kNoSpc;
}

std::uint32_t Wasi::fd_io(HostContext& ctx, const std::uint64_t* args, bool is_write) {
    const std::uint32_t fd = arg32(args, 0);
    const std::uint32_t iovs = arg32(args, 1);
    const std::uint32_t count = arg32(args, 2);
    const std::uint32_t done_ptr = arg32(args, 3);
    if (is_write ? (fd != 1 && fd != 2) : (fd != 0 && m_open.count(fd) == 0)) return kBadF;
    std::uint64_t done = 0;
    std::uint32_t status = kSuccess;
    for (std::uint32_t k = 0; k < count && status == kSuccess; ++k) {
        const std::uint8_t* iov = mem_at(ctx, std::uint64_t{iovs} + 8ULL * k, 8);
        if (iov == nullptr) return kFault;
        const std::uint32_t ptr = load_le32(iov);
        const std::uint32_t len = load_le32(iov + 4);
        std::uint8_t* p = mem_at(ctx, ptr, len);
        if (p == nullptr) return kFault;
        if (is_write) {
            status = write(fd, {p, len});
            done += len;
            continue;
        }
        const Bytes& source = fd == 0 ? m_config.stdin_data : *m_open.at(fd).data;
        std::uint64_t& pos = fd == 0 ? m_stdin_pos : m_open.at(fd).pos;
        const std::uint64_t avail = source.size() - std::min<std::uint64_t>(pos, source.size());
        const std::uint64_t n = std::min<std::uint64_t>(avail, len);
        if (n != 0) std::memcpy(p, source.data() + pos, n);
        pos += n;
        done += n;
        if (n < len) break;
    }
    if (!put32(ctx, done_ptr, static_cast<std::uint32_t>(done))) return kFault;
    return status;
}

std::uint32_t Wasi::fd_seek(HostContext& ctx, const std::uint64_t* args) {
    const std::uint32_t fd = arg32(args, 0);
    if (fd <= 2) return kSPipe;
    auto it = m_open.find(fd);
    if (it == m_open.end()) return kBadF;
    const auto offset = static_cast<std::int64_t>(args[1]);
    const std::uint32_t whence = arg32(args, 2);
    std::int64_t base = 0;
    if (whence == 1) base = static_cast<std::int64_t>(it->second.pos);
    if (whence == 2) base = static_cast<std::int64_t>(it->second.data->size());
    if (whence > 2) return kInval;
    const std::int64_t target = base + offset;
    if (target < 0) return kInval;
    it->second.pos = static_cast<std::uint64_t>(target);
    return put64(ctx, arg32(args, 3), it->second.pos) ? kSuccess : kFault;
}

std::uint32_t Wasi::fd_fdstat_get(HostContext& ctx, std::uint32_t fd, std::uint32_t ptr) {
    std::uint8_t filetype = 0;
    std::uint64_t rights = 0;
    if (fd <= 2) {
        filetype = 2;                   // character device
        rights = fd == 0 ? 0x2 : 0x40;  // fd_read or fd_write
    } else if (fd == kPreopenFd) {
        filetype = 3;     // directory
        rights = 0x2000;  // path_open
    } else if (m_open.count(fd) != 0) {
        filetype = 4;        // regular file
        rights = 0x2 | 0x4;  // fd_read, fd_seek
    } else {
        return kBadF;
    }
    std::uint8_t* p = mem_at(ctx, ptr, 24);
    if (p == nullptr) return kFault;
    std::memset(p, 0, 24);
    p[0] = filetype;
    store_le64(p + 8, rights);
    store_le64(p + 16, fd == kPreopenFd ? 0x2 | 0x4 : 0);
    return kSuccess;
}

std::uint32_t Wasi::path_open(HostContext& ctx, const std::uint64_t* args) {
    if (arg32(args, 0) != kPreopenFd) return kBadF;
    const std::uint32_t oflags = arg32(args, 4);
    const std::uint64_t write_rights = 0x40 | 0x10 | 0x8;  // fd_write, fd_allocate, fd_datasync
    if ((oflags & ~0x2U) != 0) return kRoFs;  // only O_DIRECTORY-less plain opens; no create
    if ((args[5] & write_rights) != 0 && (args[5] & 0x2) == 0) return kNotCapable;
    const std::uint32_t len = arg32(args, 3);
    const std::uint8_t* p = mem_at(ctx, arg32(args, 2), len);
    if (p == nullptr) return kFault;
    std::string path(reinterpret_cast<const char*>(p), len);
    while (path.starts_with("./")) path.erase(0, 2);
    auto it = m_config.files.find(path);
    if (it == m_config.files.end()) return kNoEnt;
    const std::uint32_t fd = m_next_fd++;
    m_open[fd] = {&it->second, 0};
    return put32(ctx, arg32(args, 8), fd) ? kSuccess : kFault;
}

std::uint32_t Wasi::random_get(HostContext& ctx, std::uint32_t ptr, std::uint32_t len) {
    std::uint8_t* p = mem_at(ctx, ptr, len);
    if (p == nullptr) return kFault;
    for (std::uint32_t k = 0; k < len; k += 8) {
        // splitmix64: a fixed function of the seed, the same on every machine.
        m_random_state += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = m_random_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        std::uint8_t block[8];
        store_le64(block, z);
        std::memcpy(p + k, block, std::min<std::uint32_t>(8, len - k));
    }
    return kSuccess;
}

}  // namespace yunlian::wasm
