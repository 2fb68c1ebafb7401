#include "web/report_views.hpp"

#include <fmt/format.h>

namespace motcua::web {

using nlohmann::json;

std::string FormatCount(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  int k = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (k > 0 && k % 3 == 0) out.insert(out.begin(), '.');
    out.insert(out.begin(), *it);
    ++k;
  }
  return n < 0 ? "-" + out : out;
}

const char* IndexLabel(int i) {
  static const char* kLabels[] = {"",
                                  "Tổng thời gian giải quyết so với quy định",
                                  "Thời gian thực hiện của từng cơ quan, đơn vị",
                                  "Số lần liên hệ để hoàn thiện hồ sơ",
                                  "Số cơ quan, đơn vị phải liên hệ",
                                  "Thực hiện đủ quy trình tại Bộ phận Một cửa",
                                  "Công khai thủ tục hành chính",
                                  "Thái độ của cán bộ, công chức",
                                  "Tiếp nhận, xử lý phản ánh, kiến nghị",
                                  "Cung cấp dịch vụ công trực tuyến"};
  return i >= 1 && i <= 9 ? kLabels[i] : "";
}

json RateJson(const domain::Rate& r) {
  json j = {{"part", r.part}, {"whole", r.whole}, {"text", r.Percent()}};
  if (auto v = r.Value()) j["rate"] = *v;
  else j["rate"] = nullptr;
  return j;
}

json SummaryJson(const domain::ReportSummary& s) {
  return {{"received", {{"total", s.received}, {"online", s.received_online}, {"desk", s.received_desk},
                        {"postal", s.received_postal}}},
          {"resolved", {{"total", s.resolved}, {"early", s.resolved_early}, {"on_time", s.resolved_on_time},
                        {"late", s.resolved_late}, {"rejected", s.rejected}}},
          {"returned", {{"total", s.returned}, {"online", s.returned_online}}},
          {"in_progress", {{"within_deadline", s.in_progress_within}, {"past_deadline", s.in_progress_overdue}}},
          {"paused", s.paused},
          {"withdrawn", s.withdrawn},
          {"refused", s.refused},
          {"apologies", s.apologized},
          {"counted_late", s.counted_late},
          {"ratings", {{"total", s.rated}, {"not_dissatisfied", s.rated_not_dissatisfied}}},
          {"digitization", {{"received_digitized", s.received_digitized}, {"result_digitized", s.result_digitized},
                            {"components_reused", s.components_reused}}},
          {"payments", {{"paid_online", s.paid_online}}},
          {"procedures", {{"total", s.catalog.procedures}, {"online", s.catalog.online_procedures},
                          {"fully_online", s.catalog.full_online}, {"with_fees", s.catalog.fee_procedures}}},
          {"feedback", {{"received", s.feedback.received}, {"answered", s.feedback.answered},
                        {"answered_on_time", s.feedback.answered_on_time}, {"overdue", s.feedback.open_overdue},
                        {"rated", s.feedback.rated}, {"rated_dissatisfied", s.feedback.rated_dissatisfied}}},
          {"rates", {{"on_time", RateJson(s.on_time)},
                     {"online", RateJson(s.online)},
                     {"satisfaction", RateJson(s.satisfaction)},
                     {"digitized", RateJson(s.digitized)},
                     {"result_digitized", RateJson(s.result_digitized_rate)},
                     {"online_payment", RateJson(s.online_payment)},
                     {"fully_online_procedures", RateJson(s.full_online_procedures)}}}};
}

namespace {

json PeriodJson(const domain::ReportPeriod& p) {
  return {{"key", p.key}, {"label", p.label}, {"from", FormatIsoDate(p.from)}, {"to", FormatIsoDate(p.to)}};
}

}  // namespace

json SummaryReportJson(const app::SummaryReport& r) {
  json rows = json::array();
  for (const auto& row : r.rows) {
    json j = SummaryJson(row.summary);
    j["key"] = row.key;
    j["label"] = row.label;
    rows.push_back(std::move(j));
  }
  return {{"agency", r.agency},  {"agency_name", r.agency_name}, {"period", PeriodJson(r.period)},
          {"as_of", FormatIsoDate(r.as_of)}, {"total", SummaryJson(r.total)}, {"rows", rows}};
}

