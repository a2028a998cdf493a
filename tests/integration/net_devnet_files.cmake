# The files `yunlian devnet` writes, read back by the node's own genesis and config readers.
if(TARGET yunlian_node AND EXISTS ${CMAKE_SOURCE_DIR}/src/node/fault_config.hpp)
    add_executable(net_devnet_files_test ${CMAKE_CURRENT_LIST_DIR}/net_devnet_files_test.cpp)
    target_link_libraries(net_devnet_files_test PRIVATE yunlian::node GTest::gtest_main
        yunlian_options)
    add_test(NAME integration.net_devnet_files COMMAND net_devnet_files_test --gtest_brief=1)
    set_tests_properties(integration.net_devnet_files PROPERTIES LABELS "unit;integration")
endif()
