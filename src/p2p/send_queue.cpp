#include "p2p/send_queue.hpp"

#include <algorithm>
#include <utility>

namespace yunlian::p2p {

bool SendQueue::push(Priority priority, SharedFrame frame) {
    const std::size_t size = frame->size();
    const std::size_t limit =
        priority == Priority::kGossip ? m_limits.gossip_max_bytes : m_limits.max_bytes;
    if (m_bytes + size > limit || m_messages + 1 > m_limits.max_messages) return false;
    push_unbounded(priority, std::move(frame));
    return true;
}

void SendQueue::push_unbounded(Priority priority, SharedFrame frame) {
    m_bytes += frame->size();
    ++m_messages;
    m_lanes[static_cast<std::size_t>(priority)].push_back(std::move(frame));
}

bool SendQueue::select() {
    if (m_current) return true;
    auto lane =
        std::find_if(m_lanes.begin(), m_lanes.end(), [](const auto& l) { return !l.empty(); });
    if (lane == m_lanes.end()) return false;
    m_current = std::move(lane->front());
    lane->pop_front();
    m_current_offset = 0;
    return true;
}

BytesView SendQueue::peek() {
    if (!select()) return {};
    return BytesView(*m_current).subspan(m_current_offset);
}

std::size_t SendQueue::consume(std::size_t n) {
    m_current_offset += n;
    m_bytes -= n;
    if (m_current_offset < m_current->size()) return 0;
    m_current.reset();
    --m_messages;
    return 1;
}

std::size_t SendQueue::fill(Bytes& out, std::size_t budget) {
    std::size_t finished = 0;
    while (out.size() < budget) {
        if (!select()) break;
        const std::size_t take =
            std::min(m_current->size() - m_current_offset, budget - out.size());
        const auto begin = m_current->begin() + static_cast<long>(m_current_offset);
        out.insert(out.end(), begin, begin + static_cast<long>(take));
        m_current_offset += take;
        m_bytes -= take;
        if (m_current_offset == m_current->size()) {
            m_current.reset();
            --m_messages;
            ++finished;
        }
    }
    return finished;
}

}  // namespace yunlian::p2p
