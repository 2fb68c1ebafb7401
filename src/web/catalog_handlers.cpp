#include "web/catalog_handlers.hpp"

#include <charconv>
#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "interchange/catalog_json.hpp"
#include "web/error_mapping.hpp"
#include "web/format.hpp"
#include "web/report_views.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using nlohmann::json;
using namespace motcua::domain;
using kainjow::mustache::data;

constexpr std::size_t kMaxPerPage = 100;
constexpr std::size_t kDefaultPerPage = 20;
constexpr std::size_t kMaxPage = 100000;
constexpr std::size_t kMaxQueryLength = 200;

Result<std::size_t> PositiveParam(const Request& req, const std::string& name, std::size_t fallback,
                                  std::size_t max, const std::string& what) {
  if (!req.HasQuery(name)) return fallback;
  std::string text = req.Query(name);
  std::size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value < 1 ||
      value > max) {
    return Fail(InvalidParameter(name, fmt::format("{} phải là số nguyên từ 1 đến {}.", what, max)));
  }
  return value;
}

// Reads and checks the catalog query parameters shared by the API and pages.
Result<CatalogQuery> ParseCatalogQuery(const Request& req, const CatalogIndex& index) {
  CatalogQuery q;
  q.text = req.Query("q");
  if (q.text.size() > kMaxQueryLength) {
    return Fail(InvalidParameter("q", fmt::format("Từ khóa tìm kiếm dài quá {} ký tự.", kMaxQueryLength)));
  }
  if (!IsValidUtf8(q.text)) return Fail(InvalidParameter("q", "Từ khóa chứa ký tự không hợp lệ."));
  q.agency_code = req.Query("agency");
  if (!q.agency_code.empty() && !index.FindAgency(q.agency_code)) {
    return Fail(InvalidParameter("agency", "Cơ quan không tồn tại."));
  }
  q.field_code = req.Query("field");
  if (!q.field_code.empty() && !index.FindField(q.field_code)) {
    return Fail(InvalidParameter("field", "Lĩnh vực không tồn tại."));
  }
  if (std::string level = req.Query("level"); !level.empty()) {
    q.level = ParseGovLevel(level);
    if (!q.level) return Fail(InvalidParameter("level", "Cấp thực hiện phải là central, province, district hoặc commune."));
  }
  if (std::string online = req.Query("online"); !online.empty()) {
    q.online = ParseOnlineLevel(online);
    if (!q.online || online == "1" || online == "2" || online == "3" || online == "4") {
      return Fail(InvalidParameter("online", "Mức độ trực tuyến phải là full, partial hoặc none."));
    }
  }
  auto page = PositiveParam(req, "page", 1, kMaxPage, "Số trang");
  if (!page) return Fail(page.error());
  auto per_page = PositiveParam(req, "per_page", kDefaultPerPage, kMaxPerPage, "Số kết quả mỗi trang");
  if (!per_page) return Fail(per_page.error());
  q.page = *page;
  q.per_page = *per_page;
  return q;
}

json AgencyRef(const CatalogIndex& index, const std::string& code) {
  const Agency* a = index.FindAgency(code);
  return {{"code", code}, {"name", a ? a->name : std::string()}};
}

json FieldRef(const CatalogIndex& index, const std::string& code) {
  const Field* f = index.FindField(code);
  return {{"code", code}, {"name", f ? f->name : std::string()}};
}

json SummaryJson(const CatalogIndex& index, const Procedure& p) {
  json levels = json::array();
  for (auto l : p.levels) levels.push_back(GovLevelKey(l));
  return {{"code", p.code},
          {"name", p.name},
          {"field", FieldRef(index, p.field_code)},
          {"agency", AgencyRef(index, p.agency_codes.empty() ? "" : p.agency_codes.front())},
          {"levels", levels},
          {"processing_days", p.processing_days},
          {"online_level", OnlineLevelKey(p.online_level)},
          {"result_electronic", p.result_electronic}};
}

json AgencyTreeJson(const AgencyNode& node) {
  json j = interchange::AgencyToJson(*node.agency);
  j.erase("parent");
  json children = json::array();
  for (const auto& c : node.children) children.push_back(AgencyTreeJson(c));
  j["children"] = children;
  return j;
}

