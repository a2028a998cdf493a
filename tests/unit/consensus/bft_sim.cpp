#include "bft_sim.hpp"

#include <algorithm>
#include <iostream>

#include "common/endian.hpp"
#include "crypto/keccak.hpp"

namespace yunlian::consensus::bft::sim {

namespace {

void put_u64(Bytes& out, std::uint64_t value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

std::uint64_t get_u64(BytesView in) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) value = (value << 8) | in[i];
    return value;
}

Step step_of(const Message& message) {
    if (std::holds_alternative<Proposal>(message)) return Step::kPropose;
    return std::get<Vote>(message).kind == VoteKind::kPrevote ? Step::kPrevote : Step::kPrecommit;
}

}  // namespace

Bytes encode_toy(const ToyBlock& block) {
    Bytes out;
    put_u64(out, block.height);
    put_u64(out, block.round);
    put_u64(out, block.proposer);
    append(out, block.parent.view());
    out.push_back(block.valid ? 1 : 0);
    out.push_back(block.salt);
    return out;
}

std::optional<ToyBlock> decode_toy(BytesView bytes) {
    if (bytes.size() != 8 * 3 + 32 + 2) return std::nullopt;
    ToyBlock block;
    block.height = get_u64(bytes.subspan(0, 8));
    block.round = get_u64(bytes.subspan(8, 8));
    block.proposer = static_cast<std::uint32_t>(get_u64(bytes.subspan(16, 8)));
    block.parent = Hash::from_view(bytes.subspan(24, 32));
    block.valid = bytes[56] == 1;
    block.salt = bytes[57];
    return block;
}

Hash hash_of(BytesView bytes) { return crypto::keccak256(bytes); }

crypto::PrivateKey key_of(std::uint32_t index) {
    crypto::PrivateKey key;
    key[30] = static_cast<std::uint8_t>((index + 1) >> 8);
    key[31] = static_cast<std::uint8_t>(index + 1);
    key[0] = 0x11;  // keep well away from small scalars shared with other tests
    return key;
}

Simulation::Simulation(SimConfig config)
    : m_config(std::move(config)),
      m_validators([&] {
          std::vector<Address> addresses;
          for (std::uint32_t i = 0; i < m_config.validators; ++i) {
              addresses.push_back(crypto::address_of(*crypto::public_key_of(key_of(i))));
          }
          return *ValidatorSet::create(std::move(addresses));
      }()),
      m_nodes(m_config.validators),
      m_rng(m_config.seed) {
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        m_nodes[i].engine = std::make_unique<BftEngine>(m_validators, kChainId, key_of(i),
                                                        m_config.timeouts, std::nullopt);
    }
}

std::uint64_t Simulation::rand_below(std::uint64_t bound) {
    return bound == 0 ? 0 : m_rng() % bound;
}

bool Simulation::chance(std::uint32_t permille) {
    return permille != 0 && rand_below(1000) < permille;
}

bool Simulation::honest(std::uint32_t node) const {
    return !m_config.double_voters.contains(node) &&
           !m_config.equivocating_proposers.contains(node) &&
           !m_config.invalid_proposers.contains(node) && !m_config.forgers.contains(node);
}

void Simulation::push(Event event) {
    event.seq = m_seq++;
    if (event.kind != EventKind::kDeliver && event.kind != EventKind::kSync) {
        event.epoch = m_nodes[event.node].epoch;
    }
    m_queue.push(std::move(event));
}

void Simulation::start() {
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        if (!m_nodes[i].alive) continue;
        Event event;
        event.at = m_now;
        event.kind = EventKind::kStartHeight;
        event.node = i;
        event.height = m_nodes[i].blocks.size() + 1;
        push(std::move(event));
    }
    if (m_config.sync_interval_ms != 0) {
        Event sync;
        sync.at = m_now + m_config.sync_interval_ms;
        sync.kind = EventKind::kSync;
        push(std::move(sync));
    }
}

void Simulation::run_until(std::uint64_t until_ms) {
    while (!m_queue.empty() && m_queue.top().at <= until_ms) {
        Event event = m_queue.top();
        m_queue.pop();
        m_now = event.at;
        dispatch(event);
    }
    m_now = std::max(m_now, until_ms);
}

