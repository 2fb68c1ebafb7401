#include "core/time.hpp"

#include <fmt/format.h>

namespace motcua {

using namespace std::chrono;

std::string FormatTimestamp(Timestamp t) {
  // By hand, not with fmt: lists format several timestamps per row.
  auto day = floor<days>(t);
  year_month_day ymd{day};
  auto ms = (t - day).count();
  char out[] = "0000-00-00T00:00:00.000Z";
  auto put = [&](int pos, int width, long long value) {
    for (int i = pos + width - 1; i >= pos; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", year, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  }
  put(0, 4, year);
  put(5, 2, static_cast<unsigned>(ymd.month()));
  put(8, 2, static_cast<unsigned>(ymd.day()));
  put(11, 2, ms / 3600000);
  put(14, 2, ms / 60000 % 60);
  put(17, 2, ms / 1000 % 60);
  put(20, 3, ms % 1000);
  return std::string(out, sizeof(out) - 1);
}

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  auto date = ParseIsoDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  int h = num(11, 2), m = num(14, 2), s = num(17, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  std::size_t pos = 19;
  int ms = 0;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    std::string frac(text.substr(start, std::min<std::size_t>(3, pos - start)));
    while (frac.size() < 3) frac += '0';
    ms = std::stoi(frac);
  }
  int offset_minutes = 0;
  if (pos < text.size() && text[pos] == 'Z' && pos + 1 == text.size()) {
    offset_minutes = 0;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') && text[pos + 3] == ':') {
    int oh = num(pos + 1, 2), om = num(pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 14 || om > 59) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  Timestamp t = time_point_cast<milliseconds>(sys_days{*date}) + hours{h} + minutes{m} + seconds{s} +
                milliseconds{ms} - minutes{offset_minutes};
  return t;
}

VietnamClock ToVietnam(Timestamp t) {
  auto local = t + kVietnamOffset;
  auto day = floor<days>(local);
  return {year_month_day{day}, static_cast<int>(duration_cast<minutes>(local - day).count())};
}

Timestamp FromVietnam(Date date, int mins) {
  return time_point_cast<milliseconds>(sys_days{date}) + minutes{mins} - kVietnamOffset;
}

std::string FormatVnDateTime(Timestamp t) {
  auto vn = ToVietnam(t);
  return fmt::format("{} {:02d}:{:02d}", FormatVnDate(vn.date), vn.minutes / 60, vn.minutes % 60);
}

}  // namespace motcua
