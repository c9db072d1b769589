#include "nn/plot/learning_curves.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "nn/plot/svg.hpp"

namespace nn::plot {
namespace {

struct Series {
  std::string label, colour;
  std::vector<Real> values;  // one per epoch, NaN where not measured
};

bool measured(const Series& s) {
  return std::any_of(s.values.begin(), s.values.end(), [](Real v) { return std::isfinite(v); });
}

// The legend's box: inside the panel's right edge, at its top or its bottom,
// wide enough for the longest label (about 7 px a character at font size 12).
struct LegendBox {
  Real x, y, width, height;
  bool contains(Real px, Real py) const {
    return px >= x && px <= x + width && py >= y && py <= y + height;
  }
};

LegendBox legend_box(const Panel& frame, const std::vector<Series>& series, bool at_top) {
  std::size_t longest = 0;
  for (const Series& line : series) longest = std::max(longest, line.label.size());
  const Real width = 38 + 7.0 * Real(longest), height = 8 + 18.0 * Real(series.size());
  const Real x = frame.left + frame.width - 8 - width;
  const Real y = at_top ? frame.top + 8 : frame.top + frame.height - 8 - height;
  return {x, y, width, height};
}

// The number of plotted points that fall under `box`.
std::size_t covered(const Panel& frame, const std::vector<Series>& series, const LegendBox& box) {
  std::size_t n = 0;
  for (const Series& line : series)
    for (std::size_t e = 0; e < line.values.size(); ++e)
      if (std::isfinite(line.values[e]) &&
          box.contains(frame.px(Real(e + 1)), frame.py(line.values[e])))
        ++n;
  return n;
}

// A panel of curves against the epoch number (1-based), with its legend in the
// top or bottom right corner, whichever hides fewer points (the top when equal).
std::string draw(const Panel& frame, const std::vector<Series>& series, const std::string& y_label,
                 const std::string& title) {
  std::string s = frame.axes("epoch", y_label, title);
  for (const Series& line : series) {
    std::string points;
    for (std::size_t e = 0; e < line.values.size(); ++e)
      if (std::isfinite(line.values[e]))
        points += fmt::format("{:.1f},{:.1f} ", frame.px(Real(e + 1)), frame.py(line.values[e]));
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                     points, line.colour);
  }
  const LegendBox top = legend_box(frame, series, true), bottom = legend_box(frame, series, false);
  const LegendBox box = covered(frame, series, bottom) < covered(frame, series, top) ? bottom : top;
  s += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"white\" "
      "fill-opacity=\"0.85\" stroke=\"#bbb\"/>\n",
      box.x, box.y, box.width, box.height);
  Real legend_y = box.y + 18;
  for (const Series& line : series) {
    const Real x = box.x + 8;
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"2\"/>\n",
        x, legend_y - 4, x + 20, legend_y - 4, line.colour);
    s += text(x + 26, legend_y, line.label, "start");
    legend_y += 18;
  }
  return s;
}

// The data range of the measured values, widened a little; [0, 1] contains accuracies.
Panel frame_for(const std::vector<Series>& series, Real left, Real top, Index epochs, bool unit) {
  Real lo = unit ? 0 : std::numeric_limits<Real>::max(), hi = unit ? 1 : -lo;
  for (const Series& line : series)
    for (Real v : line.values)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(hi > lo)) hi = lo + 1;
  // A margin above the curves, so that a loss peak or an accuracy of 1 is not drawn on the frame.
  if (!unit) lo = std::max<Real>(0, lo - 0.05 * (hi - lo));
  hi += unit ? 0.03 : 0.05 * (hi - lo);
  const Real x_hi = std::max<Real>(2, Real(epochs));
  return {left, top, 340, 260, 1, x_hi, lo, hi};
}

}  // namespace

std::string learning_curves(const History& history, const std::string& title) {
  Series train_loss{"train loss", "#1f77b4", {}}, val_loss{"validation loss", "#ff7f0e", {}};
  Series train_acc{"train accuracy", "#1f77b4", {}}, val_acc{"validation accuracy", "#ff7f0e", {}};
  for (const EpochRecord& r : history.epochs) {
    train_loss.values.push_back(r.train_loss);
    val_loss.values.push_back(r.val_loss);
    train_acc.values.push_back(r.train_accuracy);
    val_acc.values.push_back(r.val_accuracy);
  }
  std::vector<Series> losses, accuracies;
  for (Series* s : {&train_loss, &val_loss})
    if (measured(*s)) losses.push_back(*s);
  for (Series* s : {&train_acc, &val_acc})
    if (measured(*s)) accuracies.push_back(*s);

  const Index epochs = history.epochs.size();
  const int width = accuracies.empty() ? 440 : 880;
  std::string svg = svg_begin(width, 360);
  svg += text(width / 2.0, 20, title, "middle", 16);
  svg += draw(frame_for(losses, 80, 50, epochs, false), losses, "loss", "Loss");
  if (!accuracies.empty())
    svg += draw(frame_for(accuracies, 520, 50, epochs, true), accuracies, "accuracy", "Accuracy");
  return svg + svg_end();
}

}  // namespace nn::plot
