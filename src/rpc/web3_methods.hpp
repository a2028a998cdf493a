#pragma once
// The methods that need no chain: web3_clientVersion, web3_sha3 and net_listening.

#include <string>

namespace yunlian::rpc {

class Dispatcher;

/// geth's client-version format: "Yunlian/v<version>/<os>-<arch>/<compiler>".
[[nodiscard]] std::string client_version();

/// Registers web3_clientVersion, web3_sha3 and net_listening.
void register_web3_methods(Dispatcher& dispatcher);

}  // namespace yunlian::rpc