Response JsonOk(const json& body) { return Response::Json(body.dump()); }

// --- page data builders -------------------------------------------------

// Optional text: an empty string would still open a {{#section}} in
// Mustache, so empty values are stored as false (which also renders as "").
void SetText(data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}

data ProcedureCard(const CatalogIndex& index, const Procedure& p) {
  data d;
  d.set("code", p.code);
  d.set("name", p.name);
  d.set("url", "/thu-tuc/" + UrlEncode(p.code));
  const Field* f = index.FindField(p.field_code);
  d.set("field", f ? f->name : p.field_code);
  const Agency* a = p.agency_codes.empty() ? nullptr : index.FindAgency(p.agency_codes.front());
  SetText(d, "agency", a ? a->name : "");
  d.set("days", FormatWorkingDays(p.processing_days));
  d.set("online_label", OnlineLevelLabel(p.online_level));
  d.set("online_full", p.online_level == OnlineLevel::kFull);
  d.set("online_partial", p.online_level == OnlineLevel::kPartial);
  d.set("online_any", p.online_level != OnlineLevel::kNone &&
                          std::find(p.submission_channels.begin(), p.submission_channels.end(), Channel::kOnline) !=
                              p.submission_channels.end());
  return d;
}

data Options(const std::vector<std::pair<std::string, std::string>>& options, const std::string& selected) {
  data list{data::type::list};
  for (const auto& [value, label] : options) {
    data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", value == selected);
    list.push_back(o);
  }
  return list;
}

void FlattenAgencies(const AgencyNode& node, int depth, std::vector<std::pair<std::string, std::string>>& out) {
  std::string indent;
  for (int i = 0; i < depth; ++i) indent += "— ";
  out.emplace_back(node.agency->code, indent + node.agency->name);
  for (const auto& c : node.children) FlattenAgencies(c, depth + 1, out);
}

std::string SearchUrl(const CatalogQuery& q, std::size_t page) {
  std::string url = "/thu-tuc?q=" + UrlEncode(q.text);
  if (!q.agency_code.empty()) url += "&agency=" + UrlEncode(q.agency_code);
  if (!q.field_code.empty()) url += "&field=" + UrlEncode(q.field_code);
  if (q.level) url += std::string("&level=") + GovLevelKey(*q.level);
  if (q.online) url += std::string("&online=") + OnlineLevelKey(*q.online);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

data AgencyTreeData(const AgencyNode& node) {
  data d;
  d.set("code", node.agency->code);
  d.set("name", node.agency->name);
  SetText(d, "address", node.agency->address);
  SetText(d, "phone", node.agency->phone);
  d.set("url", "/thu-tuc?agency=" + UrlEncode(node.agency->code));
  data children{data::type::list};
  for (const auto& c : node.children) children.push_back(AgencyTreeData(c));
  d.set("has_children", !node.children.empty());
  d.set("children", children);
  return d;
}

std::string YearStatsHtml(WebContext& ctx, const std::string& code);
}  // namespace

Response ErrorPage(const Error& error, const Request& req, const std::string& portal_name) {
  int status = HttpStatusFor(error.code);
  data d;
  d.set("status", std::to_string(status));
  d.set("message", error.user_message);
  d.set("request_id", req.request_id);
  data fields{data::type::list};
  for (const auto& f : error.fields) {
    data item;
    item.set("message", f.message);
    fields.push_back(item);
  }
  d.set("fields", fields);
  return Response::Html(RenderPage("error", d, {"Có lỗi xảy ra", "", ""}, portal_name), status);
}

