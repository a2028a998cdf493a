# e2e.contracts_tools compiles the samples twice with solc-js (compile.mjs, then Hardhat) and runs
# the samples suite once more against `hardhat node`: about 25 s of CPU, more on a busy machine.
set_tests_properties(e2e.contracts_tools PROPERTIES TIMEOUT 900)
