# Fuzz targets of the evm part: arbitrary bytecode through the interpreter, arbitrary input
# through the precompiles.
yunlian_fuzz_target(evm_interpreter
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/evm_interpreter_fuzz.cpp
    DEPS yunlian::evm
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/evm_interpreter)
yunlian_fuzz_target(evm_precompile
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/evm_precompile_fuzz.cpp
    DEPS yunlian::evm
    CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/evm_precompile)
