#include "web/svg_chart.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace motcua::web {

namespace {

std::string Xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
constexpr const char* kColours[] = {"#0b5cad", "#b35900", "#2e7d32", "#6a1b9a"};

}  // namespace

std::string RenderBarChart(const BarChart& chart) {
  const int groups = chart.series.empty() ? 0 : static_cast<int>(chart.series.front().bars.size());
  const int per_group = std::max<int>(1, static_cast<int>(chart.series.size()));
  const int left = 40, top = 10, plot_h = 160, bottom = 40, legend_h = 22 * per_group;
  const int bar_w = 14, gap = 10;
  const int group_w = per_group * bar_w + gap;
  const int width = left + std::max(1, groups) * group_w + 10;
  const int height = top + plot_h + bottom + legend_h;
  const double max = chart.max > 0 ? chart.max : 1;

  std::string desc;
  for (const auto& s : chart.series) {
    desc += s.name + ": ";
    for (std::size_t i = 0; i < s.bars.size(); ++i) {
      desc += (i ? "; " : "") + s.bars[i].label + " " + (s.bars[i].value ? s.bars[i].value_text : "không có số liệu");
    }
    desc += ". ";
  }
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-labelledby=\"{}-title {}-desc\">"
      "<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>",
      width, height, width, height, Xml(chart.id), Xml(chart.id), Xml(chart.id), Xml(chart.title), Xml(chart.id),
      Xml(desc));
  // Axis with gridlines at 0, 50 and 100% of max.
  for (int k = 0; k <= 2; ++k) {
    int y = top + plot_h - plot_h * k / 2;
    double v = max * k / 2;
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#767676\" stroke-width=\"{}\"/>", left,
                       y, width - 5, y, k == 0 ? 1 : 0.5);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{}{}</text>",
                       left - 4, y + 3, static_cast<int>(v), Xml(chart.unit));
  }
  for (int g = 0; g < groups; ++g) {
    int gx = left + g * group_w + gap / 2;
    for (int s = 0; s < per_group && s < static_cast<int>(chart.series.size()); ++s) {
      const auto& series = chart.series[s];
      if (g >= static_cast<int>(series.bars.size())) continue;
      const ChartBar& b = series.bars[g];
      if (!b.value) continue;
      double v = std::clamp(*b.value, 0.0, max);
      int h = static_cast<int>(plot_h * v / max + 0.5);
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}</title></rect>",
          gx + s * bar_w, top + plot_h - h, bar_w - 2, h, kColours[s % 4], Xml(series.name), Xml(b.label),
          Xml(b.value_text));
    }
    const std::string& label = chart.series.front().bars[g].label;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\" transform=\"rotate(-45 {} {})\">"
        "{}</text>",
        gx + per_group * bar_w / 2, top + plot_h + 12, gx + per_group * bar_w / 2, top + plot_h + 12, Xml(label));
  }
  for (int s = 0; s < static_cast<int>(chart.series.size()); ++s) {
    int y = top + plot_h + bottom + 22 * s + 4;
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>", left, y, kColours[s % 4]);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#111\">{}</text>", left + 18, y + 11,
                       Xml(chart.series[s].name));
  }
  out += "</svg>";
  return out;
}

}  // namespace motcua::web
