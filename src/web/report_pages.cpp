#include "web/report_pages.hpp"

#include <charconv>

#include <fmt/format.h>

#include "web/account_handlers.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/format.hpp"
#include "web/report_handlers.hpp"
#include "web/report_views.hpp"
#include "web/svg_chart.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;

Error NotConfigured() {
  return Error{ErrorCode::kUnavailable, "Chức năng báo cáo chưa được cấu hình.", "no report service", {}};
}

std::string Enc(const std::string& s) { return UrlEncode(s); }

// Period choices around today: this and last month, quarter and year.
data PeriodOptions(Date today, const std::string& selected) {
  using namespace std::chrono;
  int y = static_cast<int>(today.year());
  unsigned m = static_cast<unsigned>(today.month());
  int q = static_cast<int>((m - 1) / 3 + 1);
  year_month last = today.year() / today.month() - months(1);
  std::vector<std::pair<std::string, std::string>> options = {
      {fmt::format("{:04}-{:02}", y, m), "Tháng này"},
      {fmt::format("{:04}-{:02}", static_cast<int>(last.year()), static_cast<unsigned>(last.month())), "Tháng trước"},
      {fmt::format("{:04}-Q{}", y, q), "Quý này"},
      {q > 1 ? fmt::format("{:04}-Q{}", y, q - 1) : fmt::format("{:04}-Q4", y - 1), "Quý trước"},
      {std::to_string(y), "Năm nay"},
      {std::to_string(y - 1), "Năm trước"},
  };
  data list{data::type::list};
  bool any = false;
  for (const auto& [key, label] : options) {
    auto p = domain::ParseReportPeriod(key);
    data o;
    o.set("value", key);
    o.set("label", label + " (" + (p ? p->label : key) + ")");
    o.set("selected", key == selected);
    any = any || key == selected;
    list.push_back(o);
  }
  if (!any && !selected.empty()) {
    if (auto p = domain::ParseReportPeriod(selected)) {
      data o;
      o.set("value", selected);
      o.set("label", p->label);
      o.set("selected", true);
      list.push_back(o);
    }
  }
  return list;
}

void AddAgencyOptions(data& list, const domain::AgencyNode& node, int depth, const std::string& selected,
                      const std::string& scope_root, bool in_scope) {
  bool inside = in_scope || scope_root.empty() || node.agency->code == scope_root;
  if (inside) {
    data o;
    o.set("value", node.agency->code);
    o.set("label", std::string(static_cast<std::size_t>(depth) * 2, ' ') + (depth ? "– " : "") + node.agency->name);
    o.set("selected", node.agency->code == selected);
    list.push_back(o);
  }
  for (const auto& c : node.children) AddAgencyOptions(list, c, inside ? depth + 1 : depth, selected, scope_root, inside);
}

// Agencies to choose from: the whole tree (with "" = the province) or a subtree.
data AgencyOptions(const domain::CatalogIndex& index, const std::string& selected, const std::string& scope_root,
                   bool province) {
  data list{data::type::list};
  if (province) {
    data o;
    o.set("value", std::string());
    o.set("label", std::string("Toàn tỉnh/thành phố"));
    o.set("selected", selected.empty());
    list.push_back(o);
  }
  for (const auto& root : index.AgencyTree()) AddAgencyOptions(list, root, 0, selected, scope_root, false);
  return list;
}

std::optional<double> Percent(const domain::Rate& r) {
  auto v = r.Value();
  if (!v) return std::nullopt;
  return *v * 100.0;
}

