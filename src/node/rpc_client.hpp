#pragma once
// A small blocking JSON-RPC client over HTTP for the command-line tools (`yunlian balance`, `send`,
// `block`, `tx`). Beast stays in rpc_client.cpp.

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace yunlian::node {

/// Calls `method` on the node at `url` ("http://host:port/path"). Returns the "result"; throws
/// std::runtime_error with the node's error message (or the transport's) otherwise.
[[nodiscard]] boost::json::value rpc_call(std::string_view url, std::string_view method,
                                          const boost::json::array& params);

}  // namespace yunlian::node
