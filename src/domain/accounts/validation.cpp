#include "domain/accounts/validation.hpp"

#include <cctype>

#include <utf8proc.h>

#include "core/text.hpp"

namespace motcua::domain {
namespace {

tl::unexpected<Error> FieldFail(const std::string& field, std::string message) {
  Error e{ErrorCode::kInvalidArgument, message, "invalid " + field, {}};
  e.fields.push_back({field, std::move(message)});
  return tl::unexpected<Error>(std::move(e));
}

std::string DigitsOnly(std::string_view text, bool* other) {
  std::string out;
  *other = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-') {
      *other = true;
    }
  }
  return out;
}

}  // namespace

Result<std::string> ValidateIdNumber(std::string_view text, const std::string& field) {
  std::string_view t = Trim(text);
  bool ok = t.size() == 12;
  for (char c : t) ok = ok && c >= '0' && c <= '9';
  if (ok) {
    int province = (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
    ok = province >= 1 && province <= 96;
  }
  if (!ok) return FieldFail(field, "Số định danh cá nhân phải gồm đúng 12 chữ số (ví dụ 079203001234).");
  return std::string(t);
}

Result<std::string> ValidatePhone(std::string_view text, const std::string& field) {
  std::string_view t = Trim(text);
  bool plus = !t.empty() && t.front() == '+';
  if (plus) t.remove_prefix(1);
  bool other = false;
  std::string digits = DigitsOnly(t, &other);
  if (!other) {
    if ((plus || digits.size() == 11) && digits.rfind("84", 0) == 0) digits = "0" + digits.substr(2);
    bool ok = digits.size() == 10 && digits[0] == '0' &&
              (digits[1] == '3' || digits[1] == '5' || digits[1] == '7' || digits[1] == '8' || digits[1] == '9');
    if (ok) return digits;
  }
  return FieldFail(field, "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
}

Result<std::string> ValidateEmail(std::string_view text, const std::string& field) {
  std::string t(Trim(text));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = t.find('@');
  bool ok = t.size() <= 254 && at != std::string::npos && at > 0 && at == t.rfind('@');
  if (ok) {
    std::string domain = t.substr(at + 1);
    auto dot = domain.find('.');
    ok = dot != std::string::npos && dot > 0 && domain.back() != '.' && domain.find("..") == std::string::npos;
    for (char c : t) ok = ok && c > ' ' && c < 127 && c != '<' && c != '>' && c != ',' && c != ';';
  }
  if (!ok) return FieldFail(field, "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).");
  return t;
}

Result<std::string> ValidateFullName(std::string_view text, const std::string& field) {
  auto nfc = ToNfc(text);
  if (!nfc) return FieldFail(field, "Họ và tên chứa ký tự không hợp lệ.");
  // Collapse whitespace.
  std::string collapsed;
  bool space = false;
  for (char c : std::string(Trim(*nfc))) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
  }
  std::size_t letters = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(collapsed.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(collapsed.size());
  bool ok = true;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return FieldFail(field, "Họ và tên chứa ký tự không hợp lệ.");
    p += n;
    left -= n;
    auto category = utf8proc_category(cp);
    bool letter = category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
                  category == UTF8PROC_CATEGORY_LT || category == UTF8PROC_CATEGORY_MN;
    if (letter) {
      ++letters;
    } else if (cp != ' ' && cp != '\'' && cp != '-') {
      ok = false;
    }
  }
  if (!ok) return FieldFail(field, "Họ và tên chỉ gồm chữ cái (có dấu tiếng Việt) và khoảng trắng.");
  if (letters < 2 || collapsed.size() > 300) return FieldFail(field, "Họ và tên phải có từ 2 đến 100 ký tự.");
  return collapsed;
}

Result<std::string> ValidateTaxCode(std::string_view text, const std::string& field) {
  std::string_view t = Trim(text);
  auto digits = [](std::string_view s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  bool ok = (t.size() == 10 && digits(t)) ||
            (t.size() == 14 && t[10] == '-' && digits(t.substr(0, 10)) && digits(t.substr(11)));
  if (!ok) return FieldFail(field, "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.");
  return std::string(t);
}

Status ValidateNewPassword(std::string_view password, const std::string& field) {
  bool letter = false, digit = false;
  for (char c : password) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    if (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) letter = true;
  }
  if (password.size() < 8 || password.size() > 128 || !letter || !digit) {
    return FieldFail(field, "Mật khẩu phải có ít nhất 8 ký tự, gồm cả chữ và số.");
  }
  return {};
}

}  // namespace motcua::domain
