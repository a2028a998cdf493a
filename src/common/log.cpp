#include "common/log.hpp"

#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace yunlian {

void setup_logging(std::string_view level, LogFormat format) {
    auto logger = spdlog::stderr_color_mt("yunlian");
    spdlog::set_default_logger(logger);
    auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::info;
    spdlog::set_level(parsed);
    if (format == LogFormat::kJson) {
        spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","msg":"%v"})",
                            spdlog::pattern_time_type::utc);
    } else {
        spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    }
}

}  // namespace yunlian
