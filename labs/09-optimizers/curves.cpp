#include "09-optimizers/curves.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "nn/plot/svg.hpp"

namespace lab09 {
namespace {

using nn::Real;

const char* const kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

// The value as plotted: capped at the ceiling (Inf and NaN too), log10 if asked.
Real plotted(Real v, bool log_y, Real ceiling) {
  if (!(v <= ceiling)) v = ceiling;  // also NaN
  if (!log_y) return v;
  return std::log10(std::max(v, std::numeric_limits<Real>::min()));
}

}  // namespace

std::vector<Real> values_of(const nn::History& history, Real nn::EpochRecord::*field) {
  std::vector<Real> values;
  for (const nn::EpochRecord& r : history.epochs) values.push_back(r.*field);
  return values;
}

std::string chart(const std::vector<Curve>& curves, const std::string& title,
                  const std::string& y_label, bool log_y, Real ceiling) {
  Real lo = std::numeric_limits<Real>::max(), hi = -lo;
  std::size_t epochs = 2;
  for (const Curve& c : curves) {
    epochs = std::max(epochs, c.values.size());
    for (Real v : c.values) {
      const Real y = plotted(v, log_y, ceiling);
      lo = std::min(lo, y), hi = std::max(hi, y);
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const Real margin = 0.05 * (hi - lo);
  const nn::plot::Panel frame{80, 50, 520, 320, 1, Real(epochs), lo - margin, hi + margin};

  const int legend_width = 40 + 7 * static_cast<int>(std::max_element(curves.begin(), curves.end(),
      [](const Curve& a, const Curve& b) { return a.label.size() < b.label.size(); })->label.size());
  std::string svg = nn::plot::svg_begin(640 + legend_width, 430);
  svg += frame.axes("epoch", log_y ? "log10 " + y_label : y_label, title);
  for (std::size_t k = 0; k < curves.size(); ++k) {
    const char* colour = kColours[k % std::size(kColours)];
    std::string points;
    for (std::size_t e = 0; e < curves[k].values.size(); ++e)
      points += fmt::format("{:.1f},{:.1f} ", frame.px(Real(e + 1)),
                            frame.py(plotted(curves[k].values[e], log_y, ceiling)));
    svg += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", points,
        colour);
    const Real y = frame.top + 12 + 18 * Real(k);  // the legend, right of the chart
    const Real x = frame.left + frame.width + 16;
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"2\"/>\n",
        x, y - 4, x + 20, y - 4, colour);
    svg += nn::plot::text(x + 26, y, curves[k].label, "start");
  }
  return svg + nn::plot::svg_end();
}

}  // namespace lab09
