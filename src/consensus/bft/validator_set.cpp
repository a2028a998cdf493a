#include "consensus/bft/validator_set.hpp"

#include <algorithm>

namespace yunlian::consensus::bft {

std::string_view to_string(ValidatorSetError error) noexcept {
    switch (error) {
        case ValidatorSetError::kEmpty:
            return "empty validator set";
        case ValidatorSetError::kTooMany:
            return "too many validators";
        case ValidatorSetError::kDuplicateValidator:
            return "validator listed twice";
    }
    return "unknown validator set error";
}

Result<ValidatorSet, ValidatorSetError> ValidatorSet::create(std::vector<Address> addresses) {
    if (addresses.empty()) return Unexpected(ValidatorSetError::kEmpty);
    if (addresses.size() > kMaxValidators) return Unexpected(ValidatorSetError::kTooMany);
    std::vector<Address> sorted = addresses;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
        return Unexpected(ValidatorSetError::kDuplicateValidator);
    }
    return ValidatorSet(std::move(addresses));
}

std::optional<std::uint32_t> ValidatorSet::index_of(const Address& address) const noexcept {
    auto it = std::find(m_addresses.begin(), m_addresses.end(), address);
    if (it == m_addresses.end()) return std::nullopt;
    return static_cast<std::uint32_t>(it - m_addresses.begin());
}

std::uint32_t ValidatorSet::proposer(std::uint64_t height, std::uint64_t round) const noexcept {
    const std::uint64_t n = m_addresses.size();
    return static_cast<std::uint32_t>((height % n + round % n) % n);
}

}  // namespace yunlian::consensus::bft
