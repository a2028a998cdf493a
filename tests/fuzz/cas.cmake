# Fuzz targets of the cas part (content-addressed storage).
foreach(target cas_cid cas_dag_pb cas_car)
    yunlian_fuzz_target(${target}
        SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/${target}_fuzz.cpp
        DEPS yunlian::cas
        CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${target})
endforeach()