// 12-month trend chart with the same numbers in a table.
void SetTrend(data& d, const std::vector<app::TrendPoint>& trend) {
  BarChart chart{"xu-huong", "Tỷ lệ đúng hạn, trực tuyến và hài lòng trong 12 tháng", 100, "%", {}};
  ChartSeries on_time{"Giải quyết đúng hạn", {}}, online{"Nộp trực tuyến", {}}, satisfied{"Hài lòng", {}};
  data rows{data::type::list};
  for (const auto& p : trend) {
    std::string label = p.month.key.substr(5, 2) + "/" + p.month.key.substr(0, 4);
    on_time.bars.push_back({label, Percent(p.summary.on_time), p.summary.on_time.Percent()});
    online.bars.push_back({label, Percent(p.summary.online), p.summary.online.Percent()});
    satisfied.bars.push_back({label, Percent(p.summary.satisfaction), p.summary.satisfaction.Percent()});
    data r;
    r.set("month", label);
    r.set("received", FormatCount(p.summary.received));
    r.set("resolved", FormatCount(p.summary.resolved));
    r.set("on_time", p.summary.on_time.Percent());
    r.set("online", p.summary.online.Percent());
    r.set("satisfaction", p.summary.satisfaction.Percent());
    rows.push_back(r);
  }
  chart.series = {on_time, online, satisfied};
  d.set("trend_svg", RenderBarChart(chart));
  d.set("trend_rows", rows);
}

void SetQd766(data& d, const domain::Qd766Report& q) {
  BarChart chart{"qd766", "Điểm sáu nhóm chỉ số theo Quyết định 766/QĐ-TTg, tính theo % trọng số", 100, "%", {}};
  ChartSeries achieved{"Tỷ lệ đạt", {}};
  data groups{data::type::list};
  for (const auto& g : q.groups) {
    achieved.bars.push_back({g.label, g.rate ? std::optional(*g.rate * 100.0) : std::nullopt,
                             g.rate ? domain::FormatDecimal(*g.rate * 100.0) + "%" : "—"});
    data row;
    row.set("label", g.label);
    row.set("weight", domain::FormatDecimal(g.weight, 0));
    row.set("rate", g.rate ? domain::FormatDecimal(*g.rate * 100.0) + "%" : std::string("Chưa có số liệu"));
    row.set("points", domain::FormatDecimal(g.points, 2));
    data rates{data::type::list};
    for (const auto& [label, rate] : g.rates) {
      data x;
      x.set("label", label);
      x.set("part", FormatCount(rate.part));
      x.set("whole", FormatCount(rate.whole));
      x.set("rate", rate.Percent());
      rates.push_back(x);
    }
    row.set("rates", rates);
    groups.push_back(row);
  }
  chart.series = {achieved};
  d.set("qd766_svg", RenderBarChart(chart));
  d.set("qd766_groups", groups);
  d.set("qd766_total", domain::FormatDecimal(q.total, 2));
}

void SetIndices(data& d, const domain::IndicatorReport& r) {
  data rows{data::type::list};
  for (int i = 1; i <= domain::kIndexCount; ++i) {
    data row;
    row.set("index", std::to_string(i));
    row.set("label", IndexLabel(i));
    const auto& v = r.indices[i];
    row.set("data", v ? FormatCount(r.points[i]) + " điểm / " + FormatCount(r.counts[i]) : std::string("Chưa có số liệu"));
    row.set("score", v ? domain::FormatTenths(*v) : std::string("—"));
    rows.push_back(row);
  }
  d.set("indices", rows);
  d.set("agency_score", domain::FormatTenths(r.agency.tenths));
  d.set("agency_band", std::string(domain::AgencyBandLabel(r.band)));
}

