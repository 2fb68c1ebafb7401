#include "web/forms.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "web/format.hpp"
#include "web/qr_svg.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using domain::Dossier;
using domain::DossierStatus;
using nlohmann::json;

struct FormSpec {
  const char* number;
  const char* title;
  DossierStatus needs;
  const char* needs_text;  // completes "Chỉ lập <title> cho hồ sơ ..."
};

constexpr FormSpec kForms[] = {
    {"01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", DossierStatus::kAccepted, "đã được tiếp nhận"},
    {"02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", DossierStatus::kSupplementRequested,
     "đang được yêu cầu bổ sung, hoàn thiện"},
    {"03", "Phiếu từ chối tiếp nhận, giải quyết hồ sơ", DossierStatus::kRefused, "đã bị từ chối tiếp nhận"},
};

const FormSpec* FindForm(const std::string& number) {
  for (const auto& f : kForms) {
    if (number == f.number) return &f;
  }
  return nullptr;
}

Status CheckApplies(const FormSpec& form, const Dossier& d) {
  if (d.status != form.needs) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("Chỉ lập {} cho hồ sơ {}; hồ sơ đang ở trạng thái \"{}\".", form.title, form.needs_text,
                            domain::DossierStatusLabel(d.status)),
                fmt::format("form {} not applicable in status {}", form.number, domain::DossierStatusKey(d.status)));
  }
  if (form.needs == DossierStatus::kAccepted && (d.code.empty() || !d.received_at || !d.due_at)) {
    return Fail(ErrorCode::kFailedPrecondition,
                "Hồ sơ chưa có đủ mã hồ sơ, thời gian tiếp nhận và thời gian hẹn trả kết quả.",
                "form 01 needs code, received_at and due_at");
  }
  return {};
}

json IsoOrNull(const std::optional<Timestamp>& t) { return t ? json(FormatTimestamp(*t)) : json(nullptr); }

std::optional<Timestamp> DefaultIssuedAt(const FormSpec& form, const Dossier& d) {
  switch (form.needs) {
    case DossierStatus::kAccepted: return d.received_at;
    case DossierStatus::kRefused: return d.decided_at ? d.decided_at : std::optional<Timestamp>(d.updated_at);
    default: return d.updated_at;  // RequestSupplement stamps updated_at
  }
}

json ComponentsJson(const Dossier& d, const domain::Procedure* procedure) {
  auto has_file = [&](int index) {
    return std::any_of(d.files.begin(), d.files.end(),
                       [&](const domain::DossierFile& f) { return f.component_index == index; });
  };
  json out = json::array();
  if (procedure) {
    for (std::size_t i = 0; i < procedure->components.size(); ++i) {
      const auto& c = procedure->components[i];
      out.push_back({{"name", c.name},
                     {"originals", c.originals},
                     {"certified_copies", c.certified_copies},
                     {"photocopies", c.photocopies},
                     {"required", c.required},
                     {"received", has_file(static_cast<int>(i))}});
    }
    return out;
  }
  // The procedure left the catalog: what the dossier itself recorded.
  std::set<int> seen;
  for (const auto& f : d.files) {
    if (!seen.insert(f.component_index).second) continue;
    out.push_back({{"name", f.component_name},
                   {"originals", 0},
                   {"certified_copies", 0},
                   {"photocopies", 0},
                   {"required", true},
                   {"received", true}});
  }
  return out;
}

std::string DefaultFeeMethod(const Dossier& d, const domain::Procedure* procedure) {
  bool charged = procedure && std::any_of(procedure->fees.begin(), procedure->fees.end(),
                                          [](const domain::Fee& f) { return f.amount_vnd > 0; });
  if (!charged) return "Không thu phí, lệ phí";
  if (d.channel == domain::Channel::kOnline) return "Thanh toán trực tuyến";
  return "Nộp trực tiếp tại Bộ phận Một cửa";
}