Response CatalogHandlers::ApiListProcedures(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ProblemResponse(index.error(), req.request_id);
  auto query = ParseCatalogQuery(req, **index);
  if (!query) return ProblemResponse(query.error(), req.request_id);
  // Validated parameters, in a fixed order, name the response.
  std::string key = "api-search\x1f" + query->text + '\x1f' + query->agency_code + '\x1f' + query->field_code +
                    '\x1f' + (query->level ? GovLevelKey(*query->level) : "") + '\x1f' +
                    (query->online ? OnlineLevelKey(*query->online) : "") + '\x1f' + std::to_string(query->page) +
                    '\x1f' + std::to_string(query->per_page);
  if (auto cached = cache_.Find((*index)->revision(), key)) return Response::Json(*cached);
  auto found = ctx_.catalog.Search(*query);
  if (!found) return ProblemResponse(found.error(), req.request_id);
  const auto& page = found->page;
  json items = json::array();
  for (const auto& hit : page.items) items.push_back(SummaryJson(*found->index, *hit.procedure));
  auto body = std::make_shared<const std::string>(
      json{{"items", items}, {"total", page.total}, {"page", query->page}, {"per_page", query->per_page}}.dump());
  cache_.Store(found->index->revision(), key, body);
  return Response::Json(*body);
}

Response CatalogHandlers::ApiGetProcedure(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ProblemResponse(index.error(), req.request_id);
  const Procedure* p = (*index)->FindProcedure(req.params["code"]);
  if (!p) {
    return ProblemResponse({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính có mã này.", "", {}},
                           req.request_id);
  }
  const std::string key = "api-procedure\x1f" + p->code;
  if (auto cached = cache_.Find((*index)->revision(), key)) return Response::Json(*cached);
  json body = interchange::ProcedureToJson(*p);
  body["field"] = FieldRef(**index, p->field_code);
  json agencies = json::array();
  for (const auto& code : p->agency_codes) agencies.push_back(AgencyRef(**index, code));
  body["agencies"] = agencies;
  auto text = std::make_shared<const std::string>(body.dump());
  cache_.Store((*index)->revision(), key, text);
  return Response::Json(*text);
}

Response CatalogHandlers::ApiAgencies(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ProblemResponse(index.error(), req.request_id);
  json roots = json::array();
  for (const auto& node : (*index)->AgencyTree()) roots.push_back(AgencyTreeJson(node));
  return JsonOk({{"items", roots}});
}

Response CatalogHandlers::ApiFields(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ProblemResponse(index.error(), req.request_id);
  json items = json::array();
  for (const auto& f : (*index)->catalog().fields) {
    items.push_back({{"code", f.code}, {"name", f.name}, {"procedures", (*index)->CountInField(f.code)}});
  }
  return JsonOk({{"items", items}});
}

Response CatalogHandlers::HomePage(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx_.portal_name);
  data d;
  data fields{data::type::list};
  for (const auto& f : (*index)->catalog().fields) {
    std::size_t count = (*index)->CountInField(f.code);
    if (count == 0) continue;
    data item;
    item.set("name", f.name);
    item.set("count", std::to_string(count));
    item.set("url", "/thu-tuc?field=" + UrlEncode(f.code));
    fields.push_back(item);
  }
  d.set("fields", fields);
  CatalogQuery popular;
  popular.per_page = 8;
  data top{data::type::list};
  for (const auto& hit : (*index)->Search(popular).items) top.push_back(ProcedureCard(**index, *hit.procedure));
  d.set("popular", top);
  d.set("procedure_count", std::to_string((*index)->catalog().procedures.size()));
  d.set("agency_count", std::to_string((*index)->catalog().agencies.size()));
  return Response::Html(RenderPage("home", d,
                                   {ctx_.portal_name, "Tra cứu thủ tục hành chính và nộp hồ sơ trực tuyến.", "home"},
                                   ctx_.portal_name));
}

