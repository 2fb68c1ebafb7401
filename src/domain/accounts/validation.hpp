#pragma once
// Input rules for account data, with Vietnamese messages. Pure.
// Each function returns the normalized value or kInvalidArgument with a
// FieldError naming `field`.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace motcua::domain {

// Số định danh cá nhân (căn cước công dân): exactly 12 digits; the first
// three are the province code of birth registration (001–096).
Result<std::string> ValidateIdNumber(std::string_view text, const std::string& field = "id_number");

// Vietnamese mobile number: 10 digits starting 03/05/07/08/09, or the same
// with +84 / 84 instead of 0; spaces, dots and dashes are ignored.
// Returns the 0xxxxxxxxx form.
Result<std::string> ValidatePhone(std::string_view text, const std::string& field = "phone");

// A plausible e-mail address, returned in lower case.
Result<std::string> ValidateEmail(std::string_view text, const std::string& field = "email");

// A person's full name: NFC, 2–100 characters of letters (with Vietnamese
// diacritics), spaces, apostrophes and hyphens; spaces collapsed.
Result<std::string> ValidateFullName(std::string_view text, const std::string& field = "full_name");

// Mã số thuế: 10 digits, or 10 digits + "-" + 3 digits for a branch.
Result<std::string> ValidateTaxCode(std::string_view text, const std::string& field = "tax_code");

// At least 8 characters with a letter and a digit, at most 128 bytes.
Status ValidateNewPassword(std::string_view password, const std::string& field = "password");

}  // namespace motcua::domain