// Upper case for the issuer and the title, as the forms print them.
std::string Upper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: keep it as is
      out += static_cast<char>(*p);
      ++p;
      --left;
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    p += n;
    left -= n;
  }
  return out;
}

// "ngày 05 tháng 3 năm 2026": Nghị định 30/2020/NĐ-CP Phụ lục I writes days
// below 10 and the months 1 and 2 with a leading zero.
std::string VnLongDate(Date date) {
  unsigned day = static_cast<unsigned>(date.day());
  unsigned month = static_cast<unsigned>(date.month());
  return fmt::format("ngày {:02d} tháng {} năm {}", day, month <= 2 ? fmt::format("{:02d}", month) : std::to_string(month),
                     static_cast<int>(date.year()));
}

// "08 giờ 30 phút, ngày 25 tháng 11 năm 2026" on Vietnam's clock.
std::string VnLongTime(Timestamp t) {
  auto vn = ToVietnam(t);
  return fmt::format("{:02d} giờ {:02d} phút, {}", vn.minutes / 60, vn.minutes % 60, VnLongDate(vn.date));
}

// JSON to Mustache data. Empty strings become false so that
// {{#phone}}...{{/phone}} hides an unknown value.
TemplateData ToData(const json& j) {
  if (j.is_object()) {
    TemplateData obj{TemplateData::type::object};
    for (const auto& [key, value] : j.items()) obj.set(key, ToData(value));
    return obj;
  }
  if (j.is_array()) {
    TemplateData list{TemplateData::type::list};
    for (const auto& value : j) list.push_back(ToData(value));
    return list;
  }
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    return s.empty() ? TemplateData{false} : TemplateData{s};
  }
  if (j.is_boolean()) return TemplateData{j.get<bool>()};
  if (j.is_number_integer()) return TemplateData{std::to_string(j.get<std::int64_t>())};
  if (j.is_number()) return TemplateData{FormatDecimal(j.get<double>())};
  return TemplateData{false};  // null
}

}  // namespace

Result<json> FormJson(const std::string& number, const FormContext& ctx) {
  const FormSpec* form = FindForm(number);
  if (!form) {
    return Fail(ErrorCode::kNotFound, fmt::format("Không có mẫu phiếu số \"{}\" (chỉ có 01, 02, 03).", number),
                "unknown form " + number);
  }
  if (!ctx.dossier) return Fail(ErrorCode::kInternal, "Không lập được phiếu.", "FormContext without dossier");
  const Dossier& d = *ctx.dossier;
  if (auto applies = CheckApplies(*form, d); !applies) return Fail(applies.error());

  const domain::Procedure* p = ctx.procedure;
  const domain::Applicant& a = d.applicant;
  std::string parent_name;
  if (ctx.parent_agency) {
    parent_name = ctx.parent_agency->short_name.empty() ? ctx.parent_agency->name : ctx.parent_agency->short_name;
  }
  json fees = json::array();
  if (p) {
    for (const auto& f : p->fees) fees.push_back({{"name", f.name}, {"amount_vnd", f.amount_vnd}, {"note", f.note}});
  }
  // The legal time frozen at acceptance wins over today's catalog.
  double days = d.processing_days > 0 ? d.processing_days : p ? p->processing_days : 0;

  json j = {
      {"form", form->number},
      {"title", form->title},
      {"code", d.code},
      {"dossier_id", d.id},
      {"status", domain::DossierStatusKey(d.status)},
      {"agency",
       {{"code", ctx.agency ? ctx.agency->code : d.agency_code},
        {"name", ctx.agency ? ctx.agency->name : ""},
        {"parent_name", parent_name}}},
      {"applicant",
       {{"full_name", a.full_name},
        {"id_number", a.id_number},
        {"address", a.address},
        {"phone", a.phone},
        {"email", a.email},
        {"organization", a.organization}}},
      {"procedure",
       {{"code", p ? p->code : d.procedure_code},
        {"name", p ? p->name : d.procedure_name},
        {"processing_days", days}}},
      {"request_note", d.request_note},
      {"components", ComponentsJson(d, p)},
      {"copies", d.copies},
      {"received_at", IsoOrNull(d.received_at)},
      {"due_at", IsoOrNull(d.due_at)},
      {"issued_at", IsoOrNull(ctx.issued_at ? ctx.issued_at : DefaultIssuedAt(*form, d))},
      {"collect_at", ctx.agency ? ctx.agency->address : ""},
      {"fees", fees},
      {"fee_method", ctx.fee_method.empty() ? DefaultFeeMethod(d, p) : ctx.fee_method},
      {"tracking_url", ctx.tracking_url},
      {"officer", ctx.officer_name},
  };
  if (form->needs == DossierStatus::kSupplementRequested) {
    j["items"] = d.supplement_items;
    j["note"] = d.supplement_note;
  }
  if (form->needs == DossierStatus::kRefused) j["reason"] = d.refusal_reason;
  return j;
}