bool Simulation::run_until_height(std::uint64_t height, std::uint64_t limit_ms) {
    while (min_honest_height() < height) {
        if (m_queue.empty() || m_queue.top().at > limit_ms) return false;
        Event event = m_queue.top();
        m_queue.pop();
        m_now = event.at;
        dispatch(event);
    }
    return true;
}

void Simulation::dispatch(const Event& event) {
    if (event.kind == EventKind::kSync) {
        sync_tick();
        Event next;
        next.at = m_now + m_config.sync_interval_ms;
        next.kind = EventKind::kSync;
        push(std::move(next));
        return;
    }
    Node& node = m_nodes[event.node];
    if (!node.alive) return;
    if (event.kind == EventKind::kDeliver) {
        if (node.partitioned) return;
        apply(event.node, node.engine->on_message(*event.message));
        return;
    }
    if (event.epoch != node.epoch) return;  // a timer or answer from before a restart
    switch (event.kind) {
        case EventKind::kTimeout:
            apply(event.node, node.engine->on_timeout(event.height, event.round, event.step));
            break;
        case EventKind::kBuilt:
            apply(event.node,
                  node.engine->on_block_built(event.height, event.round, event.block, event.hash));
            break;
        case EventKind::kValidated:
            apply(event.node,
                  node.engine->on_block_validated(event.height, event.hash, event.valid));
            break;
        case EventKind::kStartHeight:
            apply(event.node, node.engine->start_height(event.height));
            break;
        default:
            break;
    }
}

void Simulation::apply(std::uint32_t node, const Actions& actions) {
    for (const Action& action : actions) apply_one(node, action);
}

void Simulation::apply_one(std::uint32_t node, const Action& action) {
    Node& self = m_nodes[node];
    if (m_config.trace) trace_action(node, action);
    if (const auto* persist = std::get_if<PersistSigned>(&action)) {
        self.rec.persisted = persist->record;
        self.rec.persisted_all.push_back(persist->record);
    } else if (const auto* cast = std::get_if<Broadcast>(&action)) {
        // The record covering a signed message must be durable before the message leaves
        // (relayed votes of others need none; an own vote relayed later was covered then).
        const Message& m = cast->message;
        const std::uint64_t h = height_of(m);
        const std::uint64_t r = std::visit([](const auto& x) { return x.round; }, m);
        std::optional<Hash> hash;
        if (const auto* proposal = std::get_if<Proposal>(&m)) hash = proposal->block_hash;
        if (const auto* vote = std::get_if<Vote>(&m)) hash = vote->block_hash;
        const auto* relayed = std::get_if<Vote>(&m);
        const bool own = relayed == nullptr || relayed->validator_index == node;
        const bool covered = std::any_of(self.rec.persisted_all.begin(),
                                         self.rec.persisted_all.end(), [&](const LastSigned& p) {
                                             return p.height == h && p.round == r &&
                                                    p.step == step_of(m) && p.block_hash == hash;
                                         });
        if (own && !covered) ++self.rec.persist_before_broadcast_violations;
        self.rec.sent.push_back(m);
        broadcast(node, m);
        if (!honest(node)) byzantine_extras(node, m);
    } else if (const auto* build = std::get_if<BuildBlock>(&action)) {
        ToyBlock block{build->height,
                       build->round,
                       node,
                       head_hash(node),
                       !m_config.invalid_proposers.contains(node),
                       0};
        Event event;
        event.at = m_now + 1 + rand_below(10);
        event.kind = EventKind::kBuilt;
        event.node = node;
        event.height = build->height;
        event.round = build->round;
        event.block = encode_toy(block);
        event.hash = hash_of(event.block);
        push(std::move(event));
    } else if (const auto* check = std::get_if<ValidateBlock>(&action)) {
        const auto block = decode_toy(check->block);
        Event event;
        event.at = m_now + 1 + rand_below(10);
        event.kind = EventKind::kValidated;
        event.node = node;
        event.height = check->height;
        event.hash = check->hash;
        event.valid = block && block->valid && block->height == check->height &&
                      block->parent == head_hash(node) && hash_of(check->block) == check->hash;
        push(std::move(event));
    } else if (const auto* done = std::get_if<CommitBlock>(&action)) {
        commit(node, *done);
    } else if (const auto* timer = std::get_if<ScheduleTimeout>(&action)) {
        Event event;
        event.at = m_now + timer->after_ms;
        event.kind = EventKind::kTimeout;
        event.node = node;
        event.height = timer->height;
        event.round = timer->round;
        event.step = timer->step;
        push(std::move(event));
    } else if (const auto* evidence = std::get_if<ReportEvidence>(&action)) {
        self.rec.evidence.push_back(evidence->evidence);
    } else if (const auto* bad = std::get_if<Misbehaviour>(&action)) {
        self.rec.misbehaviour.push_back(*bad);
    }
}

