yunlian_fuzz_target(node_messages SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/node_messages_fuzz.cpp
    DEPS yunlian::node CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/node_messages)
