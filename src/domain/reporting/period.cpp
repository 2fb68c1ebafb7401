#include "domain/reporting/period.hpp"

#include <charconv>

namespace motcua::domain {

using namespace std::chrono;

namespace {

std::optional<int> Number(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

ReportPeriod Month(int y, unsigned m) {
  ReportPeriod p;
  p.from = year(y) / month(m) / day(1);
  p.to = Date{year(y) / month(m) / last};
  char key[16];
  std::snprintf(key, sizeof key, "%04d-%02u", y, m);
  p.key = key;
  p.label = "Tháng " + std::to_string(m) + "/" + std::to_string(y);
  return p;
}

}  // namespace

std::optional<ReportPeriod> ParseReportPeriod(std::string_view key) {
  if (key.size() == 4) {
    auto y = Number(key);
    if (!y || *y < 2000 || *y > 2100) return std::nullopt;
    ReportPeriod p{year(*y) / 1 / 1, year(*y) / 12 / 31, std::string(key), "Năm " + std::string(key)};
    return p;
  }
  if (key.size() == 7 && key[4] == '-') {
    auto y = Number(key.substr(0, 4));
    if (!y || *y < 2000 || *y > 2100) return std::nullopt;
    if (key[5] == 'Q') {
      auto q = Number(key.substr(6));
      if (!q || *q < 1 || *q > 4) return std::nullopt;
      static const char* kRoman[] = {"I", "II", "III", "IV"};
      unsigned first = static_cast<unsigned>(*q - 1) * 3 + 1;
      ReportPeriod p;
      p.from = year(*y) / month(first) / day(1);
      p.to = Date{year(*y) / month(first + 2) / last};
      p.key = std::string(key);
      p.label = std::string("Quý ") + kRoman[*q - 1] + "/" + std::to_string(*y);
      return p;
    }
    auto m = Number(key.substr(5));
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    return Month(*y, static_cast<unsigned>(*m));
  }
  return std::nullopt;
}

std::optional<ReportPeriod> RangePeriod(Date from, Date to) {
  if (!from.ok() || !to.ok() || to < from) return std::nullopt;
  if (sys_days(to) - sys_days(from) > days(366 * 5)) return std::nullopt;
  ReportPeriod p{from, to, FormatIsoDate(from) + ".." + FormatIsoDate(to),
                 FormatVnDate(from) + " – " + FormatVnDate(to)};
  return p;
}

std::vector<ReportPeriod> TwelveMonthsTo(Date d) {
  std::vector<ReportPeriod> out;
  year_month ym = d.year() / d.month();
  for (int i = 11; i >= 0; --i) {
    year_month m = ym - months(i);
    out.push_back(Month(static_cast<int>(m.year()), static_cast<unsigned>(m.month())));
  }
  return out;
}

ReportPeriod YearToDate(Date d) {
  ReportPeriod p{d.year() / 1 / 1, d, std::to_string(static_cast<int>(d.year())),
                 "Từ đầu năm " + std::to_string(static_cast<int>(d.year())) + " đến " + FormatVnDate(d)};
  return p;
}

}  // namespace motcua::domain
