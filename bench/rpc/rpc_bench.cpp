// JSON-RPC throughput for a trivial method (net_listening): the dispatcher alone, one or several
// keep-alive HTTP connections, HTTP batches, and WebSocket round trips. The client runs in the
// same process, so the figures include both sides' CPU on this machine.

#include <cstdint>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "rpc/dispatcher.hpp"
#include "rpc/http_server.hpp"
#include "rpc/web3_methods.hpp"
#include "rpc/ws_server.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr const char* kCall = R"({"jsonrpc":"2.0","id":1,"method":"net_listening","params":[]})";

/// One dispatcher and both servers, started once for the whole program.
struct Servers {
    Servers() {
        yunlian::rpc::register_web3_methods(dispatcher);
        yunlian::rpc::HttpServerConfig http_config;
        http_config.port = 0;
        http_config.threads = 2;
        http = std::make_unique<yunlian::rpc::HttpServer>(dispatcher, http_config);
        http->start();
        yunlian::rpc::WsServerConfig ws_config;
        ws_config.port = 0;
        ws_config.threads = 2;
        ws = std::make_unique<yunlian::rpc::WsServer>(dispatcher, nullptr, ws_config);
        ws->start();
    }

    yunlian::rpc::Dispatcher dispatcher;
    std::unique_ptr<yunlian::rpc::HttpServer> http;
    std::unique_ptr<yunlian::rpc::WsServer> ws;
};

Servers& servers() {
    static Servers instance;
    return instance;
}

/// CPU time of the whole process (client and server threads), in microseconds: under a loaded
/// machine this is steadier than wall time.
double process_cpu_us() { return 1e6 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

/// Reports the process CPU per call, measured by thread 0 across the whole run of all threads.
void report_cpu_per_call(benchmark::State& state, double start_us,
                         std::int64_t calls_per_iteration) {
    if (state.thread_index() != 0) return;
    const double calls =
        static_cast<double>(state.iterations() * state.threads() * calls_per_iteration);
    state.counters["cpu_us_per_call"] = (process_cpu_us() - start_us) / calls;
}

std::string make_batch(int calls) {
    std::string batch = "[";
    for (int i = 0; i < calls; ++i) {
        if (i != 0) batch += ',';
        batch += R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
                 R"(,"method":"net_listening","params":[]})";
    }
    return batch + "]";
}

void BM_Dispatch(benchmark::State& state) {
    const auto& dispatcher = servers().dispatcher;
    for (auto _ : state) benchmark::DoNotOptimize(dispatcher.handle(kCall));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Dispatch);

/// Calls/s over keep-alive HTTP; with Threads(n), n connections at once.
void BM_HttpKeepAlive(benchmark::State& state) {
    const int calls_per_request = static_cast<int>(state.range(0));
    const std::string body =
        calls_per_request == 1 ? std::string(kCall) : make_batch(calls_per_request);
    net::io_context context;
    tcp::socket socket(context);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), servers().http->port()));
    socket.set_option(tcp::no_delay(true));
    http::request<http::string_body> request{http::verb::post, "/", 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::content_type, "application/json");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    beast::flat_buffer buffer;
    const double start_us = process_cpu_us();
    for (auto _ : state) {
        http::write(socket, request);
        http::response<http::string_body> response;
        http::read(socket, buffer, response);
        if (response.result() != http::status::ok) state.SkipWithError("non-200 response");
        benchmark::DoNotOptimize(response.body().data());
    }
    state.SetItemsProcessed(state.iterations() * calls_per_request);
    report_cpu_per_call(state, start_us, calls_per_request);
}
BENCHMARK(BM_HttpKeepAlive)->Arg(1)->Threads(1)->UseRealTime();
BENCHMARK(BM_HttpKeepAlive)->Arg(1)->Threads(4)->UseRealTime();
BENCHMARK(BM_HttpKeepAlive)->Arg(100)->Threads(1)->UseRealTime();

/// Round trips/s over one WebSocket connection.
void BM_WebSocket(benchmark::State& state) {
    net::io_context context;
    websocket::stream<tcp::socket> ws(context);
    ws.next_layer().connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), servers().ws->port()));
    ws.next_layer().set_option(tcp::no_delay(true));
    ws.handshake("127.0.0.1", "/");
    ws.text(true);
    beast::flat_buffer buffer;
    const std::string call = kCall;
    const double start_us = process_cpu_us();
    for (auto _ : state) {
        ws.write(net::buffer(call));
        ws.read(buffer);
        buffer.consume(buffer.size());
    }
    state.SetItemsProcessed(state.iterations());
    report_cpu_per_call(state, start_us, 1);
    beast::error_code ignored;
    ws.next_layer().close(ignored);
}
BENCHMARK(BM_WebSocket)->UseRealTime();

}  // namespace
