# WebAssembly runtime fuzz targets: decode+validate+translate, and instantiate+run with small fuel.
yunlian_fuzz_target(wasm_decode SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/wasm_decode_fuzz.cpp
    DEPS yunlian::wasm CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/wasm_decode)
yunlian_fuzz_target(wasm_run SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/wasm_run_fuzz.cpp
    DEPS yunlian::wasm CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/wasm_run)