Result<std::string> FormHtml(const std::string& number, const FormContext& ctx) {
  auto j = FormJson(number, ctx);
  if (!j) return Fail(j.error());
  const Dossier& d = *ctx.dossier;
  const std::string& code = d.code;

  TemplateData view = ToData(*j);
  view.set("title_upper", Upper((*j)["title"].get<std::string>()));
  view.set("page_title", fmt::format("Mẫu số {} – {}{}", number, (*j)["title"].get<std::string>(),
                                     code.empty() ? "" : " – " + code));
  const std::string parent = (*j)["agency"]["parent_name"];
  if (!parent.empty()) view.set("issuer_parent", Upper(parent));
  std::string agency_name = ctx.agency ? ctx.agency->name : d.agency_code;
  view.set("issuer_name", Upper(agency_name));
  view.set("receiver", agency_name.empty() ? std::string("Bộ phận Một cửa") : agency_name);

  // The date line, on Vietnam's clock; left for handwriting when unknown.
  std::optional<Timestamp> issued = ctx.issued_at ? ctx.issued_at : DefaultIssuedAt(*FindForm(number), d);
  view.set("place", ctx.place);
  view.set("date_text", issued ? VnLongDate(ToVietnam(*issued).date) : "ngày ... tháng ... năm ...");
  view.set("processing_time", FormatWorkingDays((*j)["procedure"]["processing_days"].get<double>()));
  if (d.received_at) view.set("received_text", VnLongTime(*d.received_at));
  if (d.due_at) view.set("due_text", VnLongTime(*d.due_at));
  if (ctx.agency) {
    view.set("collect_text", ctx.agency->address.empty() ? ctx.agency->name
                                                         : ctx.agency->name + ", " + ctx.agency->address);
    if (!ctx.agency->phone.empty()) view.set("agency_phone", ctx.agency->phone);
  }

  TemplateData rows{TemplateData::type::list};
  int n = 0;
  for (const auto& c : (*j)["components"]) {
    TemplateData row = ToData(c);
    row.set("index", std::to_string(++n));
    row.set("received_text", c["received"].get<bool>() ? "Có" : "Chưa");
    rows.push_back(row);
  }
  view.set("component_rows", rows);
  view.set("has_components", n > 0);

  TemplateData fees{TemplateData::type::list};
  bool has_fees = false;
  for (const auto& f : (*j)["fees"]) {
    TemplateData fee = ToData(f);
    fee.set("amount", FormatVnd(f["amount_vnd"].get<std::int64_t>()));
    fees.push_back(fee);
    has_fees = true;
  }
  view.set("fee_rows", fees);
  view.set("has_fees", has_fees);

  if (!ctx.tracking_url.empty()) {
    auto svg = QrSvg(ctx.tracking_url, code.empty() ? "Mã QR tra cứu hồ sơ" : "Mã QR tra cứu hồ sơ " + code);
    if (!svg) return Fail(svg.error());
    view.set("qr_svg", *svg);
  }

  view.set("body", RenderFragment("form_" + number, view));
  return RenderFragment("form_layout", view);
}

}  // namespace motcua::web
