yunlian_fuzz_target(rpc_dispatcher
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/rpc_dispatcher_fuzz.cpp
    DEPS yunlian::rpc_server
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/rpc_dispatcher)
