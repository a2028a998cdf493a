# The chain's crash test (issue 3): kill -9 at random moments during a 10,000-transfer load, 20
# times, with a full replay after each kill. About two minutes, so it is "slow"; a short variant
# (3 kills, 1,000 transfers) runs by default.
if(TARGET yunlian)
    add_test(NAME integration.chain_crash COMMAND node ${CMAKE_CURRENT_LIST_DIR}/chain_crash.mjs
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(integration.chain_crash PROPERTIES LABELS "integration;slow" TIMEOUT 1200
        ENVIRONMENT "YUNLIAN_BIN=$<TARGET_FILE:yunlian>")
    add_test(NAME integration.chain_crash_quick COMMAND node ${CMAKE_CURRENT_LIST_DIR}/chain_crash.mjs
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(integration.chain_crash_quick PROPERTIES LABELS "integration" TIMEOUT 300
        ENVIRONMENT "YUNLIAN_BIN=$<TARGET_FILE:yunlian>;CRASH_ROUNDS=3;CRASH_TXS=1000;CRASH_SENDERS=50")
endif()
