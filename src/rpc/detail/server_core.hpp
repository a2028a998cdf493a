#pragma once
// Private to http_server.cpp and ws_server.cpp: the listener, worker threads and session
// registry both servers share. It includes Asio, so no public header may include it.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace yunlian::rpc::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

/// A live connection the server can close when it stops.
class Closable {
  public:
    virtual ~Closable() = default;
    /// Closes the connection from any thread (the work is posted to the session's executor).
    virtual void close() = 0;
};

/// The live sessions of one server, so that stop() can close them.
class SessionRegistry {
  public:
    /// Adds `session`; nullopt when the server is stopping (the caller then closes it).
    std::optional<std::uint64_t> add(std::weak_ptr<Closable> session);
    void remove(std::uint64_t key);
    /// Refuses new sessions and closes the live ones.
    void close_all();
    [[nodiscard]] std::size_t size() const;

  private:
    mutable std::mutex m_mutex;
    bool m_stopping = false;
    std::uint64_t m_next_key = 0;
    std::map<std::uint64_t, std::weak_ptr<Closable>> m_sessions;
};

/// Listens on one address and hands each accepted socket to `on_accept`. It runs N worker threads,
/// each with its own io_context; connections are spread over them round-robin. A connection thus
/// lives on one thread (its handlers never run concurrently, no strand needed), and a request
/// costs no cross-thread wake-ups, which on a loaded 2-core machine halves the CPU per call.
class ServerCore {
  public:
    using OnAccept = std::function<void(tcp::socket socket)>;

    ServerCore(std::string address, std::uint16_t port, std::size_t threads, OnAccept on_accept);
    ~ServerCore();
    ServerCore(const ServerCore&) = delete;
    ServerCore& operator=(const ServerCore&) = delete;

    /// Binds, listens and starts the threads. Throws std::system_error when binding fails.
    void start();
    /// Stops accepting, closes every session, and joins the threads (forcing after a grace period).
    void stop();
    /// The bound port (useful when 0 asked for an ephemeral one).
    [[nodiscard]] std::uint16_t port() const noexcept { return m_bound_port; }
    [[nodiscard]] SessionRegistry& sessions() noexcept { return *m_sessions; }
    [[nodiscard]] std::shared_ptr<SessionRegistry> shared_sessions() const { return m_sessions; }

  private:
    void accept_next();

    std::string m_address;
    std::uint16_t m_port;
    std::size_t m_thread_count;
    OnAccept m_on_accept;
    std::shared_ptr<SessionRegistry> m_sessions = std::make_shared<SessionRegistry>();
    std::vector<std::unique_ptr<net::io_context>> m_contexts;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> m_guards;
    std::size_t m_next_context = 0;  ///< only touched by the accepting thread
    tcp::acceptor m_acceptor;
    std::uint16_t m_bound_port = 0;
    std::vector<std::thread> m_threads;
    std::mutex m_done_mutex;
    std::condition_variable m_done_cv;
    std::size_t m_running = 0;
    bool m_started = false;
    bool m_stopped = false;
};

}  // namespace yunlian::rpc::detail
