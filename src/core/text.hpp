#pragma once
// Unicode text helpers for Vietnamese input.
//
// Vietnamese arrives in NFC or NFD depending on the keyboard and OS, so every
// stored string is normalized to NFC, and search compares a folded form:
// case-folded, diacritics removed, "đ" mapped to "d", punctuation to spaces.
// All functions are pure and thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// True if `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Returns `text` in Unicode NFC; nullopt if it is not valid UTF-8.
std::optional<std::string> ToNfc(std::string_view text);

// Returns the search key of `text`: lower case ASCII letters and digits
// separated by single spaces ("Đăng ký khai sinh" -> "dang ky khai sinh").
// Invalid UTF-8 bytes are dropped.
std::string FoldForSearch(std::string_view text);

// Splits a folded string on spaces.
std::vector<std::string> SplitWords(std::string_view folded);

// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view text);

}  // namespace motcua
