#include "core/text.hpp"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace motcua {
namespace {

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

std::optional<std::string> Map(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> guard(out);
  if (n < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

std::optional<std::string> ToNfc(std::string_view text) {
  return Map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  bool pending_space = false;
  auto emit = [&](char c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  };
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: skip it
      ++p;
      --left;
      continue;
    }
    p += n;
    left -= n;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        emit(c);
      } else {
        pending_space = true;
      }
      continue;
    }
    // đ/Đ have no decomposition in Unicode; Vietnamese users type "d" for both.
    if (cp == 0x0111 || cp == 0x0110) {
      emit('d');
      continue;
    }
    // Decompose one code point and keep its base letter(s); marks are dropped.
    utf8proc_int32_t buf[8];
    int last_boundclass = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, buf, 8,
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                       UTF8PROC_CASEFOLD | UTF8PROC_COMPAT),
        &last_boundclass);
    bool any = false;
    for (utf8proc_ssize_t i = 0; i < m && i < 8; ++i) {
      utf8proc_int32_t b = buf[i];
      if (b >= 'a' && b <= 'z') {
        emit(static_cast<char>(b));
        any = true;
      } else if (b >= 'A' && b <= 'Z') {
        emit(static_cast<char>(b - 'A' + 'a'));
        any = true;
      } else if (b >= '0' && b <= '9') {
        emit(static_cast<char>(b));
        any = true;
      } else if (b == 0x0111) {
        emit('d');
        any = true;
      }
    }
    // Combining marks alone (NFD input) decompose to nothing and must not split
    // the word; other symbols act as separators.
    const utf8proc_property_t* prop = utf8proc_get_property(cp);
    bool is_mark = prop->category == UTF8PROC_CATEGORY_MN ||
                   prop->category == UTF8PROC_CATEGORY_MC ||
                   prop->category == UTF8PROC_CATEGORY_ME;
    if (!any && !is_mark) pending_space = true;
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view folded) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    std::size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) words.emplace_back(folded.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string_view Trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace motcua
