#pragma once
// Uploaded file types, recognised by their content (magic bytes), never by
// the name the browser sends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

// Largest accepted file, shown at the file picker (Thông tư 32/2017 Điều 10).
inline constexpr std::int64_t kMaxUploadBytes = 10 * 1024 * 1024;

// "application/pdf", "image/jpeg" or "image/png"; nullopt for anything else.
std::optional<std::string> DetectFileType(std::string_view bytes);

}  // namespace motcua::domain
