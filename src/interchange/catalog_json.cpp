#include "interchange/catalog_json.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace motcua::interchange {
namespace {

using nlohmann::json;
using namespace motcua::domain;

// Reads fields from a JSON object and collects every problem instead of
// stopping at the first, so a province fixes its file in one pass.
class Reader {
 public:
  explicit Reader(std::vector<FieldError>& problems) : problems_(problems) {}

  void Problem(const std::string& path, std::string message) {
    problems_.push_back({path, std::move(message)});
  }

  bool IsObject(const json& j, const std::string& path) {
    if (j.is_object()) return true;
    Problem(path, "Phải là một đối tượng JSON.");
    return false;
  }

  std::string String(const json& obj, const std::string& key, const std::string& path,
                     bool required) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Problem(path + "." + key, "Thiếu trường bắt buộc.");
      return {};
    }
    if (!it->is_string()) {
      Problem(path + "." + key, "Phải là chuỗi ký tự.");
      return {};
    }
    auto nfc = ToNfc(it->get_ref<const std::string&>());
    if (!nfc) {
      Problem(path + "." + key, "Chuỗi không phải UTF-8 hợp lệ.");
      return {};
    }
    return std::string(Trim(*nfc));
  }

  double Number(const json& obj, const std::string& key, const std::string& path, bool required,
                double fallback = 0) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Problem(path + "." + key, "Thiếu trường bắt buộc.");
      return fallback;
    }
    if (!it->is_number()) {
      Problem(path + "." + key, "Phải là số.");
      return fallback;
    }
    return it->get<double>();
  }

  long long Integer(const json& obj, const std::string& key, const std::string& path,
                    bool required, long long fallback = 0) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Problem(path + "." + key, "Thiếu trường bắt buộc.");
      return fallback;
    }
    if (!it->is_number_integer()) {
      Problem(path + "." + key, "Phải là số nguyên.");
      return fallback;
    }
    return it->get<long long>();
  }

  bool Bool(const json& obj, const std::string& key, const std::string& path, bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) {
      Problem(path + "." + key, "Phải là true hoặc false.");
      return fallback;
    }
    return it->get<bool>();
  }

  std::optional<Date> OptionalDate(const json& obj, const std::string& key, const std::string& path) {
    std::string text = String(obj, key, path, false);
    if (text.empty()) return std::nullopt;
    auto d = ParseIsoDate(text);
    if (!d) Problem(path + "." + key, "Ngày phải có dạng YYYY-MM-DD.");
    return d;
  }

  const json* Array(const json& obj, const std::string& key, const std::string& path,
                    bool required) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Problem(path + "." + key, "Thiếu trường bắt buộc.");
      return nullptr;
    }
    if (!it->is_array()) {
      Problem(path + "." + key, "Phải là một mảng.");
      return nullptr;
    }
    return &*it;
  }

  std::vector<std::string> Strings(const json& obj, const std::string& key, const std::string& path,
                                   bool required) {
    std::vector<std::string> out;
    const json* arr = Array(obj, key, path, required);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& item = (*arr)[i];
      if (!item.is_string()) {
        Problem(fmt::format("{}.{}[{}]", path, key, i), "Phải là chuỗi ký tự.");
        continue;
      }
      out.push_back(ToNfc(item.get_ref<const std::string&>()).value_or(""));
    }
    return out;
  }

  template <typename T, typename ParseFn>
  std::vector<T> Keys(const json& obj, const std::string& key, const std::string& path,
                      bool required, ParseFn parse, const char* what) {
    std::vector<T> out;
    auto raw = Strings(obj, key, path, required);
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (auto v = parse(raw[i])) {
        out.push_back(*v);
      } else {
        Problem(fmt::format("{}.{}[{}]", path, key, i), fmt::format("{} \"{}\" không hợp lệ.", what, raw[i]));
      }
    }
    return out;
  }

 private:
  std::vector<FieldError>& problems_;
};

Agency ReadAgency(Reader& r, const json& j, const std::string& path) {
  Agency a;
  if (!r.IsObject(j, path)) return a;
  a.code = r.String(j, "code", path, true);
  a.name = r.String(j, "name", path, true);
  a.short_name = r.String(j, "short_name", path, false);
  a.parent_code = r.String(j, "parent", path, false);
  std::string kind = r.String(j, "kind", path, true);
  if (auto k = ParseAgencyKind(kind)) {
    a.kind = *k;
  } else if (!kind.empty()) {
    r.Problem(path + ".kind", fmt::format("Loại cơ quan \"{}\" không hợp lệ.", kind));
  }
  std::string level = r.String(j, "level", path, true);
  if (auto l = ParseGovLevel(level)) {
    a.level = *l;
  } else if (!level.empty()) {
    r.Problem(path + ".level", fmt::format("Cấp \"{}\" không hợp lệ.", level));
  }
  a.address = r.String(j, "address", path, false);
  a.phone = r.String(j, "phone", path, false);
  a.email = r.String(j, "email", path, false);
  return a;
}

