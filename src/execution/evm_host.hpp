#pragma once
// The Host the EVM runs against during a transaction, over a state::Overlay: value transfers,
// nested calls and creates with their snapshots, precompile dispatch, EIP-6780 SELFDESTRUCT, and
// the logs of the transaction (dropped with the frames that revert).

#include <vector>

#include "evm/vm.hpp"
#include "execution/environment.hpp"
#include "host/host.hpp"
#include "state/overlay.hpp"
#include "types/log.hpp"

namespace yunlian::execution {

/// EIP-170: the largest deployable code.
inline constexpr std::size_t kMaxCodeSize = 24576;

class EvmHost final : public host::Host {
  public:
    EvmHost(state::Overlay& state, evm::Vm& vm, const BlockEnv& block, host::TxContext context)
        : m_state(state), m_vm(vm), m_block(block), m_context(std::move(context)) {}

    bool account_exists(const Address& addr) const override;
    Uint256 get_balance(const Address& addr) const override;
    std::size_t get_code_size(const Address& addr) const override;
    Hash get_code_hash(const Address& addr) const override;
    std::size_t copy_code(const Address& addr, std::size_t offset,
                          std::span<std::uint8_t> out) const override;
    Uint256 get_storage(const Address& addr, const Uint256& key) const override;
    host::StorageStatus set_storage(const Address& addr, const Uint256& key,
                                    const Uint256& value) override;
    Uint256 get_transient_storage(const Address& addr, const Uint256& key) const override;
    void set_transient_storage(const Address& addr, const Uint256& key,
                               const Uint256& value) override;
    void emit_log(const Address& addr, BytesView data, std::span<const Hash> topics) override;
    host::CallResult call(const host::Message& msg) override;
    bool selfdestruct(const Address& addr, const Address& beneficiary) override;
    host::TxContext get_tx_context() const override { return m_context; }
    Hash get_block_hash(std::int64_t block_num) const override;
    host::AccessStatus access_account(const Address& addr) override;
    host::AccessStatus access_storage(const Address& addr, const Uint256& key) override;

    /// Runs a create frame whose address the caller derived and whose nonce bump it did (the
    /// transaction's own create, or a nested CREATE/CREATE2 from call()).
    host::CallResult create_at(const host::Message& msg, const Address& address);

    /// The logs of frames that did not revert, in order.
    [[nodiscard]] std::vector<types::Log>& logs() noexcept { return m_logs; }

  private:
    host::CallResult call_frame(const host::Message& msg);
    host::CallResult create_frame(const host::Message& msg);

    state::Overlay& m_state;
    evm::Vm& m_vm;
    const BlockEnv& m_block;
    host::TxContext m_context;
    std::vector<types::Log> m_logs;
};

}  // namespace yunlian::execution
