#pragma once
// Page rendering with Mustache templates compiled into the binary
// (templates/*.mustache, see cmake/embed.cmake). Every page is rendered
// into templates/layout.mustache. Values are HTML-escaped unless a template
// uses triple braces on trusted, already-rendered HTML. Thread-safe.

#include <map>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace motcua::web {

using TemplateData = kainjow::mustache::data;

// The files embedded at build time, by relative path ("static/app.css").
const std::map<std::string, std::string_view>& EmbeddedFiles();

struct PageMeta {
  std::string title;        // <title> and <h1> context
  std::string description;  // meta description
  std::string active_nav;   // "home", "procedures", "agencies"
  // The signed-in user shown in the header, with the CSRF token of their
  // session for the header's logout form. Empty: the ViewerScope of the
  // request, if any, else the "Đăng nhập" / "Đăng ký" links.
  std::string user_name = {};
  std::string csrf_token = {};
};

// Who is signed in, for pages whose handlers do not fill PageMeta::user_name
// (the catalog and the calendar). A ViewerScope lives on the stack of the
// thread that handles one request (see WithViewer in account_handlers.hpp);
// RenderLayout on that thread uses it, also to show officers the link to
// their worklist. Not copyable; scopes do not nest.
class ViewerScope {
 public:
  ViewerScope(std::string user_name, std::string csrf_token, bool officer = false);
  ~ViewerScope();
  ViewerScope(const ViewerScope&) = delete;
  ViewerScope& operator=(const ViewerScope&) = delete;
};

// Renders templates/<name>.mustache with `data` inside the layout.
std::string RenderPage(const std::string& name, const TemplateData& data, const PageMeta& meta,
                       const std::string& portal_name);

// Wraps already-rendered (trusted) HTML in the layout.
std::string RenderLayout(const std::string& content_html, const PageMeta& meta, const std::string& portal_name);

// Renders a template without the layout.
std::string RenderFragment(const std::string& name, const TemplateData& data);

}  // namespace motcua::web
