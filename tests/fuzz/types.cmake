yunlian_fuzz_target(rlp SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/rlp_fuzz.cpp DEPS yunlian::codec
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/rlp)
yunlian_fuzz_target(transaction SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/transaction_fuzz.cpp
    DEPS yunlian::types CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/transaction)
