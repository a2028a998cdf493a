# Proof verification and lazy node loading on hostile node bytes.
yunlian_fuzz_target(trie_proof
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/trie_proof_fuzz.cpp
    DEPS yunlian::trie
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/trie_proof)
# Differential: incremental trie operations against the sorted build of a model.
yunlian_fuzz_target(trie_ops
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/trie_ops_fuzz.cpp
    DEPS yunlian::trie
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/trie_ops)
