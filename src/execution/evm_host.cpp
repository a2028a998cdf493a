// The Host over state: reads map onto the overlay, and call() performs the world side of a
// frame (Yellow Paper section 8 for calls, section 7 for creates, EIP-684/7610 collisions,
// EIP-170 and EIP-3541 deposit rules, G_codedeposit).

#include "execution/evm_host.hpp"

#include <algorithm>

#include "evm/create_address.hpp"
#include "evm/precompiles.hpp"

namespace yunlian::execution {

namespace {

Hash to_hash(const Uint256& word) {
    Hash out;
    word.store_be(out.data());
    return out;
}

Uint256 to_word(const Hash& hash) { return Uint256::load_be(hash.data()); }

constexpr std::int64_t kCodeDepositCost = 200;  // G_codedeposit per byte
constexpr std::uint8_t kEofMagic = 0xef;        // EIP-3541

}  // namespace

bool EvmHost::account_exists(const Address& addr) const { return !m_state.is_dead(addr); }

Uint256 EvmHost::get_balance(const Address& addr) const { return m_state.balance(addr); }

std::size_t EvmHost::get_code_size(const Address& addr) const { return m_state.code(addr).size(); }

Hash EvmHost::get_code_hash(const Address& addr) const {
    // EIP-1052 as amended by EIP-161: empty accounts have hash 0.
    if (m_state.is_dead(addr)) return Hash{};
    return m_state.code_hash(addr);
}

std::size_t EvmHost::copy_code(const Address& addr, std::size_t offset,
                               std::span<std::uint8_t> out) const {
    const auto code = m_state.code(addr);
    if (offset >= code.size()) return 0;
    const auto n = std::min(out.size(), code.size() - offset);
    std::copy_n(code.begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
    return n;
}

Uint256 EvmHost::get_storage(const Address& addr, const Uint256& key) const {
    return to_word(m_state.storage(addr, to_hash(key)));
}

host::StorageStatus EvmHost::set_storage(const Address& addr, const Uint256& key,
                                         const Uint256& value) {
    const auto slot = to_hash(key);
    const auto original = to_word(m_state.original_storage(addr, slot));
    const auto current = to_word(m_state.storage(addr, slot));
    const auto status = host::classify_storage_write(original, current, value);
    if (current != value) m_state.set_storage(addr, slot, to_hash(value));
    return status;
}

Uint256 EvmHost::get_transient_storage(const Address& addr, const Uint256& key) const {
    return to_word(m_state.transient_storage(addr, to_hash(key)));
}

void EvmHost::set_transient_storage(const Address& addr, const Uint256& key, const Uint256& value) {
    m_state.set_transient_storage(addr, to_hash(key), to_hash(value));
}

void EvmHost::emit_log(const Address& addr, BytesView data, std::span<const Hash> topics) {
    m_logs.push_back(types::Log{addr, {topics.begin(), topics.end()}, to_bytes(data)});
}

bool EvmHost::selfdestruct(const Address& addr, const Address& beneficiary) {
    // EIP-6780: the balance always moves; the account goes only if created in this transaction.
    // Then, as before Cancun, its balance is zero from this point on (a beneficiary equal to
    // itself burns it), and value it receives later in the transaction is burned at the end.
    const auto balance = m_state.balance(addr);
    if (!m_state.sub_balance(addr, balance)) return false;
    m_state.add_balance(beneficiary, balance);
    if (!m_state.is_created(addr)) return false;
    m_state.set_balance(addr, Uint256{});
    return m_state.destruct(addr);
}

Hash EvmHost::get_block_hash(std::int64_t block_num) const {
    return m_block.block_hash ? m_block.block_hash(block_num) : Hash{};
}

host::AccessStatus EvmHost::access_account(const Address& addr) {
    return m_state.access_account(addr) ? host::AccessStatus::kCold : host::AccessStatus::kWarm;
}

host::AccessStatus EvmHost::access_storage(const Address& addr, const Uint256& key) {
    return m_state.access_storage(addr, to_hash(key)) ? host::AccessStatus::kCold
                                                      : host::AccessStatus::kWarm;
}

host::CallResult EvmHost::call(const host::Message& msg) {
    if (msg.kind != host::CallKind::kCreate && msg.kind != host::CallKind::kCreate2) {
        return call_frame(msg);
    }
    return create_frame(msg);
}

host::CallResult EvmHost::call_frame(const host::Message& msg) {
    const auto snapshot = m_state.snapshot();
    const auto logs_before = m_logs.size();
    if (msg.kind == host::CallKind::kCall || msg.kind == host::CallKind::kCallCode ||
        msg.kind == host::CallKind::kStaticCall) {
        // The caller checked the balance; a zero-value call still touches the recipient
        // (EIP-161), which matters for deleting empty accounts at the end.
        if (!msg.value.is_zero()) {
            if (!m_state.sub_balance(msg.sender, msg.value)) {
                host::CallResult poor;
                poor.status = host::StatusCode::kInsufficientBalance;
                poor.gas_left = msg.gas;
                return poor;
            }
            m_state.add_balance(msg.recipient, msg.value);
        } else {
            m_state.touch(msg.recipient);
        }
    }
    host::CallResult result;
    if (evm::is_precompile(msg.code_address)) {
        result = evm::run_precompile(msg.code_address, msg.input, msg.gas);
    } else {
        const auto code = m_state.code(msg.code_address);
        const auto code_hash = m_state.code_hash(msg.code_address);
        result = m_vm.execute(*this, msg, code, &code_hash);
    }
    if (result.status != host::StatusCode::kSuccess) {
        m_state.revert(snapshot);
        m_logs.resize(logs_before);
    }
    return result;
}

host::CallResult EvmHost::create_frame(const host::Message& msg) {
    const auto nonce = m_state.nonce(msg.sender);
    host::CallResult result;
    // EIP-2681: a nonce that cannot grow fails the create without using its gas.
    if (nonce == ~std::uint64_t{0}) {
        result.status = host::StatusCode::kFailure;
        result.gas_left = msg.gas;
        return result;
    }
    const auto address = msg.kind == host::CallKind::kCreate
                             ? evm::create_address(msg.sender, nonce)
                             : evm::create2_address(msg.sender, msg.salt, msg.input);
    m_state.set_nonce(msg.sender, nonce + 1);
    return create_at(msg, address);
}

host::CallResult EvmHost::create_at(const host::Message& msg, const Address& address) {
    // EIP-2929: the new address is warm even when the create fails.
    m_state.access_account(address);
    host::CallResult result;
    // EIP-684 and EIP-7610: code, a nonce or storage at the address is a collision, which
    // consumes all the gas given to the create.
    if (m_state.nonce(address) != 0 || m_state.code_hash(address) != types::kEmptyCodeHash ||
        m_state.has_storage(address)) {
        result.status = host::StatusCode::kCreateCollision;
        return result;
    }
    const auto snapshot = m_state.snapshot();
    const auto logs_before = m_logs.size();
    m_state.create_account(address);
    m_state.set_nonce(address, 1);  // EIP-161
    if (!msg.value.is_zero()) {
        if (!m_state.sub_balance(msg.sender, msg.value)) {
            m_state.revert(snapshot);
            result.status = host::StatusCode::kInsufficientBalance;
            result.gas_left = msg.gas;
            return result;
        }
        m_state.add_balance(address, msg.value);
    }
    auto frame_msg = msg;
    frame_msg.recipient = address;
    frame_msg.code_address = address;
    const auto init_code = msg.input;
    frame_msg.input = {};
    result = m_vm.execute(*this, frame_msg, init_code);
    if (result.status == host::StatusCode::kSuccess) {
        const auto& code = result.output;
        const auto deposit = kCodeDepositCost * static_cast<std::int64_t>(code.size());
        if (code.size() > kMaxCodeSize || (!code.empty() && code[0] == kEofMagic)) {
            result = host::CallResult{};
            result.status = host::StatusCode::kContractValidationFailure;
        } else if (deposit > result.gas_left) {
            result = host::CallResult{};
            result.status = host::StatusCode::kOutOfGas;
        } else {
            result.gas_left -= deposit;
            m_state.set_code(address, code);
            result.output.clear();
            result.create_address = address;
            return result;
        }
    }
    m_state.revert(snapshot);
    m_logs.resize(logs_before);
    return result;
}

}  // namespace yunlian::execution
