#pragma once
// Verification of Merkle proofs (EIP-1186's accountProof / storageProof): the proof is a list of
// node RLPs; the walk starts at the node hashing to the root and follows the key's nibbles.

#include <optional>
#include <span>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "trie/error.hpp"

namespace yunlian::trie {

/// The value under `key` in the trie with root `root` as `proof` shows it: the value, nullopt
/// when the proof shows the key is absent, or an error when the proof does not prove either.
/// Malformed or hostile nodes are errors; the walk is bounded by the key's length.
[[nodiscard]] Result<std::optional<Bytes>, TrieError> verify_proof(const Hash& root, BytesView key,
                                                                   std::span<const Bytes> proof);

}  // namespace yunlian::trie
