yunlian_fuzz_target(bft_message SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bft_message_fuzz.cpp
    DEPS yunlian::consensus CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/bft_message)
