#pragma once
// The yunlian_* JSON-RPC methods of a BFT node (issue 6; names and result shapes in
// docs/NETWORK.md, "RPC"), and the eth/net methods whose answers the network changes
// (eth_sendRawTransaction gossips, eth_syncing and net_peerCount tell the truth). Registered from
// the node, because the rpc part may not see consensus or p2p.

namespace yunlian::rpc {
class Dispatcher;
}

namespace yunlian::node {

class BftService;

/// Registers yunlian_validators, yunlian_consensusState, yunlian_lastQuorumCert,
/// yunlian_evidence, yunlian_peers, yunlian_bans, and replaces eth_sendRawTransaction,
/// eth_syncing and net_peerCount. With `test_hooks`, also yunlian_setIsolated. `service` must
/// outlive the dispatcher's use.
void register_bft_methods(rpc::Dispatcher& dispatcher, BftService& service, bool test_hooks);

}  // namespace yunlian::node
