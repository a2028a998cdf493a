yunlian_fuzz_target(uint256 SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/uint256_fuzz.cpp
    DEPS yunlian::common yunlian_gmp CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/uint256)
