// The in-memory Host. Reads of absent accounts see an empty account; writes create it.

#include "host/mock_host.hpp"

#include <algorithm>

namespace yunlian::host {

const MockAccount* MockHost::find(const Address& addr) const {
    const auto it = accounts.find(addr);
    return it == accounts.end() ? nullptr : &it->second;
}

bool MockHost::account_exists(const Address& addr) const {
    const auto* acc = find(addr);
    // EIP-161: an account with no code, zero nonce and zero balance counts as absent.
    return acc != nullptr && (acc->nonce != 0 || !acc->balance.is_zero() || !acc->code.empty());
}

Uint256 MockHost::get_balance(const Address& addr) const {
    const auto* acc = find(addr);
    return acc != nullptr ? acc->balance : Uint256{};
}

std::size_t MockHost::get_code_size(const Address& addr) const {
    const auto* acc = find(addr);
    return acc != nullptr ? acc->code.size() : 0;
}

Hash MockHost::get_code_hash(const Address& addr) const {
    const auto* acc = find(addr);
    return acc != nullptr && account_exists(addr) ? acc->code_hash : Hash{};
}

std::size_t MockHost::copy_code(const Address& addr, std::size_t offset,
                                std::span<std::uint8_t> out) const {
    const auto* acc = find(addr);
    if (acc == nullptr || offset >= acc->code.size()) return 0;
    const auto n = std::min(out.size(), acc->code.size() - offset);
    std::copy_n(acc->code.begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
    return n;
}

Uint256 MockHost::get_storage(const Address& addr, const Uint256& key) const {
    const auto* acc = find(addr);
    if (acc == nullptr) return {};
    const auto it = acc->storage.find(key);
    return it == acc->storage.end() ? Uint256{} : it->second.current;
}

StorageStatus MockHost::set_storage(const Address& addr, const Uint256& key, const Uint256& value) {
    auto& slot = accounts[addr].storage[key];
    const auto status = classify_storage_write(slot.original, slot.current, value);
    slot.current = value;
    return status;
}

Uint256 MockHost::get_transient_storage(const Address& addr, const Uint256& key) const {
    const auto* acc = find(addr);
    if (acc == nullptr) return {};
    const auto it = acc->transient.find(key);
    return it == acc->transient.end() ? Uint256{} : it->second;
}

void MockHost::set_transient_storage(const Address& addr, const Uint256& key,
                                     const Uint256& value) {
    accounts[addr].transient[key] = value;
}

void MockHost::emit_log(const Address& addr, BytesView data, std::span<const Hash> topics) {
    logs.push_back({addr, to_bytes(data), {topics.begin(), topics.end()}});
}

CallResult MockHost::call(const Message& msg) {
    recorded_calls.emplace_back(msg, to_bytes(msg.input));
    if (call_handler) return call_handler(msg);
    return call_result;
}

bool MockHost::selfdestruct(const Address& addr, const Address& beneficiary) {
    recorded_selfdestructs.emplace_back(addr, beneficiary);
    auto& from = accounts[addr];
    const auto amount = from.balance;
    from.balance = Uint256{};
    accounts[beneficiary].balance += amount;
    return true;
}

TxContext MockHost::get_tx_context() const { return tx_context; }

Hash MockHost::get_block_hash(std::int64_t block_num) const {
    const auto it = block_hashes.find(block_num);
    return it == block_hashes.end() ? Hash{} : it->second;
}

AccessStatus MockHost::access_account(const Address& addr) {
    return warm_accounts.insert(addr).second ? AccessStatus::kCold : AccessStatus::kWarm;
}

AccessStatus MockHost::access_storage(const Address& addr, const Uint256& key) {
    return warm_slots.insert({addr, key}).second ? AccessStatus::kCold : AccessStatus::kWarm;
}

}  // namespace yunlian::host