Response CatalogHandlers::SearchPage(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx_.portal_name);
  auto query = ParseCatalogQuery(req, **index);
  if (!query) return ErrorPage(query.error(), req, ctx_.portal_name);
  auto found = ctx_.catalog.Search(*query);
  if (!found) return ErrorPage(found.error(), req, ctx_.portal_name);
  const auto& page = found->page;
  data d;
  d.set("q", query->text);
  data items{data::type::list};
  for (const auto& hit : page.items) items.push_back(ProcedureCard(*found->index, *hit.procedure));
  d.set("items", items);
  d.set("total", std::to_string(page.total));
  d.set("has_items", !page.items.empty());
  d.set("searched", !query->text.empty() || !query->agency_code.empty() || !query->field_code.empty() ||
                        query->level.has_value() || query->online.has_value());

  std::vector<std::pair<std::string, std::string>> agencies{{"", "Tất cả cơ quan"}};
  for (const auto& root : (*index)->AgencyTree()) FlattenAgencies(root, 0, agencies);
  d.set("agencies", Options(agencies, query->agency_code));
  std::vector<std::pair<std::string, std::string>> fields{{"", "Tất cả lĩnh vực"}};
  for (const auto& f : (*index)->catalog().fields) fields.emplace_back(f.code, f.name);
  d.set("fields", Options(fields, query->field_code));
  d.set("levels", Options({{"", "Tất cả các cấp"},
                           {"province", GovLevelLabel(GovLevel::kProvince)},
                           {"district", GovLevelLabel(GovLevel::kDistrict)},
                           {"commune", GovLevelLabel(GovLevel::kCommune)},
                           {"central", GovLevelLabel(GovLevel::kCentral)}},
                          query->level ? GovLevelKey(*query->level) : ""));
  d.set("onlines", Options({{"", "Tất cả mức độ"},
                            {"full", "Toàn trình"},
                            {"partial", "Một phần"},
                            {"none", "Chưa trực tuyến"}},
                           query->online ? OnlineLevelKey(*query->online) : ""));

  std::size_t pages = (page.total + query->per_page - 1) / query->per_page;
  d.set("page", std::to_string(query->page));
  d.set("pages", std::to_string(pages));
  d.set("has_pages", pages > 1);
  if (query->page > 1) d.set("prev_url", SearchUrl(*query, query->page - 1));
  if (query->page < pages) d.set("next_url", SearchUrl(*query, query->page + 1));
  std::string title = query->text.empty() ? "Thủ tục hành chính" : "Kết quả tìm kiếm: " + query->text;
  return Response::Html(RenderPage("search", d, {title, "Tìm kiếm thủ tục hành chính.", "procedures"},
                                   ctx_.portal_name));
}

