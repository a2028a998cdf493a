#pragma once
// Logging setup. Parts log through spdlog's default logger; this configures it once at start-up.

#include <string_view>

namespace yunlian {

enum class LogFormat { kText, kJson };

/// Sets the default logger's level ("trace".."off") and format. Unknown levels fall back to info.
void setup_logging(std::string_view level, LogFormat format = LogFormat::kText);

}  // namespace yunlian
