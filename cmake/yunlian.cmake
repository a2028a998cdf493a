# yunlian_library(<part> [DEPS <targets>...])
#   Makes the library yunlian_<part> (alias yunlian::<part>) from src/<part>/*.cpp. Headers are
#   included as "<part>/<file>.hpp" from the src/ root. DEPS are linked publicly.
function(yunlian_library part)
    cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${part}/*.cpp)
    add_library(yunlian_${part} STATIC ${sources})
    add_library(yunlian::${part} ALIAS yunlian_${part})
    target_include_directories(yunlian_${part} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(yunlian_${part} PUBLIC ${ARG_DEPS} PRIVATE yunlian_options ${ARG_PRIVATE_DEPS})
endfunction()

# yunlian_unit_test(<part> [DEPS <targets>...] [LABELS <labels>...])
#   Makes unit_<part> from tests/unit/<part>/*.cpp, linked with GoogleTest, and registers it with
#   ctest under the label "unit".
function(yunlian_unit_test part)
    cmake_parse_arguments(ARG "" "" "DEPS;LABELS" ${ARGN})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/${part}/*.cpp)
    add_executable(unit_${part} ${sources})
    target_link_libraries(unit_${part} PRIVATE yunlian::${part} ${ARG_DEPS} GTest::gtest_main
        GTest::gmock yunlian_options)
    target_compile_definitions(unit_${part} PRIVATE
        YUNLIAN_TESTDATA_DIR="${YUNLIAN_TESTDATA_DIR}"
        YUNLIAN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    add_test(NAME unit.${part} COMMAND unit_${part} --gtest_brief=1)
    set_tests_properties(unit.${part} PROPERTIES LABELS "unit;${ARG_LABELS}")
endfunction()

# yunlian_fuzz_target(<name> SOURCES <files>... DEPS <targets>... [CORPUS <dir>])
#   With YUNLIAN_FUZZ (clang) a libFuzzer binary, run for a bounded time under the "fuzz" label.
#   Without it, the same entry point is linked to a small driver that replays the corpus, so every
#   regression input runs in the default test run.
function(yunlian_fuzz_target name)
    cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;DEPS" ${ARGN})
    add_executable(fuzz_${name} ${ARG_SOURCES})
    target_link_libraries(fuzz_${name} PRIVATE ${ARG_DEPS} yunlian_options)
    if(YUNLIAN_FUZZ)
        target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
        set(run_dir ${CMAKE_BINARY_DIR}/fuzz_corpus/${name})
        file(MAKE_DIRECTORY ${run_dir})
        add_test(NAME fuzz.${name}
            COMMAND fuzz_${name} -max_total_time=60 -rss_limit_mb=2048 ${run_dir} ${ARG_CORPUS})
        set_tests_properties(fuzz.${name} PROPERTIES LABELS "fuzz")
    else()
        target_sources(fuzz_${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
        add_test(NAME fuzz_replay.${name} COMMAND fuzz_${name} ${ARG_CORPUS})
        set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS "unit;fuzz_replay")
    endif()
endfunction()
