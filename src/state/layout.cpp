#include "state/layout.hpp"

#include <cstring>

namespace yunlian::state {

std::vector<std::string> state_families() {
    return {std::string(kAccountsFamily), std::string(kStorageFamily), std::string(kCodeFamily),
            std::string(kTrieFamily)};
}

StateTables StateTables::open(KvStore& store) {
    return {store.table(kAccountsFamily), store.table(kStorageFamily), store.table(kCodeFamily),
            store.table(kTrieFamily)};
}

StorageKey storage_key(const Address& address, const Hash& slot) noexcept {
    StorageKey key{};
    std::memcpy(key.data(), address.data(), Address::kSize);
    std::memcpy(key.data() + Address::kSize, slot.data(), Hash::kSize);
    return key;
}

}  // namespace yunlian::state
