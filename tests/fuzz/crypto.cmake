# Fuzz targets of the crypto part.
yunlian_fuzz_target(keystore
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/keystore_fuzz.cpp
    DEPS yunlian::crypto
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/keystore)
