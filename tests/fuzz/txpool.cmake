# Fuzz target of the txpool part: admission of raw transactions.
yunlian_fuzz_target(txpool_add
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/txpool_add_fuzz.cpp
    DEPS yunlian::txpool
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/txpool_add)
