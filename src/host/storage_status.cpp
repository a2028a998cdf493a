// The EIP-2200 classification of a storage write, shared by every Host so that gas and refunds
// never depend on which host runs the EVM.

#include "host/host.hpp"

namespace yunlian::host {

StorageStatus classify_storage_write(const Uint256& original, const Uint256& current,
                                     const Uint256& value) noexcept {
    // EIP-2200: "if current value equals new value (this is a no-op)".
    if (current == value) return StorageStatus::kAssigned;
    if (original == current) {
        // A clean slot: the first change to it in this transaction.
        if (original.is_zero()) return StorageStatus::kAdded;
        return value.is_zero() ? StorageStatus::kDeleted : StorageStatus::kModified;
    }
    // A dirty slot: priced at the warm-read cost, with refunds that undo earlier ones.
    if (!original.is_zero()) {
        if (current.is_zero()) {
            return value == original ? StorageStatus::kDeletedRestored
                                     : StorageStatus::kDeletedAdded;
        }
        if (value.is_zero()) return StorageStatus::kModifiedDeleted;
        if (value == original) return StorageStatus::kModifiedRestored;
        return StorageStatus::kAssigned;
    }
    // original == 0, current != 0.
    if (value.is_zero()) return StorageStatus::kAddedDeleted;
    return StorageStatus::kAssigned;
}

}  // namespace yunlian::host
