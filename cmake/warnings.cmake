add_library(yunlian_options INTERFACE)
target_compile_options(yunlian_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Woverloaded-virtual -Wimplicit-fallthrough)
if(YUNLIAN_WERROR)
    target_compile_options(yunlian_options INTERFACE -Werror)
endif()
if(YUNLIAN_SANITIZE)
    target_compile_options(yunlian_options INTERFACE -fsanitize=address,undefined
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(yunlian_options INTERFACE -fsanitize=address,undefined)
endif()
if(YUNLIAN_FUZZ)
    target_compile_options(yunlian_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(yunlian_options INTERFACE -fsanitize=address,undefined)
endif()
