// BftService's p2p side: the network's config, message intake on the network's dispatch thread
// (decode strictly, blame the sender), transaction gossip in batches, Status exchange, serving
// sync requests, and running sync on the consensus thread.

#include <fmt/core.h>

#include "codec/rlp.hpp"
#include "common/hex.hpp"
#include "crypto/keccak.hpp"
#include "node/bft_service_impl.hpp"
#include "txpool/tx_pool.hpp"

namespace yunlian::node {
namespace {

constexpr p2p::MessageType type_of(NetMessageType t) noexcept {
    return static_cast<p2p::MessageType>(t);
}

/// Pool refusals that prove the sender relayed garbage (a valid transaction is never refused
/// this way by an honest node's pool): penalize. The rest (nonce too low, already known, fees,
/// a full pool) are normal under gossip.
bool is_misbehaviour(txpool::PoolError error) noexcept {
    switch (error) {
        case txpool::PoolError::kMalformed:
        case txpool::PoolError::kOversized:
        case txpool::PoolError::kInvalidSender:
        case txpool::PoolError::kWrongChainId:
        case txpool::PoolError::kUnprotected:
            return true;
        default:
            return false;
    }
}

Bytes network_id(const chain::ChainStore& chain) {
    Bytes id;
    for (int i = 7; i >= 0; --i) {
        id.push_back(static_cast<std::uint8_t>(chain.chain_id() >> (8 * i)));
    }
    const Hash genesis = chain.genesis_hash();
    id.insert(id.end(), genesis.begin(), genesis.end());
    return id;
}

}  // namespace

p2p::NetworkConfig BftService::Impl::network_config() const {
    const NodeConfig& c = options.config;
    p2p::NetworkConfig n;
    n.node_key = options.node_key;
    n.network_id = network_id(chain);
    n.listen_address = c.p2p_address;
    n.listen_port = c.p2p_port;
    for (const auto& text : c.static_peers) {
        auto address = p2p::parse_peer_address(text);
        if (!address) {
            throw std::runtime_error("p2p.static_peers: " + text + ": " +
                                     std::string(p2p::to_string(address.error())));
        }
        n.static_peers.push_back(*address);
    }
    for (const auto& key : options.genesis_allow_list) {
        n.allow_list.push_back(p2p::PeerId::from_view(key));
    }
    for (const auto& text : c.allow_list) {
        auto id = p2p::parse_peer_id(text);
        if (!id) throw std::runtime_error("p2p.allow_list: invalid node key " + text);
        n.allow_list.push_back(*id);
    }
    n.consortium = !n.allow_list.empty();
    n.max_peers = c.max_peers;
    // Small messages have small limits, so an oversized frame is refused (and its sender
    // banned) by the transport before anything is decoded. A test build flooding oversized
    // frames keeps the defaults so that its own network lets them out.
    if (!options.faults.flood_oversized) {
        n.max_frame_size_by_type[type_of(NetMessageType::kStatus)] = 1024;
        n.max_frame_size_by_type[type_of(NetMessageType::kSyncRequest)] = 1024;
        n.max_frame_size_by_type[type_of(NetMessageType::kTxns)] = 4 * 1024 * 1024;
        n.max_frame_size_by_type[type_of(NetMessageType::kConsensus)] = 8 * 1024 * 1024;
    }
    return n;
}

void BftService::Impl::on_peer_connected(const p2p::PeerInfo& info) {
    {
        std::lock_guard lock(peers_mutex);
        peers_by_address[info.node_address] = info.id;
    }
    send_status(info.id);
    push(PeerJoined{info.id});
}

void BftService::Impl::on_peer_disconnected(const p2p::PeerId& peer) {
    {
        std::lock_guard lock(peers_mutex);
        std::erase_if(peers_by_address, [&](const auto& p) { return p.second == peer; });
    }
    push(PeerHead{peer, std::nullopt});
}

void BftService::Impl::on_message(const p2p::PeerId& peer, p2p::MessageType type, Bytes payload) {
    switch (static_cast<NetMessageType>(type)) {
        case NetMessageType::kStatus: {
            auto status = decode_status(payload);
            if (!status) {
                network->penalize(peer, status.error().describe("status"));
            } else if (status->genesis_hash != chain.genesis_hash()) {
                network->disconnect(peer, "another genesis");
            } else {
                push(PeerHead{peer, status->head_num});
            }
            return;
        }
        case NetMessageType::kTxns:
            on_txns(peer, payload);
            return;
        case NetMessageType::kConsensus: {
            auto message = bft::decode_message(payload);
            if (!message) {
                network->penalize(
                    peer, "consensus: " + std::string(bft::to_string(message.error().code)));
                return;
            }
            push(PeerConsensus{peer, std::move(*message)});
            return;
        }
        case NetMessageType::kSyncRequest:
            on_sync_request(peer, payload);
            return;
        case NetMessageType::kSyncResponse: {
            auto response = decode_sync_response(payload);
            if (!response) {
                network->penalize(peer, response.error().describe("sync response"));
                return;
            }
            push(PeerBlocks{peer, std::move(*response)});
            return;
        }
    }
    network->penalize(peer, fmt::format("unknown message type {}", type));
}

void BftService::Impl::on_txns(const p2p::PeerId& peer, BytesView payload) {
    auto message = decode_txns(payload);
    if (!message) {
        network->penalize(peer, message.error().describe("txns"));
        return;
    }
    {
        std::lock_guard lock(intake_mutex);
        if (intake_txns + message->txns.size() > kMaxIntakeTxns) return;
        intake_txns += message->txns.size();
        intake.emplace_back(peer, std::move(*message));
    }
    intake_cv.notify_one();
}

void BftService::Impl::run_intake() {
    for (;;) {
        std::pair<p2p::PeerId, TxnsMessage> item;
        {
            std::unique_lock lock(intake_mutex);
            intake_cv.wait(lock, [&] { return intake_stopping || !intake.empty(); });
            if (intake_stopping) return;
            item = std::move(intake.front());
            intake.pop_front();
            intake_txns -= item.second.txns.size();
        }
        admit_txns(item.first, item.second);
    }
}

void BftService::Impl::admit_txns(const p2p::PeerId& peer, TxnsMessage& message) {
    bool added_any = false;
    for (auto& raw : message.txns) {
        // The hash of a transaction is keccak256 of its network encoding (EIP-2718), so a
        // duplicate is skipped before its signature is recovered.
        if (!seen_txns.insert(crypto::keccak256(raw))) continue;
        auto added = pool.add_raw(raw);
        if (added) {
            added_any = true;
            queue_gossip(peer, std::move(raw));
        } else if (is_misbehaviour(added.error().code)) {
            network->penalize(peer, "txns: " + added.error().message);
            return;
        }
    }
    if (added_any) push(Wake{});
}

void BftService::Impl::queue_gossip(const std::optional<p2p::PeerId>& source, Bytes raw) {
    bool first = false;
    {
        std::lock_guard lock(gossip_mutex);
        first = outbox.empty();
        outbox_bytes += raw.size();
        outbox[source].push_back(std::move(raw));
    }
    if (first) push(Wake{});
}

void BftService::Impl::flush_gossip() {
    std::map<std::optional<p2p::PeerId>, std::vector<Bytes>> batch;
    {
        std::lock_guard lock(gossip_mutex);
        batch.swap(outbox);
        outbox_bytes = 0;
    }
    for (auto& entry : batch) {
        // Named, not a structured binding: clang 14 (the fuzz build) cannot capture those.
        const std::optional<p2p::PeerId>& source = entry.first;
        std::vector<Bytes>& txns = entry.second;
        TxnsMessage message;
        std::size_t bytes = 0;
        const auto send = [&] {
            if (message.txns.empty()) return;
            // One frame for many transactions; not back to the peer they came from.
            network->broadcast(type_of(NetMessageType::kTxns), encode(message),
                               p2p::Priority::kGossip, source);
            message.txns.clear();
            bytes = 0;
        };
        for (auto& raw : txns) {
            if (bytes + raw.size() > kMaxTxnsFrameBytes ||
                message.txns.size() == kMaxTxnsPerMessage) {
                send();
            }
            bytes += raw.size() + 4;
            message.txns.push_back(std::move(raw));
        }
        send();
    }
}

void BftService::Impl::send_status(const std::optional<p2p::PeerId>& peer) {
    const StatusMessage status{chain.head().block_num, chain.head_hash(), chain.genesis_hash()};
    const Bytes payload = encode(status);
    if (peer) {
        network->send(*peer, type_of(NetMessageType::kStatus), payload, p2p::Priority::kSync);
    } else {
        network->broadcast(type_of(NetMessageType::kStatus), payload, p2p::Priority::kSync);
    }
}

void BftService::Impl::on_sync_request(const p2p::PeerId& peer, BytesView payload) {
    auto request = decode_sync_request(payload);
    if (!request) {
        network->penalize(peer, request.error().describe("sync request"));
        return;
    }
    // Served on the network's dispatch thread: the chain's reads are thread-safe, and the
    // consensus thread is not held up by a peer catching up.
    SyncResponse response{request->from, {}};
    std::size_t bytes = 0;
    for (std::uint64_t n = request->from; n < request->from + request->count; ++n) {
        const auto hash = chain.canonical_hash(n);
        if (!hash) break;
        auto qc = chain.finality_proof(*hash);
        auto header = chain.header(*hash);
        if (!qc || !header) break;  // genesis, or a block from before the network ran BFT
        types::Block block;
        block.header = std::move(*header);
        block.transactions = chain.transactions(*hash);
        block.withdrawals = std::vector<types::Withdrawal>{};
        SyncBlock item{types::encode_block(block), std::move(*qc)};
        bytes += item.block.size() + item.qc.size();
        if (bytes > kMaxSyncResponseBytes && !response.blocks.empty()) break;
        response.blocks.push_back(std::move(item));
    }
    network->send(peer, type_of(NetMessageType::kSyncResponse), encode(response),
                  p2p::Priority::kSync);
}

// ---- sync, on the consensus thread ----------------------------------------------------------

void BftService::Impl::poll_sync() {
    const std::uint64_t head = blocks.head().block_num;
    for (const auto& a : planner.poll(head, steady_ms())) {
        network->send(a.peer, type_of(NetMessageType::kSyncRequest),
                      encode(SyncRequest{a.from, a.count}), p2p::Priority::kSync);
    }
}

void BftService::Impl::on_sync_blocks(PeerBlocks& blocks_in) {
    const SyncResponse& r = blocks_in.response;
    if (!planner.on_response(blocks_in.peer, r.from, r.blocks.size())) return;
    const std::uint64_t head = blocks.head().block_num;
    for (std::size_t i = 0; i < r.blocks.size(); ++i) {
        const std::uint64_t n = r.from + i;
        if (n <= head) continue;
        sync_buffer.insert_or_assign(n, PendingSyncBlock{blocks_in.peer, r.blocks[i]});
    }
    std::deque<bft::Action> queue;
    drain_sync(queue);
    while (!queue.empty()) {
        bft::Action action = std::move(queue.front());
        queue.pop_front();
        do_action(action, queue);
    }
}

void BftService::Impl::drain_sync(std::deque<bft::Action>& queue) {
    for (;;) {
        std::erase_if(sync_buffer,
                      [&](const auto& e) { return e.first <= blocks.head().block_num; });
        const std::uint64_t next = blocks.head().block_num + 1;
        auto it = sync_buffer.find(next);
        if (it == sync_buffer.end()) return;
        const PendingSyncBlock pending = std::move(it->second);
        sync_buffer.erase(it);
        const auto blame = [&](const std::string& why) {
            planner.on_invalid(next);
            network->penalize(pending.peer, fmt::format("sync: block {}: {}", next, why));
        };
        auto qc = bft::decode_quorum_cert(pending.block.qc);
        if (!qc) {
            blame("quorum certificate " + std::string(bft::to_string(qc.error().code)));
            continue;
        }
        auto block = types::decode_block(pending.block.block);
        if (!block) {
            blame("undecodable block");
            continue;
        }
        const Hash hash = types::header_hash(block->header);
        // The finality proof first (cheap, and it alone proves the network decided this block),
        // then the execution result (BftBlocks re-executes and compares the roots).
        if (auto ok = bft::verify_quorum_cert_for(*qc, validators, chain.chain_id(), next, hash);
            !ok) {
            blame("quorum certificate " + std::string(bft::to_string(ok.error())));
            continue;
        }
        if (auto ok = blocks.validate(hash, pending.block.block); !ok) {
            blame(std::string(to_string(ok.error())));
            continue;
        }
        (void)blocks.commit(hash, pending.block.block, bft::encode_quorum_cert(*qc));
        {
            std::lock_guard lock(status_mutex);
            snapshot.last_commit_ms = unix_ms();
        }
        for (auto& a : engine->on_synced_commit(*qc)) queue.push_back(std::move(a));
    }
}

void BftService::Impl::flood_oversized() {
    // The byzantine fault hook: a Status frame far over the limit every honest node sets for it.
    const Bytes junk(64 * 1024, 0xee);
    network->broadcast(type_of(NetMessageType::kStatus), junk, p2p::Priority::kConsensus);
}

}  // namespace yunlian::node
