#pragma once
// Bans of peer ids and IPs: who, why, since and until when. Expiry runs on the steady clock; the
// wall-clock times are for people reading bans() (docs/P2P.md, "Bans").

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "p2p/network.hpp"

namespace yunlian::p2p {

class BanList {
  public:
    using SteadyTime = std::chrono::steady_clock::time_point;

    /// Bans `id` (and `ip` when given) for `duration` from `now`. A longer existing ban stays.
    void ban(const PeerId& id, const std::optional<std::string>& ip, const std::string& reason,
             std::chrono::milliseconds duration, SteadyTime now);
    /// Bans an IP alone (misbehaviour before any identity was proven).
    void ban_ip(const std::string& ip, const std::string& reason,
                std::chrono::milliseconds duration, SteadyTime now);

    /// When the ban of `id` ends, or nullopt when it is not banned at `now`.
    [[nodiscard]] std::optional<SteadyTime> banned_until(const PeerId& id, SteadyTime now) const;
    [[nodiscard]] bool is_banned(const PeerId& id, SteadyTime now) const {
        return banned_until(id, now).has_value();
    }
    [[nodiscard]] bool is_ip_banned(const std::string& ip, SteadyTime now) const;

    /// Forgets expired bans and lists the rest, oldest first.
    std::vector<BanRecord> list(SteadyTime now);

  private:
    struct Entry {
        BanRecord record;
        SteadyTime until;
    };
    void purge(SteadyTime now);

    std::map<PeerId, Entry> m_ids;
    std::map<std::string, Entry> m_ips;
};

}  // namespace yunlian::p2p