Procedure ReadProcedure(Reader& r, const json& j, const std::string& path) {
  Procedure p;
  if (!r.IsObject(j, path)) return p;
  p.code = r.String(j, "code", path, true);
  p.name = r.String(j, "name", path, true);
  p.field_code = r.String(j, "field", path, true);
  p.agency_codes = r.Strings(j, "agencies", path, true);
  p.levels = r.Keys<GovLevel>(j, "levels", path, true, ParseGovLevel, "Cấp thực hiện");
  auto online = j.find("online_level");
  if (online == j.end()) {
    r.Problem(path + ".online_level", "Thiếu trường bắt buộc.");
  } else {
    std::string key = online->is_number_integer() ? std::to_string(online->get<int>())
                      : online->is_string()       ? online->get<std::string>()
                                                  : std::string("?");
    if (auto l = ParseOnlineLevel(key)) {
      p.online_level = *l;
    } else {
      r.Problem(path + ".online_level", "Mức độ trực tuyến phải là full, partial, none hoặc 2/3/4.");
    }
  }
  p.processing_days = r.Number(j, "processing_days", path, true);
  p.processing_note = r.String(j, "processing_note", path, false);
  p.applicants = r.Strings(j, "applicants", path, false);
  p.description = r.String(j, "description", path, false);
  p.conditions = r.String(j, "conditions", path, false);
  if (auto it = j.find("result"); it != j.end() && it->is_object()) {
    p.result_name = r.String(*it, "name", path + ".result", true);
    p.result_electronic = r.Bool(*it, "electronic", path + ".result", false);
  } else {
    r.Problem(path + ".result", "Thiếu kết quả thực hiện ({\"name\": ..., \"electronic\": ...}).");
  }
  if (const json* arr = r.Array(j, "components", path, true)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string cpath = fmt::format("{}.components[{}]", path, i);
      const json& c = (*arr)[i];
      if (!r.IsObject(c, cpath)) continue;
      Component comp;
      comp.name = r.String(c, "name", cpath, true);
      comp.originals = static_cast<int>(r.Integer(c, "originals", cpath, false));
      comp.certified_copies = static_cast<int>(r.Integer(c, "certified_copies", cpath, false));
      comp.photocopies = static_cast<int>(r.Integer(c, "photocopies", cpath, false));
      comp.required = r.Bool(c, "required", cpath, true);
      comp.form = r.String(c, "form", cpath, false);
      p.components.push_back(std::move(comp));
    }
  }
  if (const json* arr = r.Array(j, "fees", path, false)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string fpath = fmt::format("{}.fees[{}]", path, i);
      const json& f = (*arr)[i];
      if (!r.IsObject(f, fpath)) continue;
      Fee fee;
      fee.name = r.String(f, "name", fpath, true);
      fee.amount_vnd = r.Integer(f, "amount", fpath, true);
      fee.note = r.String(f, "note", fpath, false);
      p.fees.push_back(std::move(fee));
    }
  }
  if (const json* arr = r.Array(j, "legal_bases", path, true)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string lpath = fmt::format("{}.legal_bases[{}]", path, i);
      const json& l = (*arr)[i];
      if (!r.IsObject(l, lpath)) continue;
      LegalBasis legal;
      legal.number = r.String(l, "number", lpath, true);
      legal.title = r.String(l, "title", lpath, true);
      legal.issuer = r.String(l, "issuer", lpath, false);
      legal.issued = r.OptionalDate(l, "issued", lpath);
      p.legal_bases.push_back(std::move(legal));
    }
  }
  if (auto it = j.find("channels"); it != j.end() && it->is_object()) {
    p.submission_channels = r.Keys<Channel>(*it, "submission", path + ".channels", true, ParseChannel, "Kênh");
    p.return_channels = r.Keys<Channel>(*it, "return", path + ".channels", true, ParseChannel, "Kênh");
  } else {
    r.Problem(path + ".channels", "Thiếu kênh nộp và trả kết quả.");
  }
  if (const json* arr = r.Array(j, "steps", path, false)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string spath = fmt::format("{}.steps[{}]", path, i);
      const json& s = (*arr)[i];
      if (!r.IsObject(s, spath)) continue;
      ProcessStep step;
      step.name = r.String(s, "name", spath, true);
      step.role = r.String(s, "role", spath, true);
      step.unit = r.String(s, "unit", spath, false);
      step.agency_code = r.String(s, "agency", spath, false);
      step.days = r.Number(s, "days", spath, true);
      p.steps.push_back(std::move(step));
    }
  }
  p.effective_from = r.OptionalDate(j, "effective_from", path);
  p.effective_to = r.OptionalDate(j, "effective_to", path);
  p.popularity = static_cast<int>(r.Integer(j, "popularity", path, false));
  return p;
}

json DateOrNull(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

}  // namespace

