#include "web/form_errors.hpp"

#include "web/templates.hpp"

namespace motcua::web {

using kainjow::mustache::data;

std::string SummaryHtml(const Error& error, const std::map<std::string, std::string>& anchors) {
  data items{data::type::list};
  for (const auto& f : error.fields) {
    data item;
    auto it = anchors.find(f.field);
    if (it != anchors.end()) {
      item.set("href", "#" + it->second);
    } else {
      item.set("href", false);
    }
    item.set("message", f.message);
    items.push_back(item);
  }
  data summary;
  summary.set("title", error.user_message.empty() ? std::string(kInvalidForm) : error.user_message);
  summary.set("has_items", !error.fields.empty());
  summary.set("items", items);
  return RenderFragment("error_summary", summary);
}

std::string FieldErrorOf(const Error* error, const std::string& field) {
  if (!error) return {};
  for (const auto& f : error->fields) {
    if (f.field == field) return f.message;
  }
  return {};
}

}  // namespace motcua::web
