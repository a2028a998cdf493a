// run_devnet(): one child process per validator, watched until SIGINT/SIGTERM. The supervisor is
// single-threaded; it blocks SIGINT, SIGTERM and SIGCHLD and takes them with sigtimedwait, so no
// signal handler and no global state are needed.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "node/dev_accounts.hpp"
#include "node/devnet.hpp"

namespace yunlian::node {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(15);
constexpr std::size_t kDevAccountCount = 10;
/// What `yunlian node` prints once its HTTP server listens (node.cpp's run_node).
constexpr std::string_view kServingLine = "JSON-RPC over HTTP at";

struct Child {
    const DevnetNode* node = nullptr;
    pid_t pid = -1;
    bool ready = false;
};

/// Starts `exe node --config <config>` with stdout and stderr in the node's log. The child gets
/// its own process group (a terminal's Ctrl-C reaches the supervisor alone, which then stops the
/// nodes in order) and SIGTERM when the supervisor dies, so no validator outlives it.
pid_t spawn_node(const std::filesystem::path& exe, const DevnetNode& node) {
    const std::string exe_str = exe.string();
    const std::string config = node.config_path().string();
    const std::string log = node.log_path().string();
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd < 0) throw std::runtime_error("cannot open " + log);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log_fd);
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        // In the child only async-signal-safe calls until exec.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
        const char* argv[] = {exe_str.c_str(), "node", "--config", config.c_str(), nullptr};
        ::execv(exe_str.c_str(), const_cast<char* const*>(argv));
        ::_exit(127);
    }
    ::close(log_fd);
    return pid;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The last `count` lines of a node's log, indented, for a message about its death.
std::string log_tail(const DevnetNode& node, std::size_t count) {
    const std::string text = read_text(node.log_path());
    std::size_t pos = text.size();
    if (pos > 0 && text[pos - 1] == '\n') --pos;
    for (std::size_t lines = 0; pos > 0 && lines < count;) {
        --pos;
        if (text[pos] == '\n') ++lines;
    }
    std::string out;
    std::istringstream rest(text.substr(pos == 0 ? 0 : pos + 1));
    for (std::string line; std::getline(rest, line);) out += "    | " + line + "\n";
    return out;
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return fmt::format("exited with code {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("was killed by signal {}", WTERMSIG(status));
    return "stopped";
}

/// Reaps every child that has exited, says so, and returns how many are still running.
std::size_t reap(std::vector<Child>& children, bool quiet) {
    std::size_t running = 0;
    for (auto& c : children) {
        if (c.pid < 0) continue;
        int status = 0;
        if (::waitpid(c.pid, &status, WNOHANG) == c.pid) {
            if (!quiet) {
                fmt::print(stderr, "node {} (pid {}) {}; its log {}:\n{}", c.node->index, c.pid,
                           describe_status(status), c.node->log_path().string(),
                           log_tail(*c.node, 10));
                std::fflush(stderr);
            }
            c.pid = -1;
        } else {
            ++running;
        }
    }
    return running;
}

/// SIGTERM to every running child, SIGKILL to those still running after kStopTimeout.
void stop_all(std::vector<Child>& children) {
    for (const auto& c : children) {
        if (c.pid > 0) ::kill(c.pid, SIGTERM);
    }
    const auto deadline = Clock::now() + kStopTimeout;
    while (reap(children, true) > 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (auto& c : children) {
        if (c.pid < 0) continue;
        fmt::print(stderr, "node {} did not stop in time; killing it\n", c.node->index);
        ::kill(c.pid, SIGKILL);
        ::waitpid(c.pid, nullptr, 0);
        c.pid = -1;
    }
}

/// Marks the children whose log shows the HTTP server up; returns whether all are.
bool check_ready(std::vector<Child>& children) {
    bool all = true;
    for (auto& c : children) {
        if (!c.ready)
            c.ready = read_text(c.node->log_path()).find(kServingLine) != std::string::npos;
        all = all && c.ready;
    }
    return all;
}

void print_network(const DevnetOptions& options, const std::vector<DevnetNode>& nodes) {
    fmt::print("Devnet: {} validators, chain id 20261, data in {}\n\n", nodes.size(),
               options.datadir.string());
    for (const auto& n : nodes) {
        fmt::print("Node {}: JSON-RPC {}  ws://127.0.0.1:{}/  p2p 127.0.0.1:{}\n", n.index,
                   n.rpc_url(), n.ws_port, n.p2p_port);
        fmt::print("        validator {}  log {}\n", crypto::to_checksum_hex(n.address),
                   n.log_path().string());
    }
    fmt::print("\nAccounts (10000 ETH each)\n=========================\n\n");
    const auto accounts = dev_accounts(kDevAccountCount);
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        fmt::print("Account #{}: {}\nPrivate Key: {}\n\n", i,
                   crypto::to_checksum_hex(accounts[i].address), to_hex(accounts[i].key.view()));
    }
    fmt::print("All {} nodes serve. Ctrl-C stops them.\n", nodes.size());
    std::fflush(stdout);
}

/// Waits up to 200 ms for SIGINT, SIGTERM or SIGCHLD; returns the signal, or nothing.
std::optional<int> wait_signal(const sigset_t& signals) {
    const timespec timeout{0, 200'000'000};
    const int received = ::sigtimedwait(&signals, nullptr, &timeout);
    if (received < 0) return std::nullopt;
    return received;
}

}  // namespace

int run_devnet(const DevnetOptions& options, const std::filesystem::path& exe) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &signals, nullptr);

    const auto nodes = write_devnet(options);
    std::vector<Child> children;
    for (const auto& n : nodes) children.push_back(Child{&n, -1, false});
    for (auto& c : children) {
        try {
            c.pid = spawn_node(exe, *c.node);
        } catch (const std::exception&) {
            stop_all(children);
            throw;
        }
    }
    fmt::print("Starting {} validators ({} node --config ...)\n", nodes.size(), exe.string());
    std::fflush(stdout);

    const auto start_deadline = Clock::now() + kStartTimeout;
    bool serving = false;
    for (;;) {
        const auto sig = wait_signal(signals);
        if (sig && (*sig == SIGINT || *sig == SIGTERM)) {
            fmt::print("Stopping {} nodes ({})\n", reap(children, true),
                       *sig == SIGINT ? "SIGINT" : "SIGTERM");
            std::fflush(stdout);
            stop_all(children);
            return 0;
        }
        const std::size_t running = reap(children, false);
        if (!serving) {
            if (running < children.size() || Clock::now() > start_deadline) {
                if (running == children.size()) {
                    fmt::print(stderr, "the nodes did not all serve within {} s\n",
                               kStartTimeout.count());
                }
                stop_all(children);
                return 1;
            }
            if (check_ready(children)) {
                serving = true;
                print_network(options, nodes);
            }
        } else if (running == 0) {
            fmt::print(stderr, "every node has exited\n");
            return 1;
        }
    }
}

}  // namespace yunlian::node