void Simulation::trace_action(std::uint32_t node, const Action& action) const {
    std::cerr << m_now << " n" << node << " ";
    if (const auto* cast = std::get_if<Broadcast>(&action)) {
        if (const auto* v = std::get_if<Vote>(&cast->message)) {
            std::cerr << "vote " << (v->kind == VoteKind::kPrevote ? "pv" : "pc") << " h"
                      << v->height << " r" << v->round << " by " << v->validator_index << " "
                      << (v->block_hash ? std::to_string(v->block_hash->bytes[0]) : "nil");
        } else {
            const auto& p = std::get<Proposal>(cast->message);
            std::cerr << "proposal h" << p.height << " r" << p.round << " pol "
                      << (p.pol_round ? std::to_string(*p.pol_round) : "-") << " "
                      << std::to_string(p.block_hash.bytes[0]);
        }
    } else if (const auto* t = std::get_if<ScheduleTimeout>(&action)) {
        std::cerr << "timeout " << to_string(t->step) << " h" << t->height << " r" << t->round;
    } else if (const auto* c = std::get_if<CommitBlock>(&action)) {
        std::cerr << "COMMIT h" << c->height << " " << std::to_string(c->hash.bytes[0]);
    } else if (const auto* b = std::get_if<ValidateBlock>(&action)) {
        std::cerr << "validate " << std::to_string(b->hash.bytes[0]);
    } else if (std::holds_alternative<BuildBlock>(action)) {
        std::cerr << "build";
    } else if (const auto* p = std::get_if<PersistSigned>(&action)) {
        std::cerr << "persist r" << p->record.round << " " << to_string(p->record.step);
    } else {
        std::cerr << "other " << action.index();
    }
    std::cerr << " [at r" << m_nodes[node].engine->round() << " "
              << to_string(m_nodes[node].engine->step()) << "]\n";
}

void Simulation::broadcast(std::uint32_t from, const Message& message) {
    for (std::uint32_t to = 0; to < m_nodes.size(); ++to) send(from, to, message);
}

void Simulation::send(std::uint32_t from, std::uint32_t to, const Message& message) {
    if (from == to || m_nodes[from].partitioned || m_nodes[to].partitioned) return;
    const int copies = chance(m_config.drop_permille)        ? 0
                       : chance(m_config.duplicate_permille) ? 2
                                                             : 1;
    for (int i = 0; i < copies; ++i) {
        Event event;
        event.at = m_now + m_config.min_delay_ms +
                   rand_below(m_config.max_delay_ms - m_config.min_delay_ms + 1);
        event.kind = EventKind::kDeliver;
        event.node = to;
        event.message = message;
        push(std::move(event));
    }
}

void Simulation::byzantine_extras(std::uint32_t from, const Message& message) {
    const crypto::PrivateKey key = key_of(from);
    if (const auto* vote = std::get_if<Vote>(&message)) {
        if (m_config.double_voters.contains(from)) {
            Vote other = *vote;
            other.block_hash =
                vote->block_hash ? std::nullopt : std::optional<Hash>(hash_of(as_bytes("fork")));
            broadcast(from, Message{*sign_vote(other, kChainId, key)});
        }
        if (m_config.forgers.contains(from)) {
            Vote forged = *vote;
            forged.signature.r = Hash{};  // r = 0: no key recovers
            broadcast(from, Message{forged});
            Vote outsider = *sign_vote(*vote, kChainId, key_of(1000));  // not a validator
            broadcast(from, Message{outsider});
            Vote out_of_range = *vote;
            out_of_range.validator_index = static_cast<std::uint32_t>(m_nodes.size());
            broadcast(from, Message{out_of_range});
            Vote impostor = *vote;  // our signature under the next validator's index
            impostor.validator_index = (from + 1) % static_cast<std::uint32_t>(m_nodes.size());
            broadcast(from, Message{impostor});
        }
    } else if (const auto* proposal = std::get_if<Proposal>(&message)) {
        if (m_config.equivocating_proposers.contains(from) && !proposal->pol_round) {
            auto block = decode_toy(proposal->block);
            if (!block) return;
            block->salt = 1;
            Proposal other = *proposal;
            other.block = encode_toy(*block);
            other.block_hash = hash_of(other.block);
            broadcast(from, Message{*sign_proposal(other, kChainId, key)});
        }
    }
}

