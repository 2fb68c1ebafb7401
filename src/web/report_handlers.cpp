#include "web/report_handlers.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/report_views.hpp"
#include "web/table_response.hpp"

namespace motcua::web {

using nlohmann::json;

Result<ReportScope> ReportScopeFrom(const WebContext& ctx, const std::string& agency, const std::string& period,
                                    const std::string& from, const std::string& to) {
  auto p = app::ReportPeriodFrom(period, from, to, ctx.reports->Today());
  if (!p) return Fail(p.error());
  return ReportScope{agency, *p};
}

namespace {

Error Unavailable() {
  return Error{ErrorCode::kUnavailable, "Chức năng báo cáo chưa được cấu hình.", "no report service", {}};
}

std::string FileStem(const std::string& kind, const ReportScope& s) {
  std::string stem = kind + "-" + (s.agency.empty() ? std::string("toan-tinh") : s.agency) + "-" + s.period.key;
  for (char& c : stem) {
    if (c == '.') c = '-';
  }
  return stem;
}


Response Summary(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto scope = ReportScopeFrom(ctx, req.Query("agency"), req.Query("period"), req.Query("from"), req.Query("to"));
  if (!scope) return ProblemResponse(scope.error(), req.request_id);
  auto grouping = app::ParseReportGrouping(req.Query("group_by"));
  if (!grouping) {
    return ProblemResponse(BadRequest("group_by phải là agency, procedure, month hoặc day.", "group_by"),
                           req.request_id);
  }
  auto report = ctx.reports->Summary(scope->agency, scope->period, *grouping);
  if (!report) return ProblemResponse(report.error(), req.request_id);
  return TableResponse(req, SummaryTable(*report), FileStem("bao-cao", *scope),
                       [&] { return SummaryReportJson(*report).dump(); });
}

Response Indicators(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto scope = ReportScopeFrom(ctx, req.Query("agency"), req.Query("period"), req.Query("from"), req.Query("to"));
  if (!scope) return ProblemResponse(scope.error(), req.request_id);
  auto report = ctx.reports->Indicators(scope->agency, scope->period);
  if (!report) return ProblemResponse(report.error(), req.request_id);
  return TableResponse(req, IndicatorsTable(*report), FileStem("chi-so", *scope),
                       [&] { return IndicatorsJson(*report).dump(); });
}

Response Officers(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto scope = ReportScopeFrom(ctx, req.Query("agency"), req.Query("period"), req.Query("from"), req.Query("to"));
  if (!scope) return ProblemResponse(scope.error(), req.request_id);
  auto report = ctx.reports->Officers(&*who, scope->agency, scope->period);
  if (!report) return ProblemResponse(report.error(), req.request_id);
  return TableResponse(req, OfficersTable(*report), FileStem("can-bo", *scope),
                       [&] { return OfficersJson(*report).dump(); });
}

Response Dossiers(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto scope = ReportScopeFrom(ctx, req.Query("agency"), req.Query("period"), req.Query("from"), req.Query("to"));
  if (!scope) return ProblemResponse(scope.error(), req.request_id);
  std::int64_t after = 0;
  if (std::string a = req.Query("after"); !a.empty()) {
    auto [p, ec] = std::from_chars(a.data(), a.data() + a.size(), after);
    if (ec != std::errc{} || p != a.data() + a.size() || after < 0) {
      return ProblemResponse(InvalidParameter("after", "Tham số after không hợp lệ."), req.request_id);
    }
  }
  auto rows = ctx.reports->Drill(&*who, scope->agency, req.Query("figure"), req.Query("procedure"), scope->period,
                                 after);
  if (!rows) return ProblemResponse(rows.error(), req.request_id);
  return Response::Json(DrillJson(*rows).dump());
}

json WeightsJson(const domain::IndicatorWeights& w) {
  static const char* kKeys[] = {"publicity", "progress", "online", "payment", "satisfaction", "digitization"};
  json groups = json::object();
  for (int i = 0; i < 6; ++i) groups[kKeys[i]] = w.weights[i];
  return {{"effective_from", FormatIsoDate(w.effective_from)}, {"weights", groups}};
}

Response GetWeights(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto all = ctx.reports->Weights();
  if (!all) return ProblemResponse(all.error(), req.request_id);
  json items = json::array();
  items.push_back(WeightsJson(domain::DefaultIndicatorWeights()));
  for (const auto& w : *all) items.push_back(WeightsJson(w));
  json body = {{"in_force", WeightsJson(domain::WeightsOn(*all, ctx.reports->Today()))}, {"versions", items}};
  return Response::Json(body.dump());
}

Response PutWeights(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("weights") || !body["weights"].is_object()) {
    return ProblemResponse(BadRequest("Cần đối tượng JSON có trường weights.", "weights"), req.request_id);
  }
  domain::IndicatorWeights w;
  auto from = ParseIsoDate(body.value("effective_from", std::string()));
  if (!from) return ProblemResponse(BadRequest("Ngày áp dụng không hợp lệ (YYYY-MM-DD).", "effective_from"), req.request_id);
  w.effective_from = *from;
  static const char* kKeys[] = {"publicity", "progress", "online", "payment", "satisfaction", "digitization"};
  for (int i = 0; i < 6; ++i) {
    const auto& v = body["weights"][kKeys[i]];
    if (!v.is_number()) {
      return ProblemResponse(BadRequest(std::string("Thiếu trọng số của nhóm ") + kKeys[i] + ".", kKeys[i]),
                             req.request_id);
    }
    w.weights[i] = v.get<double>();
  }
  auto saved = ctx.reports->SetWeights(&*who, w, body.value("note", std::string()), req.request_id);
  if (!saved) return ProblemResponse(saved.error(), req.request_id);
  return Response::Json(WeightsJson(w).dump(), 201);
}

Response GetScoringRules(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto all = ctx.reports->ScoringRulesVersions();
  if (!all) return ProblemResponse(all.error(), req.request_id);
  json items = json::array();
  items.push_back(ScoringRulesJson(domain::DefaultScoringRules()));
  for (const auto& r : *all) items.push_back(ScoringRulesJson(r));
  json body = {{"in_force", ScoringRulesJson(domain::RulesOn(*all, ctx.reports->Today()))}, {"versions", items}};
  return Response::Json(body.dump());
}

// A score threshold in points (one decimal) as tenths; nullopt unless a number with at most one decimal.
std::optional<int> TenthsOf(const json& v) {
  if (!v.is_number()) return std::nullopt;
  double tenths = v.get<double>() * 10.0;
  double rounded = std::round(tenths);
  if (!std::isfinite(tenths) || std::fabs(tenths - rounded) > 1e-6 || std::fabs(rounded) > 1e6) return std::nullopt;
  return static_cast<int>(rounded);
}

Response PutScoringRules(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return ProblemResponse(BadRequest("Cần đối tượng JSON.", "body"), req.request_id);
  domain::ScoringRules r;
  auto from = ParseIsoDate(body.value("effective_from", std::string()));
  if (!from) return ProblemResponse(BadRequest("Ngày áp dụng không hợp lệ (YYYY-MM-DD).", "effective_from"), req.request_id);
  r.effective_from = *from;
  const json& indices = body.contains("officer_indices") ? body["officer_indices"] : json();
  if (!indices.is_array()) {
    return ProblemResponse(BadRequest("officer_indices phải là danh sách số chỉ số.", "officer_indices"), req.request_id);
  }
  r.officer_indices.clear();
  for (const auto& i : indices) {
    if (!i.is_number_integer()) {
      return ProblemResponse(BadRequest("officer_indices phải là danh sách số chỉ số.", "officer_indices"),
                             req.request_id);
    }
    r.officer_indices.push_back(i.get<int>());
  }
  auto full = TenthsOf(body.value("officer_full", json()));
  auto partial = TenthsOf(body.value("officer_partial", json()));
  if (!full || !partial) {
    return ProblemResponse(BadRequest("Ngưỡng điểm cán bộ phải là số có tối đa một chữ số thập phân.", "officer_full"),
                           req.request_id);
  }
  r.officer_full_tenths = *full;
  r.officer_partial_tenths = *partial;
  const json& bands = body.contains("agency_bands") ? body["agency_bands"] : json();
  static const char* kBands[] = {"excellent", "good", "fairly_good", "average"};
  for (int i = 0; i < 4; ++i) {
    auto t = bands.is_object() && bands.contains(kBands[i]) ? TenthsOf(bands[kBands[i]]) : std::nullopt;
    if (!t) {
      return ProblemResponse(BadRequest(std::string("Thiếu ngưỡng xếp loại cơ quan ") + kBands[i] + ".", kBands[i]),
                             req.request_id);
    }
    r.agency_band_tenths[i] = *t;
  }
  auto saved = ctx.reports->SetScoringRules(&*who, r, body.value("note", std::string()), req.request_id);
  if (!saved) return ProblemResponse(saved.error(), req.request_id);
  return Response::Json(ScoringRulesJson(r).dump(), 201);
}

}  // namespace

void AddReportRoutes(Router& router, WebContext& ctx) {
  auto bind = [&ctx](Response (*fn)(WebContext&, Request&)) { return [&ctx, fn](Request& req) { return fn(ctx, req); }; };
  router.Add("GET", "/api/v1/reports/summary", bind(&Summary));
  router.Add("GET", "/api/v1/reports/indicators", bind(&Indicators));
  router.Add("GET", "/api/v1/reports/officers", bind(&Officers));
  router.Add("GET", "/api/v1/reports/dossiers", bind(&Dossiers));
  router.Add("GET", "/api/v1/reports/weights", bind(&GetWeights));
  router.Add("PUT", "/api/v1/reports/weights", bind(&PutWeights));
  router.Add("GET", "/api/v1/reports/scoring-rules", bind(&GetScoringRules));
  router.Add("PUT", "/api/v1/reports/scoring-rules", bind(&PutScoringRules));
}

}  // namespace motcua::web
