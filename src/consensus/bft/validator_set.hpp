#pragma once
// The fixed validator set of a BFT chain (issue 6): the genesis list of 20-byte addresses, voting
// power 1 each. Quorum arithmetic follows Tendermint (arXiv:1807.04938 section 2): with n
// validators at most f = floor((n - 1) / 3) may be faulty; "+2/3" means more than 2n/3 votes and
// "+1/3" more than n/3, so that any two quorums share an honest validator.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace yunlian::consensus::bft {

/// Why a list of addresses is not a validator set.
enum class ValidatorSetError {
    kEmpty,               ///< no validators
    kTooMany,             ///< more than ValidatorSet::kMaxValidators
    kDuplicateValidator,  ///< one address listed twice
};

[[nodiscard]] std::string_view to_string(ValidatorSetError error) noexcept;

/// An ordered, duplicate-free list of validator addresses; index i is validator i everywhere
/// (votes and quorum certificates name validators by index).
class ValidatorSet {
  public:
    /// Most validators a set may hold (indices fit 16 bits; QCs stay small).
    static constexpr std::size_t kMaxValidators = 1024;

    /// Checks and wraps `addresses` (in index order).
    [[nodiscard]] static Result<ValidatorSet, ValidatorSetError> create(
        std::vector<Address> addresses);

    /// Number of validators n.
    [[nodiscard]] std::size_t size() const noexcept { return m_addresses.size(); }
    /// Address of validator `index` (index < size()).
    [[nodiscard]] const Address& address(std::size_t index) const noexcept {
        return m_addresses[index];
    }
    /// Every address, in index order.
    [[nodiscard]] const std::vector<Address>& addresses() const noexcept { return m_addresses; }
    /// The index of `address`, if it is a validator.
    [[nodiscard]] std::optional<std::uint32_t> index_of(const Address& address) const noexcept;

    /// Most faulty validators tolerated: f = floor((n - 1) / 3).
    [[nodiscard]] std::size_t max_faulty() const noexcept { return (size() - 1) / 3; }
    /// Votes that make "+2/3": floor(2n / 3) + 1 (2f + 1 when n = 3f + 1).
    [[nodiscard]] std::size_t quorum() const noexcept { return size() * 2 / 3 + 1; }
    /// Votes that make "+1/3": floor(n / 3) + 1 (f + 1 when n = 3f + 1); at least one is honest.
    [[nodiscard]] std::size_t one_third() const noexcept { return size() / 3 + 1; }
    /// The proposer of (height, round): round-robin, (height + round) mod n, so every honest
    /// validator gets a turn within n rounds and a crashed one is skipped by the propose timeout.
    [[nodiscard]] std::uint32_t proposer(std::uint64_t height, std::uint64_t round) const noexcept;

    friend bool operator==(const ValidatorSet&, const ValidatorSet&) = default;

  private:
    explicit ValidatorSet(std::vector<Address> addresses) : m_addresses(std::move(addresses)) {}

    std::vector<Address> m_addresses;
};

}  // namespace yunlian::consensus::bft