json IndicatorsJson(const app::IndicatorsReport& r) {
  json indices = json::array();
  for (int i = 1; i <= domain::kIndexCount; ++i) {
    json j = {{"index", i}, {"label", IndexLabel(i)}, {"points", r.indices.points[i]}, {"count", r.indices.counts[i]}};
    if (r.indices.indices[i]) {
      j["score"] = *r.indices.indices[i] / 10.0;
      j["score_text"] = domain::FormatTenths(*r.indices.indices[i]);
    } else {
      j["score"] = nullptr;
      j["score_text"] = "—";
    }
    indices.push_back(std::move(j));
  }
  json groups = json::array();
  for (const auto& g : r.qd766.groups) {
    json rates = json::array();
    for (const auto& [label, rate] : g.rates) {
      json x = RateJson(rate);
      x["label"] = label;
      rates.push_back(std::move(x));
    }
    groups.push_back({{"key", g.key},
                      {"label", g.label},
                      {"weight", g.weight},
                      {"rate", g.rate ? json(*g.rate) : json(nullptr)},
                      {"points", g.points},
                      {"rates", rates}});
  }
  return {{"agency", r.agency},
          {"agency_name", r.agency_name},
          {"period", PeriodJson(r.period)},
          {"indices", indices},
          {"agency_score", {{"score", r.indices.agency.tenths / 10.0},
                            {"text", domain::FormatTenths(r.indices.agency.tenths)},
                            {"indices_used", r.indices.agency.indices_used},
                            {"band", domain::AgencyBandKey(r.indices.band)},
                            {"band_label", domain::AgencyBandLabel(r.indices.band)}}},
          {"qd766", {{"groups", groups}, {"total", r.qd766.total},
                     {"weights_effective_from", FormatIsoDate(r.weights.effective_from)}}},
          {"scoring_rules", ScoringRulesJson(r.rules)},
          {"summary", SummaryJson(r.summary)}};
}

json ScoringRulesJson(const domain::ScoringRules& r) {
  const auto& b = r.agency_band_tenths;
  return {{"effective_from", FormatIsoDate(r.effective_from)},
          {"officer_indices", r.officer_indices},
          {"officer_full", r.officer_full_tenths / 10.0},
          {"officer_partial", r.officer_partial_tenths / 10.0},
          {"agency_bands",
           {{"excellent", b[0] / 10.0}, {"good", b[1] / 10.0}, {"fairly_good", b[2] / 10.0}, {"average", b[3] / 10.0}}}};
}

std::string OfficerScoreBasis(const domain::ScoringRules& r) {
  std::string list;
  for (int i : r.officer_indices) list += (list.empty() ? "" : ", ") + std::to_string(i);
  return "Chỉ số " + list + " (tối đa " + domain::FormatTenths(20 * static_cast<int>(r.officer_indices.size())) +
         " điểm; đạt tối đa từ " + domain::FormatTenths(r.officer_full_tenths) + ", đạt một phần từ " +
         domain::FormatTenths(r.officer_partial_tenths) + " điểm; quy tắc áp dụng từ " +
         FormatVnDate(r.effective_from) + ")";
}

json OfficersJson(const app::OfficersReport& r) {
  json rows = json::array();
  for (const auto& row : r.rows) {
    json indices = json::object();
    for (int i : r.rules.officer_indices) {
      const auto& v = row.score.indices[i];
      indices[std::to_string(i)] = v ? json(*v / 10.0) : json(nullptr);
    }
    rows.push_back({{"username", row.score.officer},
                    {"full_name", row.full_name},
                    {"agency", row.agency_code},
                    {"dossiers", row.score.dossiers},
                    {"indices", indices},
                    {"score", row.score.score.tenths / 10.0},
                    {"score_text", domain::FormatTenths(row.score.score.tenths)},
                    {"band_label", domain::OfficerBandLabel(row.score.band)}});
  }
  return {{"agency", r.agency},
          {"agency_name", r.agency_name},
          {"period", PeriodJson(r.period)},
          {"scoring_rules", ScoringRulesJson(r.rules)},
          {"officers", rows}};
}

json DrillJson(const std::vector<app::DrillRow>& rows) {
  json items = json::array();
  auto t = [](const std::optional<Timestamp>& x) { return x ? json(FormatTimestamp(*x)) : json(nullptr); };
  for (const auto& d : rows) {
    items.push_back({{"id", d.id},
                     {"code", d.code},
                     {"procedure_code", d.procedure_code},
                     {"procedure_name", d.procedure_name},
                     {"agency", d.agency_code},
                     {"channel", d.channel},
                     {"status", d.status},
                     {"received_at", t(d.received_at)},
                     {"due_at", t(d.due_at)},
                     {"completed_at", t(d.completed_at)},
                     {"outcome", d.outcome}});
  }
  json out = {{"items", items}};
  if (!rows.empty()) out["next_after"] = rows.back().id;
  return out;
}

const std::vector<std::pair<std::string, std::string>>& SummaryColumns() {
  static const std::vector<std::pair<std::string, std::string>> kColumns = {
      {"received", "Tiếp nhận"},
      {"received_online", "Trực tuyến"},
      {"received_desk", "Trực tiếp"},
      {"received_postal", "Bưu chính"},
      {"resolved", "Đã giải quyết"},
      {"resolved_early", "Trước hạn"},
      {"resolved_on_time", "Đúng hạn"},
      {"resolved_late", "Quá hạn"},
      {"on_time_rate", "Tỷ lệ đúng hạn"},
      {"open_within", "Đang giải quyết trong hạn"},
      {"open_overdue", "Đang giải quyết quá hạn"},
      {"paused", "Tạm dừng"},
      {"withdrawn", "Rút hồ sơ"},
      {"refused", "Từ chối tiếp nhận"},
      {"apologized", "Thư xin lỗi"},
      {"online_rate", "Tỷ lệ trực tuyến"},
      {"satisfaction_rate", "Tỷ lệ hài lòng"},
      {"digitized_rate", "Tỷ lệ số hóa hồ sơ"},
      {"result_digitized_rate", "Tỷ lệ kết quả điện tử"},
  };
  return kColumns;
}