Response Transparency(WebContext& ctx, Request& req) {
  if (!ctx.reports) return ErrorPage(NotConfigured(), req, ctx.portal_name);
  std::string agency = req.Query("co-quan");
  auto scope = ReportScopeFrom(ctx, agency, req.Query("ky"), "", "");
  if (!scope) return ErrorPage(scope.error(), req, ctx.portal_name);
  auto ind = ctx.reports->Indicators(agency, scope->period);
  if (!ind) return ErrorPage(ind.error(), req, ctx.portal_name);
  auto trend = ctx.reports->Trend(agency);
  if (!trend) return ErrorPage(trend.error(), req, ctx.portal_name);
  auto children = ctx.reports->Children(agency);
  if (!children) return ErrorPage(children.error(), req, ctx.portal_name);
  auto index = ctx.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx.portal_name);

  data d;
  d.set("agency_name", ind->agency_name);
  d.set("period_label", scope->period.label);
  d.set("period_options", PeriodOptions(ctx.reports->Today(), scope->period.key));
  d.set("agency_options", AgencyOptions(**index, agency, "", true));
  const auto& s = ind->summary;
  d.set("received", FormatCount(s.received));
  d.set("resolved", FormatCount(s.resolved));
  d.set("on_time", s.on_time.Percent());
  d.set("online", s.online.Percent());
  d.set("satisfaction", s.satisfaction.Percent());
  d.set("rated", FormatCount(s.rated));
  SetIndices(d, ind->indices);
  SetQd766(d, ind->qd766);
  SetTrend(d, *trend);
  data rows{data::type::list};
  for (const auto& [code, name] : *children) {
    auto child = ctx.reports->Indicators(code, scope->period);
    if (!child) return ErrorPage(child.error(), req, ctx.portal_name);
    data r;
    r.set("name", name);
    r.set("url", "/minh-bach?co-quan=" + Enc(code) + "&ky=" + Enc(scope->period.key));
    r.set("received", FormatCount(child->summary.received));
    r.set("on_time", child->summary.on_time.Percent());
    r.set("online", child->summary.online.Percent());
    r.set("satisfaction", child->summary.satisfaction.Percent());
    r.set("qd766", domain::FormatDecimal(child->qd766.total, 2));
    r.set("score", domain::FormatTenths(child->indices.agency.tenths));
    rows.push_back(r);
  }
  d.set("children", rows);
  d.set("has_children", !children->empty());
  std::string title = "Kết quả giải quyết thủ tục hành chính – " + ind->agency_name;
  return Response::Html(RenderPage("transparency", d,
                                   {title,
                                    "Tỷ lệ giải quyết đúng hạn, trực tuyến, mức độ hài lòng và điểm chỉ số phục vụ "
                                    "người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg.",
                                    "transparency"},
                                   ctx.portal_name));
}

struct Supervisor {
  std::optional<app::Principal> who;
  std::optional<Response> response;
};

