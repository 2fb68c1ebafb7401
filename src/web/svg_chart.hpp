#pragma once
// Charts drawn on the server as accessible SVG (role="img", a <title> and a
// <desc> naming every value, a <title> on each bar for pointer users), so
// dashboards need no JavaScript and screen readers get the numbers; pages
// also show the same numbers in a table beside each chart. Pure.

#include <optional>
#include <string>
#include <vector>

namespace motcua::web {

struct ChartBar {
  std::string label;            // short, e.g. "11/2026"
  std::optional<double> value;  // in `unit`s; none: no data (drawn as a gap)
  std::string value_text;       // as shown, e.g. "93,5%"
};

struct ChartSeries {
  std::string name;  // legend, e.g. "Đúng hạn"
  std::vector<ChartBar> bars;
};

struct BarChart {
  std::string id;     // unique on the page, for aria ids
  std::string title;  // announced name of the chart
  double max = 100;   // top of the axis
  std::string unit = "%";
  std::vector<ChartSeries> series;  // grouped bars, one group per bar index
};

// The chart as an <svg> element; every text is XML-escaped.
std::string RenderBarChart(const BarChart& chart);

}  // namespace motcua::web
