# Fuzz target of the p2p part: frames, Hello, peer-exchange lists and peer addresses.
yunlian_fuzz_target(p2p_wire
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/p2p_wire_fuzz.cpp
    DEPS yunlian::p2p
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/p2p_wire)
