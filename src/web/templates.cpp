#include "web/templates.hpp"

#include <stdexcept>

namespace motcua::web {
namespace {

using kainjow::mustache::data;

// Compiled templates per thread: kainjow's render walks its component tree
// mutably, so each request thread keeps its own compiled copy.
kainjow::mustache::mustache& Compiled(const std::string& name) {
  thread_local std::map<std::string, kainjow::mustache::mustache> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const auto& files = EmbeddedFiles();
  auto file = files.find("templates/" + name + ".mustache");
  if (file == files.end()) throw std::runtime_error("missing template " + name);
  auto [pos, _] = cache.emplace(name, kainjow::mustache::mustache(std::string(file->second)));
  if (!pos->second.is_valid()) {
    throw std::runtime_error("template " + name + ": " + pos->second.error_message());
  }
  return pos->second;
}

struct Viewer {
  bool set = false;
  std::string user_name;
  std::string csrf_token;
  bool officer = false;
};

// The request being handled on this thread (handlers run synchronously).
thread_local Viewer current_viewer;

}  // namespace

ViewerScope::ViewerScope(std::string user_name, std::string csrf_token, bool officer) {
  current_viewer = {true, std::move(user_name), std::move(csrf_token), officer};
}

ViewerScope::~ViewerScope() { current_viewer = {}; }

std::string RenderFragment(const std::string& name, const TemplateData& data) {
  return Compiled(name).render(data);
}

std::string RenderPage(const std::string& name, const TemplateData& data, const PageMeta& meta,
                       const std::string& portal_name) {
  return RenderLayout(RenderFragment(name, data), meta, portal_name);
}

std::string RenderLayout(const std::string& content_html, const PageMeta& meta, const std::string& portal_name) {
  TemplateData layout;
  layout.set("content", content_html);
  layout.set("title", meta.title);
  layout.set("description", meta.description);
  layout.set("portal_name", portal_name);
  layout.set("nav_" + (meta.active_nav.empty() ? std::string("none") : meta.active_nav), true);
  const bool from_meta = !meta.user_name.empty();
  if (from_meta || current_viewer.set) {
    data user;
    user.set("name", from_meta ? meta.user_name : current_viewer.user_name);
    user.set("csrf_token", from_meta ? meta.csrf_token : current_viewer.csrf_token);
    user.set("officer", current_viewer.set && current_viewer.officer);
    layout.set("user", user);
  } else {
    layout.set("user", false);
  }
  return Compiled("layout").render(layout);
}

}  // namespace motcua::web