Hash Simulation::head_hash(std::uint32_t node) const {
    const auto& blocks = m_nodes[node].blocks;
    if (blocks.empty()) return Hash{};
    return hash_of(blocks.rbegin()->second);
}

void Simulation::commit(std::uint32_t node, const CommitBlock& done) {
    Node& self = m_nodes[node];
    if (done.height != self.blocks.size() + 1 || hash_of(done.block) != done.hash ||
        !verify_quorum_cert_for(done.qc, m_validators, kChainId, done.height, done.hash)) {
        m_conflict = true;
        return;
    }
    self.blocks[done.height] = done.block;
    self.rec.committed[done.height] = done.hash;
    self.rec.qcs[done.height] = done.qc;
    auto [it, inserted] = m_best.try_emplace(done.height, done.block, done.qc);
    if (!inserted && hash_of(it->second.first) != done.hash) m_conflict = true;
    Event event;
    event.at = m_now + 1;
    event.kind = EventKind::kStartHeight;
    event.node = node;
    event.height = done.height + 1;
    push(std::move(event));
}

void Simulation::sync_tick() {
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        Node& node = m_nodes[i];
        if (!node.alive || node.partitioned) continue;
        std::optional<QuorumCert> last;
        for (auto it = m_best.find(node.blocks.size() + 1); it != m_best.end();
             it = m_best.find(node.blocks.size() + 1)) {
            // Sync checks each block's finality proof before taking it.
            if (!verify_quorum_cert_for(it->second.second, m_validators, kChainId, it->first,
                                        hash_of(it->second.first))) {
                m_conflict = true;
                break;
            }
            node.blocks[it->first] = it->second.first;
            node.rec.committed[it->first] = hash_of(it->second.first);
            node.rec.qcs[it->first] = it->second.second;
            last = it->second.second;
        }
        if (last) {
            ++node.epoch;  // answers to requests about the old head are stale now
            apply(i, node.engine->on_synced_commit(*last));
        }
    }
}

void Simulation::crash(std::uint32_t node) {
    m_nodes[node].alive = false;
    ++m_nodes[node].epoch;
}

void Simulation::restart(std::uint32_t node) {
    Node& self = m_nodes[node];
    self.alive = true;
    ++self.epoch;
    self.engine =
        std::make_unique<BftEngine>(m_validators, kChainId, key_of(node), m_config.timeouts,
                                    m_config.forget_on_restart ? std::nullopt : self.rec.persisted);
    Event event;
    event.at = m_now;
    event.kind = EventKind::kStartHeight;
    event.node = node;
    event.height = self.blocks.size() + 1;
    push(std::move(event));
}

void Simulation::set_partitioned(std::uint32_t node, bool partitioned) {
    m_nodes[node].partitioned = partitioned;
}

std::uint64_t Simulation::min_honest_height() const {
    std::optional<std::uint64_t> low;
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        if (!m_nodes[i].alive || !honest(i)) continue;
        const std::uint64_t h = m_nodes[i].blocks.size();
        low = low ? std::min(*low, h) : h;
    }
    return low.value_or(0);
}

std::uint64_t Simulation::max_height() const { return m_best.empty() ? 0 : m_best.rbegin()->first; }

bool Simulation::agreement() const {
    if (m_conflict) return false;
    for (const Node& node : m_nodes) {
        for (const auto& [height, hash] : node.rec.committed) {
            auto it = m_best.find(height);
            if (it == m_best.end() || hash_of(it->second.first) != hash) return false;
        }
    }
    return true;
}

}  // namespace yunlian::consensus::bft::sim
