#pragma once
// An in-memory Host for tests, benchmarks and fuzzing: accounts in ordered maps, EIP-2200
// original values, EIP-2929 warm sets, recorded logs and calls. Nested calls go to a handler the
// test installs (a VM that recurses, or a canned result).

#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "host/host.hpp"

namespace yunlian::host {

/// One account in the mock world.
struct MockAccount {
    std::uint64_t nonce = 0;
    Uint256 balance;
    Bytes code;
    Hash code_hash;  ///< set by the test; the mock does not hash
    /// Storage slots: original (start of the transaction) and current values.
    struct Slot {
        Uint256 original;
        Uint256 current;
    };
    std::map<Uint256, Slot> storage;
    std::map<Uint256, Uint256> transient;
};

/// A log as the mock recorded it.
struct MockLog {
    Address address;
    Bytes data;
    std::vector<Hash> topics;
};

/// The in-memory Host.
class MockHost : public Host {
  public:
    using CallHandler = std::function<CallResult(const Message&)>;

    std::map<Address, MockAccount> accounts;
    TxContext tx_context;
    std::map<std::int64_t, Hash> block_hashes;
    std::vector<MockLog> logs;
    /// Every message passed to call(), with its input copied.
    std::vector<std::pair<Message, Bytes>> recorded_calls;
    std::vector<std::pair<Address, Address>> recorded_selfdestructs;
    std::set<Address> warm_accounts;
    std::set<std::pair<Address, Uint256>> warm_slots;
    /// Returned by call() when no handler is installed.
    CallResult call_result;
    CallHandler call_handler;

    bool account_exists(const Address& addr) const override;
    Uint256 get_balance(const Address& addr) const override;
    std::size_t get_code_size(const Address& addr) const override;
    Hash get_code_hash(const Address& addr) const override;
    std::size_t copy_code(const Address& addr, std::size_t offset,
                          std::span<std::uint8_t> out) const override;
    Uint256 get_storage(const Address& addr, const Uint256& key) const override;
    StorageStatus set_storage(const Address& addr, const Uint256& key,
                              const Uint256& value) override;
    Uint256 get_transient_storage(const Address& addr, const Uint256& key) const override;
    void set_transient_storage(const Address& addr, const Uint256& key,
                               const Uint256& value) override;
    void emit_log(const Address& addr, BytesView data, std::span<const Hash> topics) override;
    CallResult call(const Message& msg) override;
    bool selfdestruct(const Address& addr, const Address& beneficiary) override;
    TxContext get_tx_context() const override;
    Hash get_block_hash(std::int64_t block_num) const override;
    AccessStatus access_account(const Address& addr) override;
    AccessStatus access_storage(const Address& addr, const Uint256& key) override;

  private:
    [[nodiscard]] const MockAccount* find(const Address& addr) const;
};

}  // namespace yunlian::host
