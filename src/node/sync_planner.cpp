#include "node/sync_planner.hpp"

#include <algorithm>

namespace yunlian::node {

void SyncPlanner::on_status(const SyncPeer& peer, std::uint64_t head_num) {
    m_heads[peer] = head_num;
}

void SyncPlanner::on_hint(const SyncPeer& peer, std::uint64_t head_num) {
    auto& head = m_heads[peer];
    head = std::max(head, head_num);
}

void SyncPlanner::on_peer_gone(const SyncPeer& peer) {
    m_heads.erase(peer);
    std::erase_if(m_slots,
                  [&](const auto& s) { return !s.second.received && s.second.peer == peer; });
}

std::uint64_t SyncPlanner::best_head() const noexcept {
    std::uint64_t best = 0;
    for (const auto& [peer, head] : m_heads) best = std::max(best, head);
    return best;
}

std::size_t SyncPlanner::in_flight() const noexcept {
    return static_cast<std::size_t>(std::count_if(
        m_slots.begin(), m_slots.end(), [](const auto& s) { return !s.second.received; }));
}

void SyncPlanner::drop_below(std::uint64_t head_num) {
    // A range wholly at or below the head is done (committed, or committed from elsewhere).
    std::erase_if(m_slots, [&](const auto& s) { return s.first + s.second.count - 1 <= head_num; });
}

std::optional<SyncPeer> SyncPlanner::pick_peer(std::uint64_t from,
                                               const std::optional<SyncPeer>& avoid) {
    std::vector<SyncPeer> able;
    for (const auto& [peer, head] : m_heads) {
        if (head >= from && peer != avoid) able.push_back(peer);
    }
    if (able.empty()) {
        // The only peer that has it is the one that timed out: ask it again rather than stall.
        if (avoid && m_heads.contains(*avoid) && m_heads[*avoid] >= from) return avoid;
        return std::nullopt;
    }
    return able[m_rotation++ % able.size()];
}

std::vector<SyncAssignment> SyncPlanner::poll(std::uint64_t head_num, std::uint64_t now_ms) {
    drop_below(head_num);
    std::vector<SyncAssignment> out;
    // Re-assign expired requests first: they are the lowest ranges and block everything above.
    for (auto& [from, slot] : m_slots) {
        if (slot.received || now_ms < slot.deadline_ms) continue;
        const auto peer = pick_peer(from, slot.peer);
        if (!peer) continue;
        slot.peer = *peer;
        slot.deadline_ms = now_ms + m_limits.timeout_ms;
        out.push_back({*peer, from, slot.count});
    }
    const std::uint64_t target = std::min(best_head(), head_num + m_limits.window);
    std::uint64_t next = head_num + 1;
    while (next <= target && in_flight() < m_limits.max_in_flight) {
        auto after = m_slots.lower_bound(next);
        if (after != m_slots.begin()) {
            auto before = std::prev(after);
            if (before->first + before->second.count > next) {
                next = before->first + before->second.count;
                continue;
            }
        }
        if (after != m_slots.end() && after->first == next) {
            next += after->second.count;
            continue;
        }
        std::uint64_t end = std::min(target + 1, next + m_limits.batch);
        if (after != m_slots.end()) end = std::min(end, after->first);
        const auto peer = pick_peer(next, std::nullopt);
        if (!peer) break;
        // Ask no more than the chosen peer has.
        end = std::min(end, m_heads[*peer] + 1);
        const std::uint64_t count = end - next;
        m_slots[next] = Slot{*peer, count, now_ms + m_limits.timeout_ms, false};
        out.push_back({*peer, next, count});
        next = end;
    }
    return out;
}

bool SyncPlanner::on_response(const SyncPeer& peer, std::uint64_t from, std::uint64_t got) {
    auto it = m_slots.find(from);
    if (it == m_slots.end() || it->second.peer != peer || it->second.received) return false;
    if (got == 0) {
        // It does not have the range after all (its head moved back, or it lied): trust it no
        // further than just below it.
        if (auto h = m_heads.find(peer); h != m_heads.end()) h->second = from == 0 ? 0 : from - 1;
        m_slots.erase(it);
        return true;
    }
    it->second.count = std::min(it->second.count, got);
    it->second.received = true;
    return true;
}

void SyncPlanner::on_invalid(std::uint64_t block_num) {
    auto it = m_slots.upper_bound(block_num);
    if (it == m_slots.begin()) return;
    --it;
    if (it->first + it->second.count > block_num) m_slots.erase(it);
}

}  // namespace yunlian::node
