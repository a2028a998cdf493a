#include "p2p/ban_list.hpp"

#include <algorithm>
#include <iterator>

namespace yunlian::p2p {

namespace {

BanRecord make_record(const PeerId& id, std::string ip, const std::string& reason,
                      std::chrono::milliseconds duration) {
    BanRecord r;
    r.id = id;
    r.ip = std::move(ip);
    r.reason = reason;
    r.since = std::chrono::system_clock::now();
    r.until = r.since + duration;
    return r;
}

template <typename Map, typename Key>
void put(Map& map, const Key& key, BanRecord record, BanList::SteadyTime until) {
    auto it = map.find(key);
    if (it != map.end() && it->second.until >= until) return;
    map.insert_or_assign(key, typename Map::mapped_type{std::move(record), until});
}

}  // namespace

void BanList::ban(const PeerId& id, const std::optional<std::string>& ip, const std::string& reason,
                  std::chrono::milliseconds duration, SteadyTime now) {
    const SteadyTime until = now + duration;
    put(m_ids, id, make_record(id, ip.value_or(""), reason, duration), until);
    if (ip) put(m_ips, *ip, make_record(id, *ip, reason, duration), until);
}

void BanList::ban_ip(const std::string& ip, const std::string& reason,
                     std::chrono::milliseconds duration, SteadyTime now) {
    put(m_ips, ip, make_record(PeerId{}, ip, reason, duration), now + duration);
}

std::optional<BanList::SteadyTime> BanList::banned_until(const PeerId& id, SteadyTime now) const {
    const auto it = m_ids.find(id);
    if (it == m_ids.end() || it->second.until <= now) return std::nullopt;
    return it->second.until;
}

bool BanList::is_ip_banned(const std::string& ip, SteadyTime now) const {
    const auto it = m_ips.find(ip);
    return it != m_ips.end() && it->second.until > now;
}

void BanList::purge(SteadyTime now) {
    std::erase_if(m_ids, [now](const auto& kv) { return kv.second.until <= now; });
    std::erase_if(m_ips, [now](const auto& kv) { return kv.second.until <= now; });
}

std::vector<BanRecord> BanList::list(SteadyTime now) {
    purge(now);
    std::vector<BanRecord> out;
    out.reserve(m_ids.size() + m_ips.size());
    for (const auto& [id, e] : m_ids) out.push_back(e.record);
    // An IP banned together with an id is already listed through the id's record.
    for (const auto& [ip, e] : m_ips) {
        if (e.record.id.is_zero()) out.push_back(e.record);
    }
    std::sort(out.begin(), out.end(),
              [](const BanRecord& a, const BanRecord& b) { return a.since < b.since; });
    return out;
}

}  // namespace yunlian::p2p