Result<Catalog> ParseCatalogJson(std::string_view text) try {
  json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) {
    return Fail(ErrorCode::kInvalidArgument, "Tệp danh mục không phải JSON hợp lệ.", "JSON parse error");
  }
  std::vector<FieldError> problems;
  Reader r(problems);
  Catalog catalog;
  if (!root.is_object() || root.value("format", "") != "motcua-catalog") {
    return Fail(ErrorCode::kInvalidArgument,
                "Tệp danh mục phải có \"format\": \"motcua-catalog\".", "wrong format marker");
  }
  if (root.value("version", 0) != 1) {
    return Fail(ErrorCode::kInvalidArgument, "Phiên bản tệp danh mục không được hỗ trợ (cần 1).",
                "unsupported version");
  }
  if (const json* arr = r.Array(root, "agencies", "$", false)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      catalog.agencies.push_back(ReadAgency(r, (*arr)[i], fmt::format("agencies[{}]", i)));
    }
  }
  if (const json* arr = r.Array(root, "fields", "$", false)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string path = fmt::format("fields[{}]", i);
      if (!r.IsObject((*arr)[i], path)) continue;
      catalog.fields.push_back({r.String((*arr)[i], "code", path, true),
                                r.String((*arr)[i], "name", path, true)});
    }
  }
  if (const json* arr = r.Array(root, "procedures", "$", false)) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      catalog.procedures.push_back(ReadProcedure(r, (*arr)[i], fmt::format("procedures[{}]", i)));
    }
  }
  if (!problems.empty()) {
    Error e{ErrorCode::kInvalidArgument, fmt::format("Tệp danh mục có {} lỗi.", problems.size()),
            "catalog file shape errors", std::move(problems)};
    return Fail(std::move(e));
  }
  return catalog;
} catch (const nlohmann::json::exception& e) {
  // A value of the wrong JSON type where the reader did not expect it.
  return Fail(ErrorCode::kInvalidArgument, "Tệp danh mục có giá trị sai kiểu dữ liệu.", e.what());
}

json AgencyToJson(const Agency& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"short_name", a.short_name},
          {"parent", a.parent_code.empty() ? json(nullptr) : json(a.parent_code)},
          {"kind", AgencyKindKey(a.kind)},
          {"level", GovLevelKey(a.level)},
          {"address", a.address},
          {"phone", a.phone},
          {"email", a.email}};
}

json FieldToJson(const Field& f) { return {{"code", f.code}, {"name", f.name}}; }

json ProcedureToJson(const Procedure& p) {
  json levels = json::array();
  for (auto l : p.levels) levels.push_back(GovLevelKey(l));
  json components = json::array();
  for (const auto& c : p.components) {
    components.push_back({{"name", c.name},
                          {"originals", c.originals},
                          {"certified_copies", c.certified_copies},
                          {"photocopies", c.photocopies},
                          {"required", c.required},
                          {"form", c.form}});
  }
  json fees = json::array();
  for (const auto& f : p.fees) fees.push_back({{"name", f.name}, {"amount", f.amount_vnd}, {"note", f.note}});
  json legal = json::array();
  for (const auto& l : p.legal_bases) {
    legal.push_back({{"number", l.number}, {"title", l.title}, {"issuer", l.issuer},
                     {"issued", DateOrNull(l.issued)}});
  }
  json submission = json::array();
  for (auto c : p.submission_channels) submission.push_back(ChannelKey(c));
  json ret = json::array();
  for (auto c : p.return_channels) ret.push_back(ChannelKey(c));
  json steps = json::array();
  for (const auto& s : p.steps) {
    json step = {{"name", s.name}, {"role", s.role}, {"unit", s.unit}, {"days", s.days}};
    if (!s.agency_code.empty()) step["agency"] = s.agency_code;
    steps.push_back(std::move(step));
  }
  return {{"code", p.code},
          {"name", p.name},
          {"field", p.field_code},
          {"agencies", p.agency_codes},
          {"levels", levels},
          {"online_level", OnlineLevelKey(p.online_level)},
          {"processing_days", p.processing_days},
          {"processing_note", p.processing_note},
          {"applicants", p.applicants},
          {"description", p.description},
          {"conditions", p.conditions},
          {"result", {{"name", p.result_name}, {"electronic", p.result_electronic}}},
          {"components", components},
          {"fees", fees},
          {"legal_bases", legal},
          {"channels", {{"submission", submission}, {"return", ret}}},
          {"steps", steps},
          {"effective_from", DateOrNull(p.effective_from)},
          {"effective_to", DateOrNull(p.effective_to)},
          {"popularity", p.popularity}};
}

std::string CatalogToJson(const Catalog& catalog) {
  json agencies = json::array();
  for (const auto& a : catalog.agencies) agencies.push_back(AgencyToJson(a));
  json fields = json::array();
  for (const auto& f : catalog.fields) fields.push_back(FieldToJson(f));
  json procedures = json::array();
  for (const auto& p : catalog.procedures) procedures.push_back(ProcedureToJson(p));
  json root = {{"format", "motcua-catalog"},
               {"version", 1},
               {"agencies", agencies},
               {"fields", fields},
               {"procedures", procedures}};
  return root.dump(2) + "\n";
}

}  // namespace motcua::interchange
