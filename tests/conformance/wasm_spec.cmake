# The WebAssembly core spec tests (wast2json output, read in place). Text-format modules are skipped
# (the runtime is binary-only); docs/WASM.md lists what is skipped and why.
add_test(NAME conformance.wasm_spec
    COMMAND yunlian wasm spectest ${YUNLIAN_TESTDATA_DIR}/wasm-spec)
set_tests_properties(conformance.wasm_spec PROPERTIES LABELS "conformance" TIMEOUT 600)
