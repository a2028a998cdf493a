yunlian_fuzz_target(bn254 SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bn254_fuzz.cpp DEPS yunlian::crypto
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/bn254)
