#include "chain/durable_record.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace yunlian::chain {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

/// Closes a file descriptor when it leaves scope.
class Fd {
  public:
    explicit Fd(int fd) noexcept : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const noexcept { return m_fd; }

  private:
    int m_fd;
};

}  // namespace

std::optional<Bytes> DurableRecord::load() const {
    const Fd fd(::open(m_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return std::nullopt;
        fail("cannot open", m_path);
    }
    Bytes out;
    std::uint8_t buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot read", m_path);
        }
        if (n == 0) break;
        out.insert(out.end(), buffer, buffer + n);
    }
    return out;
}

void DurableRecord::store(BytesView bytes) {
    const std::filesystem::path tmp = m_path.string() + ".tmp";
    {
        const Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0) fail("cannot create", tmp);
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                fail("cannot write", tmp);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fdatasync(fd.get()) != 0) fail("cannot sync", tmp);
    }
    if (::rename(tmp.c_str(), m_path.c_str()) != 0) fail("cannot rename", tmp);
    // The rename is durable only once the folder's entry is.
    std::filesystem::path dir = m_path.parent_path();
    if (dir.empty()) dir = ".";
    const Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() < 0 || ::fsync(dir_fd.get()) != 0) fail("cannot sync", dir);
}

}  // namespace yunlian::chain
