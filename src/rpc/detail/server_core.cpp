#include "rpc/detail/server_core.hpp"

#include <chrono>
#include <system_error>
#include <utility>

#include <boost/asio/post.hpp>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

namespace yunlian::rpc::detail {

namespace {

/// How long stop() waits for sessions to finish their current call before forcing the threads.
constexpr std::chrono::seconds kStopGrace{5};

std::vector<std::unique_ptr<net::io_context>> make_contexts(std::size_t count) {
    std::vector<std::unique_ptr<net::io_context>> contexts;
    // A concurrency hint of 1: each context is run by exactly one thread.
    for (std::size_t i = 0; i < count; ++i)
        contexts.push_back(std::make_unique<net::io_context>(1));
    return contexts;
}

}  // namespace

std::optional<std::uint64_t> SessionRegistry::add(std::weak_ptr<Closable> session) {
    const std::lock_guard lock(m_mutex);
    if (m_stopping) return std::nullopt;
    const std::uint64_t key = m_next_key++;
    m_sessions.emplace(key, std::move(session));
    return key;
}

void SessionRegistry::remove(std::uint64_t key) {
    const std::lock_guard lock(m_mutex);
    m_sessions.erase(key);
}

void SessionRegistry::close_all() {
    std::vector<std::shared_ptr<Closable>> live;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (auto& entry : m_sessions) {
            if (auto session = entry.second.lock()) live.push_back(std::move(session));
        }
    }
    for (auto& session : live) session->close();
}

std::size_t SessionRegistry::size() const {
    const std::lock_guard lock(m_mutex);
    return m_sessions.size();
}

ServerCore::ServerCore(std::string address, std::uint16_t port, std::size_t threads,
                       OnAccept on_accept)
    : m_address(std::move(address)),
      m_port(port),
      m_thread_count(threads == 0 ? 1 : threads),
      m_on_accept(std::move(on_accept)),
      m_contexts(make_contexts(m_thread_count)),
      m_acceptor(*m_contexts.front()) {}

ServerCore::~ServerCore() { stop(); }

void ServerCore::start() {
    if (m_started) return;
    try {
        const tcp::endpoint endpoint(net::ip::make_address(m_address), m_port);
        m_acceptor.open(endpoint.protocol());
        m_acceptor.set_option(net::socket_base::reuse_address(true));
        m_acceptor.bind(endpoint);
        m_acceptor.listen(net::socket_base::max_listen_connections);
        m_bound_port = m_acceptor.local_endpoint().port();
    } catch (const boost::system::system_error& e) {
        boost::system::error_code ignored;
        m_acceptor.close(ignored);
        throw std::system_error(std::error_code(e.code().value(), std::system_category()),
                                fmt::format("rpc: cannot listen on {}:{}", m_address, m_port));
    }
    m_started = true;
    accept_next();
    m_running = m_thread_count;
    for (auto& context : m_contexts) m_guards.push_back(net::make_work_guard(*context));
    for (std::size_t i = 0; i < m_thread_count; ++i) {
        m_threads.emplace_back([this, context = m_contexts[i].get()] {
            for (;;) {
                try {
                    context->run();
                    break;
                } catch (const std::exception& e) {
                    // A handler that throws must not take the node down; keep serving.
                    spdlog::error("rpc: io thread caught: {}", e.what());
                }
            }
            const std::lock_guard lock(m_done_mutex);
            --m_running;
            m_done_cv.notify_all();
        });
    }
}

void ServerCore::accept_next() {
    auto& context = *m_contexts[m_next_context++ % m_contexts.size()];
    m_acceptor.async_accept(context,
                            [this](const boost::system::error_code& ec, tcp::socket socket) {
                                if (ec == net::error::operation_aborted || !m_acceptor.is_open()) {
                                    return;
                                }
                                if (!ec) {
                                    // Responses and notifications are small single writes;
                                    // Nagle's delay would only add latency.
                                    boost::system::error_code ignored;
                                    socket.set_option(tcp::no_delay(true), ignored);
                                    m_on_accept(std::move(socket));
                                }
                                // Errors such as too many open files: keep listening.
                                accept_next();
                            });
}

void ServerCore::stop() {
    if (!m_started || m_stopped) return;
    m_stopped = true;
    net::post(*m_contexts.front(), [this] {
        boost::system::error_code ignored;
        m_acceptor.close(ignored);
    });
    m_sessions->close_all();
    // Without the guards each thread returns once its connections have closed.
    m_guards.clear();
    {
        std::unique_lock lock(m_done_mutex);
        if (!m_done_cv.wait_for(lock, kStopGrace, [this] { return m_running == 0; })) {
            spdlog::warn("rpc: sessions still busy after {}s; stopping the io threads",
                         kStopGrace.count());
            for (auto& context : m_contexts) context->stop();
        }
    }
    for (auto& thread : m_threads) thread.join();
    m_threads.clear();
}

}  // namespace yunlian::rpc::detail
