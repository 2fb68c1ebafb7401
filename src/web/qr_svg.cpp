#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>

#include <fmt/format.h>

namespace motcua::web {
namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

std::string XmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> QrSvg(const std::string& text, const std::string& title) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "Không có nội dung để tạo mã QR.", "empty QR text");
  if (text.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "Nội dung mã QR không hợp lệ.", "NUL byte in QR text");
  }
  // Version 0: the smallest symbol that fits. The 8-bit hint with case
  // sensitivity keeps URLs byte for byte; libqrencode still packs digit runs.
  errno = 0;
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    if (errno == ERANGE) {
      return Fail(ErrorCode::kInvalidArgument, "Nội dung quá dài để tạo mã QR.",
                  fmt::format("QR text of {} bytes does not fit", text.size()));
    }
    return Fail(ErrorCode::kInternal, "Không tạo được mã QR.", fmt::format("QRcode_encodeString errno {}", errno));
  }

  const int width = code->width;
  const int size = width + 2 * kQrQuietZone;
  std::string path;
  path.reserve(static_cast<std::size_t>(width) * width);
  // One rectangle per horizontal run of dark modules (bit 0 of each byte).
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width;) {
      if (!(row[x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1)) ++run;
      path += fmt::format("M{} {}h{}v1h-{}z", x + kQrQuietZone, y + kQrQuietZone, run, run);
      x += run;
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}\" height=\"{1}\" "
      "role=\"img\"><title>{2}</title><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/>"
      "<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"{3}\"/></svg>",
      size, size * 4, XmlEscape(title.empty() ? text : title), path);
}

}  // namespace motcua::web
