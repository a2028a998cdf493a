# ethereum/tests GeneralStateTests (Cancun post states) through `yunlian statetest`, read in place.
# The default run skips the two slow groups the testdata README names; they run under "slow".
# Cases listed in ethtests_known_failures.txt (none today) are skipped; docs/CONFORMANCE.md
# explains any that are.
set(ethtests_dir ${YUNLIAN_TESTDATA_DIR}/ethtests/GeneralStateTests)
add_test(NAME conformance.ethtests
    COMMAND yunlian statetest ${ethtests_dir}
        --exclude "VMTests/vmPerformance/" --exclude "stCreateTest/CreateOOGafterMaxCodesize"
        --exclude-file ${CMAKE_CURRENT_SOURCE_DIR}/ethtests_known_failures.txt)
set_tests_properties(conformance.ethtests PROPERTIES LABELS "conformance" TIMEOUT 900)
add_test(NAME conformance.ethtests_slow
    COMMAND yunlian statetest ${ethtests_dir}/VMTests/vmPerformance
        ${ethtests_dir}/stCreateTest/CreateOOGafterMaxCodesize.json)
set_tests_properties(conformance.ethtests_slow PROPERTIES LABELS "conformance;slow" TIMEOUT 1800)
