#pragma once
// The server's limits and defaults. The figures are geth's (node/defaults.go, rpc/http.go,
// rpc/handler.go, eth/ethconfig) unless a comment says otherwise.

#include <cstddef>
#include <cstdint>

namespace yunlian::rpc {

/// Default HTTP port (geth's --http.port).
inline constexpr std::uint16_t kDefaultHttpPort = 8545;
/// Default WebSocket port (geth's --ws.port).
inline constexpr std::uint16_t kDefaultWsPort = 8546;
/// Default listen address: loopback only, so a node is never reachable from outside by accident.
inline constexpr const char* kDefaultListenAddress = "127.0.0.1";

/// Largest request body (HTTP) or message (WebSocket): 5 MiB, geth's defaultBodyLimit. geth lets
/// WebSocket messages be 32 MiB; Yunlian uses one limit for both transports.
inline constexpr std::size_t kDefaultBodyLimit = 5 * 1024 * 1024;
/// Most calls in one batch (geth's DefaultBatchRequestLimit).
inline constexpr std::size_t kDefaultBatchLimit = 1000;
/// Most bytes of results in one batch response (geth's DefaultBatchResponseMaxSize, 25 MB);
/// calls past it get -32003 "response too large".
inline constexpr std::size_t kDefaultBatchResponseLimit = 25 * 1000 * 1000;
/// Deepest JSON nesting accepted in a request; deeper input is a parse error, which bounds the
/// parser's memory and stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Gas cap for eth_call and eth_estimateGas (geth's --rpc.gascap default, 50M).
inline constexpr std::uint64_t kDefaultGasCap = 50'000'000;

/// The gas an eth_call runs with: the requested gas, or the cap when none (0) was requested or
/// the request exceeds it (geth's TransactionArgs.ToMessage). A cap of 0 means no cap.
[[nodiscard]] constexpr std::uint64_t capped_call_gas(std::uint64_t requested,
                                                      std::uint64_t cap) noexcept {
    if (cap == 0) return requested;
    if (requested == 0 || requested > cap) return cap;
    return requested;
}

/// Most messages queued for one WebSocket client before it counts as slow and is dropped.
inline constexpr std::size_t kDefaultWsSendQueueMessages = 4096;
/// Most bytes queued for one WebSocket client before it counts as slow and is dropped.
inline constexpr std::size_t kDefaultWsSendQueueBytes = 32 * 1024 * 1024;

}  // namespace yunlian::rpc
