#pragma once
// Read access to a committed state: what an Overlay executes a block on top of.

#include <optional>

#include "common/bytes.hpp"
#include "trie/node_store.hpp"
#include "types/account.hpp"

namespace yunlian::state {

class StateReader {
  public:
    virtual ~StateReader() = default;

    /// The account at `address`, or nullopt when it does not exist.
    [[nodiscard]] virtual std::optional<types::Account> account(const Address& address) const = 0;
    /// The value of a storage slot; zero when unset.
    [[nodiscard]] virtual Hash storage(const Address& address, const Hash& slot) const = 0;
    /// The code with this hash; empty when unknown (kEmptyCodeHash has empty code).
    [[nodiscard]] virtual Bytes code(const Hash& code_hash) const = 0;
    /// The root of the account trie of this state.
    [[nodiscard]] virtual Hash state_root() const = 0;
    /// The nodes of this state's account and storage tries.
    [[nodiscard]] virtual const trie::NodeStore& trie_nodes() const = 0;
};

}  // namespace yunlian::state
