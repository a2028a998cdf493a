// The pool's admission of untrusted bytes (eth_sendRawTransaction): any input is refused with a
// message or admitted, never a crash; an admitted transaction can be selected and dropped again.

#include <cstddef>
#include <cstdint>
#include <map>

#include "txpool/tx_pool.hpp"

namespace {

class RichState final : public yunlian::txpool::StateView {
  public:
    std::optional<yunlian::types::Account> account(const yunlian::Address&) const override {
        yunlian::types::Account a;
        a.balance = yunlian::Uint256::max();
        return a;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const RichState state;
    yunlian::txpool::PoolConfig config;
    config.chain_id = 20261;
    yunlian::txpool::TxPool pool(config, state);
    const yunlian::BytesView input(data, size);
    auto added = pool.add_raw(input);
    if (added) {
        (void)pool.select(yunlian::Uint256{0}, 30'000'000);
        pool.remove(*added);
        if (pool.size() != 0) __builtin_trap();
    } else if (added.error().message.empty()) {
        __builtin_trap();
    }
    return 0;
}
