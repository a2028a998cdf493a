#include "node/bft_rpc.hpp"

#include <chrono>

#include <boost/json.hpp>
#include <fmt/core.h>

#include "common/hex.hpp"
#include "crypto/address.hpp"
#include "node/bft_service.hpp"
#include "p2p/network.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/error.hpp"
#include "rpc/params.hpp"

namespace yunlian::node {
namespace {

namespace json = boost::json;
namespace bft = consensus::bft;

std::string quantity(std::uint64_t n) { return fmt::format("0x{:x}", n); }

std::string unix_seconds_iso(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
    return quantity(static_cast<std::uint64_t>(ms.count()));
}

json::value optional_hash(const std::optional<Hash>& h) {
    if (!h) return nullptr;
    return json::value(to_hex(h->view()));
}

json::object vote_json(const bft::Vote& v) {
    json::object o;
    o["kind"] = v.kind == bft::VoteKind::kPrevote ? "prevote" : "precommit";
    o["height"] = quantity(v.height);
    o["round"] = quantity(v.round);
    o["hash"] = optional_hash(v.block_hash);
    return o;
}

json::array validators_json(const BftService& service) {
    const BftStatus s = service.status();
    json::array out;
    const auto& validators = service.validators();
    for (std::size_t i = 0; i < validators.size(); ++i) {
        json::object o;
        o["index"] = i;
        o["address"] = crypto::to_checksum_hex(validators[i]);
        o["proposer"] = i == s.proposer;
        o["self"] = s.own_index && *s.own_index == i;
        out.push_back(std::move(o));
    }
    return out;
}

json::object consensus_state_json(const BftStatus& s) {
    json::object o;
    o["height"] = quantity(s.height);
    o["round"] = quantity(s.round);
    o["step"] = std::string(bft::to_string(s.step));
    o["lockedRound"] = s.locked_round ? json::value(quantity(*s.locked_round)) : nullptr;
    o["lockedHash"] = optional_hash(s.locked_hash);
    o["proposer"] = s.proposer;
    o["validatorIndex"] = s.own_index ? json::value(*s.own_index) : nullptr;
    o["lastCommitTime"] =
        s.last_commit_ms == 0 ? json::value(nullptr) : json::value(quantity(s.last_commit_ms));
    o["syncing"] = s.syncing;
    o["bestPeerHead"] = quantity(s.best_peer_head);
    return o;
}

json::value qc_json(const BftStatus& s, const std::vector<Address>& validators) {
    if (!s.last_qc) return nullptr;
    const bft::QuorumCert& qc = *s.last_qc;
    json::object o;
    o["height"] = quantity(qc.height);
    o["round"] = quantity(qc.round);
    o["hash"] = to_hex(qc.block_hash.view());
    json::array signers;
    json::array addresses;
    for (const auto& sig : qc.signatures) {
        signers.push_back(sig.validator_index);
        if (sig.validator_index < validators.size()) {
            addresses.push_back(
                json::value(crypto::to_checksum_hex(validators[sig.validator_index])));
        }
    }
    o["signers"] = std::move(signers);
    o["signerAddresses"] = std::move(addresses);
    return o;
}

json::array evidence_json(const BftService& service) {
    json::array out;
    const auto& validators = service.validators();
    for (const auto& e : service.evidence()) {
        json::object o;
        const std::uint32_t index = e.first.validator_index;
        o["validatorIndex"] = index;
        o["validator"] = index < validators.size()
                             ? json::value(crypto::to_checksum_hex(validators[index]))
                             : json::value(nullptr);
        o["height"] = quantity(e.first.height);
        o["round"] = quantity(e.first.round);
        o["kind"] = e.first.kind == bft::VoteKind::kPrevote ? "prevote" : "precommit";
        o["first"] = vote_json(e.first);
        o["second"] = vote_json(e.second);
        o["encoded"] = to_hex(bft::encode_evidence(e));
        out.push_back(std::move(o));
    }
    return out;
}

json::array peers_json(p2p::Network& network) {
    json::array out;
    for (const auto& p : network.peers()) {
        json::object o;
        o["id"] = p2p::peer_id_hex(p.id);
        o["address"] = crypto::to_checksum_hex(p.node_address);
        o["remote"] = p.remote_endpoint;
        o["direction"] = p.direction == p2p::Direction::kInbound ? "inbound" : "outbound";
        o["queuedBytes"] = p.queued_bytes;
        o["messagesSent"] = p.messages_sent;
        o["messagesReceived"] = p.messages_received;
        out.push_back(std::move(o));
    }
    return out;
}

json::array bans_json(p2p::Network& network) {
    json::array out;
    for (const auto& b : network.bans()) {
        json::object o;
        const bool has_id = b.id != p2p::PeerId{};
        o["id"] = has_id ? json::value(p2p::peer_id_hex(b.id)) : json::value(nullptr);
        o["address"] = has_id ? json::value(crypto::to_checksum_hex(p2p::node_address_of(b.id)))
                              : json::value(nullptr);
        o["ip"] = b.ip.empty() ? json::value(nullptr) : json::value(b.ip);
        o["reason"] = b.reason;
        o["since"] = unix_seconds_iso(b.since);
        o["until"] = unix_seconds_iso(b.until);
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace

void register_bft_methods(rpc::Dispatcher& d, BftService& service, bool test_hooks) {
    using rpc::Handler;
    BftService* s = &service;
    d.register_method("yunlian_validators", Handler([s](const json::value&) -> json::value {
                          return validators_json(*s);
                      }));
    d.register_method("yunlian_consensusState", Handler([s](const json::value&) -> json::value {
                          return consensus_state_json(s->status());
                      }));
    d.register_method("yunlian_lastQuorumCert", Handler([s](const json::value&) -> json::value {
                          return qc_json(s->status(), s->validators());
                      }));
    d.register_method("yunlian_evidence", Handler([s](const json::value&) -> json::value {
                          return evidence_json(*s);
                      }));
    d.register_method("yunlian_peers", Handler([s](const json::value&) -> json::value {
                          return peers_json(s->network());
                      }));
    d.register_method("yunlian_bans", Handler([s](const json::value&) -> json::value {
                          return bans_json(s->network());
                      }));
    d.register_method("net_peerCount", Handler([s](const json::value&) -> json::value {
                          return json::value(quantity(s->network().peer_count()));
                      }));
    d.register_method("eth_syncing", Handler([s](const json::value&) -> json::value {
                          const BftStatus st = s->status();
                          if (!st.syncing) return false;
                          json::object o;
                          o["startingBlock"] = quantity(st.sync_start);
                          o["currentBlock"] = quantity(st.height == 0 ? 0 : st.height - 1);
                          o["highestBlock"] = quantity(st.best_peer_head);
                          return o;
                      }));
    d.register_method("eth_sendRawTransaction",
                      Handler([s](const json::value& params) -> json::value {
                          rpc::Params p(params, 1);
                          const Bytes raw = p.data(0);
                          auto added = s->submit_raw(raw);
                          if (!added) throw rpc::server_error(added.error().message);
                          return json::value(to_hex(added->view()));
                      }));
    if (test_hooks) {
        d.register_method("yunlian_setIsolated",
                          Handler([s](const json::value& params) -> json::value {
                              rpc::Params p(params, 1);
                              s->network().set_isolated(p.boolean(0));
                              return s->network().isolated();
                          }));
    }
}

}  // namespace yunlian::node