Response CatalogHandlers::ProcedurePage(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx_.portal_name);
  const Procedure* p = (*index)->FindProcedure(req.params["code"]);
  if (!p) {
    return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính có mã này.", "", {}}, req,
                     ctx_.portal_name);
  }
  const PageMeta meta{p->name, p->description, "procedures"};
  const std::string key = "page-procedure\x1f" + p->code;
  if (auto cached = cache_.Find((*index)->revision(), key)) {
    return Response::Html(RenderLayout(*cached + YearStatsHtml(ctx_, p->code), meta, ctx_.portal_name));
  }
  const CatalogIndex& ix = **index;
  data d = ProcedureCard(ix, *p);
  SetText(d, "processing_note", p->processing_note);
  SetText(d, "description", p->description);
  SetText(d, "conditions", p->conditions);
  SetText(d, "result_name", p->result_name);
  d.set("result_electronic", p->result_electronic);
  std::string applicants;
  for (const auto& a : p->applicants) {
    if (!applicants.empty()) applicants += ", ";
    applicants += a == "citizen" ? "Công dân Việt Nam, người nước ngoài" : a == "organization" ? "Tổ chức, doanh nghiệp" : a;
  }
  SetText(d, "applicants", applicants);
  std::string levels;
  for (auto l : p->levels) {
    if (!levels.empty()) levels += ", ";
    levels += GovLevelLabel(l);
  }
  SetText(d, "levels", levels);
  data agencies{data::type::list};
  for (const auto& code : p->agency_codes) {
    const Agency* a = ix.FindAgency(code);
    data item;
    item.set("name", a ? a->name : code);
    SetText(item, "address", a ? a->address : "");
    SetText(item, "phone", a ? a->phone : "");
    agencies.push_back(item);
  }
  d.set("agencies", agencies);
  data components{data::type::list};
  for (const auto& c : p->components) {
    data item;
    item.set("name", c.name);
    item.set("originals", std::to_string(c.originals));
    item.set("certified_copies", std::to_string(c.certified_copies));
    item.set("photocopies", std::to_string(c.photocopies));
    item.set("required", c.required);
    SetText(item, "form", c.form);
    components.push_back(item);
  }
  d.set("components", components);
  d.set("has_components", !p->components.empty());
  data fees{data::type::list};
  for (const auto& f : p->fees) {
    data item;
    item.set("name", f.name);
    item.set("amount", FormatVnd(f.amount_vnd));
    SetText(item, "note", f.note);
    fees.push_back(item);
  }
  d.set("fees", fees);
  d.set("has_fees", !p->fees.empty());
  data legal{data::type::list};
  for (const auto& l : p->legal_bases) {
    data item;
    item.set("number", l.number);
    item.set("title", l.title);
    SetText(item, "issuer", l.issuer);
    SetText(item, "issued", l.issued ? FormatVnDate(*l.issued) : "");
    legal.push_back(item);
  }
  d.set("legal_bases", legal);
  auto channel_list = [](const std::vector<Channel>& channels) {
    data list{data::type::list};
    for (auto c : channels) {
      data item;
      item.set("label", ChannelLabel(c));
      list.push_back(item);
    }
    return list;
  };
  d.set("submission_channels", channel_list(p->submission_channels));
  d.set("return_channels", channel_list(p->return_channels));
  data steps{data::type::list};
  int n = 0;
  for (const auto& s : p->steps) {
    data item;
    item.set("number", std::to_string(++n));
    item.set("name", s.name);
    SetText(item, "unit", s.unit);
    const Agency* a = s.agency_code.empty() ? nullptr : ix.FindAgency(s.agency_code);
    SetText(item, "agency", a ? a->name : "");
    item.set("days", FormatWorkingDays(s.days));
    const char* role = s.role == "desk_officer" ? "Cán bộ tiếp nhận và trả kết quả"
                       : s.role == "specialist" ? "Chuyên viên"
                       : s.role == "unit_head"  ? "Lãnh đạo phòng"
                       : s.role == "leader"     ? "Lãnh đạo cơ quan"
                                                : "";
    item.set("role", role);
    steps.push_back(item);
  }
  d.set("steps", steps);
  d.set("has_steps", !p->steps.empty());
  SetText(d, "effective_from", p->effective_from ? FormatVnDate(*p->effective_from) : "");
  SetText(d, "effective_to", p->effective_to ? FormatVnDate(*p->effective_to) : "");
  auto content = std::make_shared<const std::string>(RenderFragment("procedure", d));
  cache_.Store((*index)->revision(), key, content);
  return Response::Html(RenderLayout(*content + YearStatsHtml(ctx_, p->code), meta, ctx_.portal_name));
}

namespace {
// Thông tư 32/2017: the procedure's figures since 1 January, live (the
// procedure's text above is cached per catalog revision, these are not).
std::string YearStatsHtml(WebContext& ctx, const std::string& code) {
  if (!ctx.reports) return "";
  auto st = ctx.reports->ProcedureYear(code);
  if (!st) return "";
  data d;
  d.set("period", st->period.label);
  d.set("received", FormatCount(st->received));
  d.set("online_received", FormatCount(st->online_received));
  d.set("resolved", FormatCount(st->resolved));
  d.set("online_resolved", FormatCount(st->online_resolved));
  d.set("on_time", st->on_time.Percent());
  d.set("satisfaction", st->satisfaction.Percent());
  return RenderFragment("procedure_stats", d);
}
}  // namespace

Response CatalogHandlers::AgenciesPage(Request& req) {
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx_.portal_name);
  data d;
  data roots{data::type::list};
  for (const auto& node : (*index)->AgencyTree()) roots.push_back(AgencyTreeData(node));
  d.set("roots", roots);
  // The tree template includes itself for each level of children.
  d.set("agency_node", kainjow::mustache::partial([] {
    return std::string(EmbeddedFiles().at("templates/agency_node.mustache"));
  }));
  return Response::Html(RenderPage("agencies", d, {"Cơ quan thực hiện", "Danh sách cơ quan.", "agencies"},
                                   ctx_.portal_name));
}

}  // namespace motcua::web
