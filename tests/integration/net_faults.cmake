# The network's integration tests (issue 6): 4 validator processes on 127.0.0.1 each (ports chosen
# free at run time), faults injected from outside. Each takes well under a minute; they share one
# RESOURCE_LOCK because a 4-validator network wants both cores of the build machine to itself.
if(TARGET yunlian)
    foreach(name IN ITEMS devnet one_down two_down cutoff)
        add_test(NAME integration.net_${name}
            COMMAND node ${CMAKE_CURRENT_LIST_DIR}/net_${name}.mjs
            WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
        set_tests_properties(integration.net_${name} PROPERTIES LABELS "integration" TIMEOUT 300
            RESOURCE_LOCK yunlian_devnet ENVIRONMENT "YUNLIAN_BIN=$<TARGET_FILE:yunlian>")
    endforeach()
endif()

# The byzantine validator: a test build of the node with node::FaultConfig set in code.
if(TARGET yunlian AND TARGET yunlian_node AND EXISTS ${CMAKE_SOURCE_DIR}/src/node/fault_config.hpp)
    add_executable(yunlian_byzantine ${CMAKE_CURRENT_LIST_DIR}/byzantine/byzantine_node.cpp)
    target_link_libraries(yunlian_byzantine PRIVATE yunlian::node CLI11::CLI11 fmt::fmt
        yunlian_options)
    foreach(fault IN ITEMS double-vote invalid-proposal flood-oversized)
        string(REPLACE "-" "_" name ${fault})
        add_test(NAME integration.net_byzantine_${name}
            COMMAND node ${CMAKE_CURRENT_LIST_DIR}/net_byzantine.mjs ${fault}
            WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
        set_tests_properties(integration.net_byzantine_${name} PROPERTIES LABELS "integration"
            TIMEOUT 300 RESOURCE_LOCK yunlian_devnet
            ENVIRONMENT "YUNLIAN_BIN=$<TARGET_FILE:yunlian>;YUNLIAN_BYZANTINE_BIN=$<TARGET_FILE:yunlian_byzantine>")
    endforeach()
endif()