std::string SummaryCell(const domain::ReportSummary& s, const std::string& key) {
  if (key == "received") return FormatCount(s.received);
  if (key == "received_online") return FormatCount(s.received_online);
  if (key == "received_desk") return FormatCount(s.received_desk);
  if (key == "received_postal") return FormatCount(s.received_postal);
  if (key == "resolved") return FormatCount(s.resolved);
  if (key == "resolved_early") return FormatCount(s.resolved_early);
  if (key == "resolved_on_time") return FormatCount(s.resolved_on_time);
  if (key == "resolved_late") return FormatCount(s.resolved_late);
  if (key == "on_time_rate") return s.on_time.Percent();
  if (key == "open_within") return FormatCount(s.in_progress_within);
  if (key == "open_overdue") return FormatCount(s.in_progress_overdue);
  if (key == "paused") return FormatCount(s.paused);
  if (key == "withdrawn") return FormatCount(s.withdrawn);
  if (key == "refused") return FormatCount(s.refused);
  if (key == "apologized") return FormatCount(s.apologized);
  if (key == "online_rate") return s.online.Percent();
  if (key == "satisfaction_rate") return s.satisfaction.Percent();
  if (key == "digitized_rate") return s.digitized.Percent();
  if (key == "result_digitized_rate") return s.result_digitized_rate.Percent();
  return "";
}

interchange::Table SummaryTable(const app::SummaryReport& r) {
  interchange::Table t;
  t.title = "Báo cáo tình hình giải quyết hồ sơ - " + r.agency_name + " - " + r.period.label;
  t.headers.push_back("Đơn vị / kỳ");
  for (const auto& [key, header] : SummaryColumns()) t.headers.push_back(header);
  auto row_of = [](const std::string& label, const domain::ReportSummary& s) {
    std::vector<std::string> row{label};
    for (const auto& [key, header] : SummaryColumns()) row.push_back(SummaryCell(s, key));
    return row;
  };
  t.rows.push_back(row_of("Tổng cộng: " + r.agency_name, r.total));
  for (const auto& row : r.rows) t.rows.push_back(row_of(row.label, row.summary));
  return t;
}

interchange::Table IndicatorsTable(const app::IndicatorsReport& r) {
  interchange::Table t;
  t.title = "Chỉ số đánh giá - " + r.agency_name + " - " + r.period.label;
  t.headers = {"Nhóm", "Chỉ số", "Số liệu", "Tỷ lệ / điểm", "Trọng số", "Điểm quy đổi"};
  for (int i = 1; i <= domain::kIndexCount; ++i) {
    const auto& v = r.indices.indices[i];
    t.rows.push_back({"Thông tư 01/2018", std::to_string(i) + ". " + IndexLabel(i),
                      v ? FormatCount(r.indices.points[i]) + "/" + FormatCount(r.indices.counts[i]) : "Chưa có số liệu",
                      v ? domain::FormatTenths(*v) : "—", "2", v ? domain::FormatTenths(*v) : "—"});
  }
  t.rows.push_back({"Thông tư 01/2018", "Tổng điểm của cơ quan", "",
                    domain::AgencyBandLabel(r.indices.band), "18", domain::FormatTenths(r.indices.agency.tenths)});
  for (const auto& g : r.qd766.groups) {
    for (const auto& [label, rate] : g.rates) {
      t.rows.push_back({std::string("QĐ 766: ") + g.label, label,
                        FormatCount(rate.part) + "/" + FormatCount(rate.whole), rate.Percent(), "", ""});
    }
    t.rows.push_back({std::string("QĐ 766: ") + g.label, "Điểm nhóm", "",
                      g.rate ? domain::FormatDecimal(*g.rate * 100.0) + "%" : "—", domain::FormatDecimal(g.weight, 0),
                      domain::FormatDecimal(g.points, 2)});
  }
  t.rows.push_back({"QĐ 766", "Tổng điểm", "", "", "100", domain::FormatDecimal(r.qd766.total, 2)});
  return t;
}

interchange::Table OfficersTable(const app::OfficersReport& r) {
  interchange::Table t;
  t.title = "Điểm đánh giá cán bộ - " + r.agency_name + " - " + r.period.label;
  t.headers = {"Cán bộ", "Tài khoản", "Hồ sơ"};
  for (int i : r.rules.officer_indices) t.headers.push_back("Chỉ số " + std::to_string(i));
  t.headers.push_back("Tổng điểm");
  t.headers.push_back("Xếp loại");
  for (const auto& row : r.rows) {
    std::vector<std::string> cells{row.full_name, row.score.officer, FormatCount(row.score.dossiers)};
    for (int i : r.rules.officer_indices) {
      const auto& v = row.score.indices[i];
      cells.push_back(v ? domain::FormatTenths(*v) : "—");
    }
    cells.push_back(domain::FormatTenths(row.score.score.tenths));
    cells.push_back(domain::OfficerBandLabel(row.score.band));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

}  // namespace motcua::web
