#pragma once
// QR codes (mã QR) as inline SVG for printed forms and pages.
//
// The symbol is encoded by libqrencode with error correction level M (about
// 15% of the symbol may be damaged and still be read) and drawn with the
// 4-module quiet zone ISO/IEC 18004 requires, one SVG unit per module, so the
// viewBox is (modules + 8) units wide. Pure and thread-safe (libqrencode is
// built with pthread support).

#include <string>

#include "core/error.hpp"

namespace motcua::web {

// Width of the blank margin around the symbol, in modules.
inline constexpr int kQrQuietZone = 4;

// Returns `text` (UTF-8, encoded byte for byte) as a standalone <svg> element:
// role="img", a <title> for screen readers (`title`, or `text` when empty), a
// white background and every dark module in one <path> with
// shape-rendering="crispEdges". Default size 4 px per module through the
// width/height attributes; CSS may override them. The same text always gives
// the same markup. Errors: kInvalidArgument when `text` is empty, contains a
// NUL byte, or is too long for a QR symbol (about 2,300 bytes at level M);
// kInternal when libqrencode fails otherwise (out of memory).
Result<std::string> QrSvg(const std::string& text, const std::string& title = {});

}  // namespace motcua::web
