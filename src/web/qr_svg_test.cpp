#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace motcua::web {
namespace {

const std::string kUrl = "https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H29-261125-0001";

// The dark modules as libqrencode encodes `text` (level M, 8-bit hint, case-sensitive).
std::vector<std::vector<bool>> Reference(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                  QRcode_free);
  std::vector<std::vector<bool>> grid;
  if (!code) return grid;
  grid.assign(code->width, std::vector<bool>(code->width));
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) grid[y][x] = code->data[y * code->width + x] & 1;
  }
  return grid;
}

// Paints the path's "M x y h n v1 h-n z" runs back into a grid of `size` modules.
std::vector<std::vector<bool>> Paint(const std::string& d, int size) {
  std::vector<std::vector<bool>> grid(size, std::vector<bool>(size));
  std::regex run(R"re(M(\d+) (\d+)h(\d+)v1h-(\d+)z)re");
  std::size_t covered = 0;
  for (auto it = std::sregex_iterator(d.begin(), d.end(), run); it != std::sregex_iterator(); ++it) {
    int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4]));
    for (int i = 0; i < n; ++i) grid.at(y).at(x + i) = true;
    covered += it->length();
  }
  EXPECT_EQ(covered, d.size()) << "the path holds only module runs";
  return grid;
}

TEST(QrSvg, IsAnSvgElementWithOneCrispPathAndATitle) {
  auto svg = QrSvg(kUrl, "Mã QR tra cứu hồ sơ");
  ASSERT_TRUE(svg) << svg.error().internal_message;
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
  EXPECT_NE(svg->find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg->find("<title>Mã QR tra cứu hồ sơ</title>"), std::string::npos);
  EXPECT_NE(svg->find("shape-rendering=\"crispEdges\""), std::string::npos);
  std::size_t first = svg->find("<path");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(svg->find("<path", first + 1), std::string::npos);
}

TEST(QrSvg, DrawsExactlyTheModulesOfLibqrencodeInsideAFourModuleQuietZone) {
  auto svg = QrSvg(kUrl);
  ASSERT_TRUE(svg);
  auto reference = Reference(kUrl);
  ASSERT_FALSE(reference.empty());
  const int width = static_cast<int>(reference.size());
  const int size = width + 2 * kQrQuietZone;

  std::smatch m;
  ASSERT_TRUE(std::regex_search(*svg, m, std::regex(R"re(viewBox="0 0 (\d+) (\d+)")re")));
  EXPECT_EQ(std::stoi(m[1]), size);
  EXPECT_EQ(std::stoi(m[2]), size);
  ASSERT_TRUE(std::regex_search(*svg, m, std::regex(R"re(<path[^>]* d="([^"]*)")re")));
  auto painted = Paint(m[1], size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      bool in_symbol = x >= kQrQuietZone && y >= kQrQuietZone && x < width + kQrQuietZone && y < width + kQrQuietZone;
      bool expected = in_symbol && reference[y - kQrQuietZone][x - kQrQuietZone];
      ASSERT_EQ(painted[y][x], expected) << "module " << x << "," << y;
    }
  }
}

TEST(QrSvg, IsTheSameForTheSameTextAndDiffersForAnother) {
  auto a = QrSvg(kUrl);
  auto b = QrSvg(kUrl);
  auto c = QrSvg(kUrl + "2");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST(QrSvg, EscapesTheTitleAndDefaultsItToTheText) {
  auto svg = QrSvg("/tra-cuu?ma=A&b=<x>");
  ASSERT_TRUE(svg);
  EXPECT_NE(svg->find("<title>/tra-cuu?ma=A&amp;b=&lt;x&gt;</title>"), std::string::npos);
  EXPECT_EQ(svg->find("<x>"), std::string::npos);
}

TEST(QrSvg, RejectsEmptyAndOversizedText) {
  auto empty = QrSvg("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  auto huge = QrSvg(std::string(5000, 'x'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace motcua::web