Supervisor SupervisorPage(WebContext& ctx, const Request& req, const std::string& agency) {
  if (!ctx.reports || !ctx.accounts) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = Authenticate(ctx, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) {
      return {std::nullopt, Response::Redirect("/dang-nhap?next=" + Enc("/giam-sat/bao-cao"))};
    }
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  if (!ctx.reports->MaySupervise(&*who, agency)) {
    Error e{ErrorCode::kForbidden,
            "Trang báo cáo dành cho lãnh đạo, giám sát và quản trị trong phạm vi cơ quan của mình.", "scope", {}};
    return {std::nullopt, ErrorPage(e, req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

// The agency a supervisor sees first: their own, or the province.
std::string DefaultAgency(const Request& req, const WebContext& ctx) {
  if (req.query.find("co-quan") != req.query.end()) return req.Query("co-quan");
  auto who = Authenticate(ctx, req);
  return who ? who->user.agency_code : std::string();
}

std::string ScopeQuery(const ReportScope& s, bool custom) {
  std::string q = "co-quan=" + Enc(s.agency);
  if (custom) q += "&tu=" + FormatIsoDate(s.period.from) + "&den=" + FormatIsoDate(s.period.to);
  else q += "&ky=" + Enc(s.period.key);
  return q;
}

std::string ApiQuery(const ReportScope& s, bool custom) {
  std::string q = "agency=" + Enc(s.agency);
  if (custom) q += "&from=" + FormatIsoDate(s.period.from) + "&to=" + FormatIsoDate(s.period.to);
  else q += "&period=" + Enc(s.period.key);
  return q;
}

// Figures that open the dossiers behind them.
const std::vector<std::string>& DrillFigures() {
  static const std::vector<std::string> kFigures = {
      "received", "received_online", "received_desk", "received_postal", "resolved", "resolved_early",
      "resolved_on_time", "resolved_late", "open_within", "open_overdue", "paused", "withdrawn", "refused",
      "apologized"};
  return kFigures;
}

Response Dashboard(WebContext& ctx, Request& req, bool printable) {
  std::string agency = DefaultAgency(req, ctx);
  auto sv = SupervisorPage(ctx, req, agency);
  if (sv.response) return std::move(*sv.response);
  bool custom = !req.Query("tu").empty() || !req.Query("den").empty();
  auto scope = ReportScopeFrom(ctx, agency, req.Query("ky"), req.Query("tu"), req.Query("den"));
  if (!scope) return ErrorPage(scope.error(), req, ctx.portal_name);
  auto summary = ctx.reports->Summary(agency, scope->period, app::ReportGrouping::kAgency);
  if (!summary) return ErrorPage(summary.error(), req, ctx.portal_name);
  auto ind = ctx.reports->Indicators(agency, scope->period);
  if (!ind) return ErrorPage(ind.error(), req, ctx.portal_name);
  auto officers = ctx.reports->Officers(&*sv.who, agency, scope->period);
  if (!officers) return ErrorPage(officers.error(), req, ctx.portal_name);
  auto trend = ctx.reports->Trend(agency);
  if (!trend) return ErrorPage(trend.error(), req, ctx.portal_name);
  auto index = ctx.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx.portal_name);
  const auto& u = sv.who->user;
  // Who may see the whole province is the service's rule, not the page's.
  bool province_scope = ctx.reports->MaySupervise(&*sv.who, "");

  data d;
  d.set("printable", printable);
  d.set("agency_name", summary->agency_name);
  d.set("period_label", scope->period.label);
  d.set("as_of", FormatVnDate(summary->as_of));
  d.set("period_options", PeriodOptions(ctx.reports->Today(), custom ? "" : scope->period.key));
  d.set("agency_options", AgencyOptions(**index, agency, province_scope ? "" : u.agency_code, province_scope));
  d.set("from", custom ? FormatIsoDate(scope->period.from) : "");
  d.set("to", custom ? FormatIsoDate(scope->period.to) : "");
  std::string scope_q = ScopeQuery(*scope, custom);
  std::string api_q = ApiQuery(*scope, custom);
  d.set("print_url", "/giam-sat/bao-cao/in?" + scope_q);
  d.set("csv_url", "/api/v1/reports/summary?" + api_q + "&group_by=agency&format=csv");
  d.set("xlsx_url", "/api/v1/reports/summary?" + api_q + "&group_by=agency&format=xlsx");
  d.set("indicators_xlsx_url", "/api/v1/reports/indicators?" + api_q + "&format=xlsx");
  d.set("officers_csv_url", "/api/v1/reports/officers?" + api_q + "&format=csv");
  d.set("officers_xlsx_url", "/api/v1/reports/officers?" + api_q + "&format=xlsx");

  // The summary: each figure with a link to its dossiers.
  const auto& s = summary->total;
  data figures{data::type::list};
  const auto& drill = DrillFigures();
  for (const auto& [key, header] : SummaryColumns()) {
    data f;
    f.set("label", header);
    f.set("value", SummaryCell(s, key));
    if (std::find(drill.begin(), drill.end(), key) != drill.end()) {
      f.set("url", "/giam-sat/bao-cao/ho-so?" + scope_q + "&chi-so=" + key);
    }
    figures.push_back(f);
  }
  d.set("figures", figures);
  data extra{data::type::list};
  auto add = [&](const std::string& label, const std::string& value) {
    data f;
    f.set("label", label);
    f.set("value", value);
    extra.push_back(f);
  };
  add("Hồ sơ được đánh giá", FormatCount(s.rated));
  add("Hồ sơ bị từ chối giải quyết", FormatCount(s.rejected));
  add("Hồ sơ tính là trễ hạn (kể cả đã xin lỗi)", FormatCount(s.counted_late));
  add("Kết quả trả trực tuyến", FormatCount(s.returned_online));
  add("Thành phần hồ sơ được tái sử dụng", FormatCount(s.components_reused));
  add("Hồ sơ thanh toán trực tuyến", FormatCount(s.paid_online) + " (" + s.online_payment.Percent() + ")");
  add("Thủ tục có dịch vụ trực tuyến", FormatCount(s.catalog.online_procedures) + "/" + FormatCount(s.catalog.procedures));
  add("Thủ tục trực tuyến toàn trình", FormatCount(s.catalog.full_online) + "/" + FormatCount(s.catalog.procedures));
  add("Phản ánh, kiến nghị tiếp nhận", FormatCount(s.feedback.received));
  add("Phản ánh trả lời đúng hạn", FormatCount(s.feedback.answered_on_time) + "/" +
                                        FormatCount(s.feedback.answered + s.feedback.open_overdue));
  d.set("extra_figures", extra);

  // By agency below: every column as in the export.
  data headers{data::type::list};
  for (const auto& [key, header] : SummaryColumns()) {
    data h;
    h.set("header", header);
    headers.push_back(h);
  }
  d.set("columns", headers);
  data rows{data::type::list};
  for (const auto& row : summary->rows) {
    data r;
    r.set("label", row.label);
    r.set("url", std::string(printable ? "" : "/giam-sat/bao-cao?") + (printable ? "" : ScopeQuery({row.key, scope->period}, custom)));
    data cells{data::type::list};
    for (const auto& [key, header] : SummaryColumns()) {
      data c;
      c.set("value", SummaryCell(row.summary, key));
      cells.push_back(c);
    }
    r.set("cells", cells);
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("has_rows", !summary->rows.empty());
  SetIndices(d, ind->indices);
  SetQd766(d, ind->qd766);
  SetTrend(d, *trend);

  data officer_rows{data::type::list};
  for (const auto& o : officers->rows) {
    data r;
    r.set("name", o.full_name.empty() ? o.score.officer : o.full_name);
    r.set("username", o.score.officer);
    r.set("dossiers", FormatCount(o.score.dossiers));
    data cells{data::type::list};
    for (int i : officers->rules.officer_indices) {
      data c;
      c.set("value", o.score.indices[i] ? domain::FormatTenths(*o.score.indices[i]) : std::string("—"));
      cells.push_back(c);
    }
    r.set("cells", cells);
    r.set("score", domain::FormatTenths(o.score.score.tenths));
    r.set("band", std::string(domain::OfficerBandLabel(o.score.band)));
    officer_rows.push_back(r);
  }
  d.set("officers", officer_rows);
  data officer_headers{data::type::list};
  for (int i : officers->rules.officer_indices) {
    data h;
    h.set("header", "CS " + std::to_string(i));
    officer_headers.push_back(h);
  }
  d.set("officer_index_headers", officer_headers);
  d.set("officer_score_basis", OfficerScoreBasis(officers->rules));
  d.set("has_officers", !officers->rows.empty());
  PageMeta meta{"Báo cáo, thống kê – " + summary->agency_name,
                "Tình hình tiếp nhận, giải quyết hồ sơ và chỉ số đánh giá.", "reports"};
  meta.user_name = u.full_name;
  meta.csrf_token = sv.who->session.csrf_token;
  Response r = Response::Html(RenderPage("report_dashboard", d, meta, ctx.portal_name));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response DashboardPage(WebContext& ctx, Request& req) { return Dashboard(ctx, req, false); }
Response PrintPage(WebContext& ctx, Request& req) { return Dashboard(ctx, req, true); }

const char* FigureLabel(const std::string& figure) {
  for (const auto& [key, header] : SummaryColumns()) {
    if (key == figure) return header.c_str();
  }
  if (figure == "resolved") return "Đã giải quyết";
  return nullptr;
}

Response DrillPage(WebContext& ctx, Request& req) {
  std::string agency = DefaultAgency(req, ctx);
  auto sv = SupervisorPage(ctx, req, agency);
  if (sv.response) return std::move(*sv.response);
  bool custom = !req.Query("tu").empty() || !req.Query("den").empty();
  auto scope = ReportScopeFrom(ctx, agency, req.Query("ky"), req.Query("tu"), req.Query("den"));
  if (!scope) return ErrorPage(scope.error(), req, ctx.portal_name);
  std::string figure = req.Query("chi-so");
  const char* label = FigureLabel(figure);
  if (!label) {
    return ErrorPage(Error{ErrorCode::kInvalidArgument, "Chỉ số cần xem chi tiết không hợp lệ.", "figure", {}}, req,
                     ctx.portal_name);
  }
  std::int64_t after = 0;
  if (std::string a = req.Query("sau"); !a.empty()) std::from_chars(a.data(), a.data() + a.size(), after);
  auto rows = ctx.reports->Drill(&*sv.who, agency, figure, "", scope->period, after);
  if (!rows) return ErrorPage(rows.error(), req, ctx.portal_name);
  auto index = ctx.catalog.Snapshot();
  data d;
  d.set("figure", std::string(label));
  d.set("period_label", scope->period.label);
  std::string agency_name = "Toàn tỉnh/thành phố";
  if (index && !agency.empty()) {
    if (const auto* a = (*index)->FindAgency(agency)) agency_name = a->name;
  }
  d.set("agency_name", agency_name);
  std::string scope_q = ScopeQuery(*scope, custom);
  d.set("back_url", "/giam-sat/bao-cao?" + scope_q);
  data items{data::type::list};
  for (const auto& r : *rows) {
    data item;
    item.set("code", r.code.empty() ? "#" + std::to_string(r.id) : r.code);
    item.set("url", "/can-bo/ho-so/" + std::to_string(r.id));
    item.set("procedure", r.procedure_name);
    std::string channel = domain::ParseChannel(r.channel) ? domain::ChannelLabel(*domain::ParseChannel(r.channel)) : r.channel;
    item.set("channel", channel);
    auto st = domain::ParseDossierStatus(r.status);
    item.set("status", st ? std::string(domain::DossierStatusLabel(*st)) : r.status);
    item.set("received", r.received_at ? FormatVnDateTime(*r.received_at) : std::string());
    item.set("due", r.due_at ? FormatVnDateTime(*r.due_at) : std::string());
    item.set("completed", r.completed_at ? FormatVnDateTime(*r.completed_at) : std::string());
    items.push_back(item);
  }
  d.set("items", items);
  d.set("empty", rows->empty());
  if (static_cast<int>(rows->size()) == 50) {
    d.set("next_url", "/giam-sat/bao-cao/ho-so?" + scope_q + "&chi-so=" + figure + "&sau=" + std::to_string(rows->back().id));
  }
  PageMeta meta{std::string(label) + " – " + agency_name, "Danh sách hồ sơ theo chỉ số báo cáo.", "reports"};
  meta.user_name = sv.who->user.full_name;
  meta.csrf_token = sv.who->session.csrf_token;
  Response r = Response::Html(RenderPage("report_drill", d, meta, ctx.portal_name));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddReportPages(Router& router, WebContext& ctx) {
  auto bind = [&ctx](Response (*fn)(WebContext&, Request&)) { return [&ctx, fn](Request& req) { return fn(ctx, req); }; };
  router.Add("GET", "/minh-bach", WithViewer(ctx, bind(&Transparency)));
  router.Add("GET", "/giam-sat/bao-cao", bind(&DashboardPage));
  router.Add("GET", "/giam-sat/bao-cao/in", bind(&PrintPage));
  router.Add("GET", "/giam-sat/bao-cao/ho-so", bind(&DrillPage));
}

}  // namespace motcua::web
