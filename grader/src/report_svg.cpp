// Inline in HTML5, an <svg> needs no xmlns: the page then names no URL at all.
#include "report_svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace grader {

namespace {

constexpr nn::Index kMaxCells = 40;

// White to red for t in [0, 1].
std::string heat_colour(double t) {
  const int gb = static_cast<int>(std::lround(255 * (1 - std::clamp(t, 0.0, 1.0))));
  return fmt::format("rgb(255,{},{})", gb, gb);
}

// Block maxima of |a - n|: at most kMaxCells per side; NaN stays NaN (as Inf).
nn::Mat block_errors(const nn::Mat& a, const nn::Mat& n) {
  const nn::Index br = (a.n_rows + kMaxCells - 1) / kMaxCells,
                  bc = (a.n_cols + kMaxCells - 1) / kMaxCells;
  nn::Mat out((a.n_rows + br - 1) / br, (a.n_cols + bc - 1) / bc, arma::fill::zeros);
  for (nn::Index c = 0; c < a.n_cols; ++c)
    for (nn::Index r = 0; r < a.n_rows; ++r) {
      double e = std::abs(a(r, c) - n(r, c));
      if (!std::isfinite(e)) e = arma::datum::inf;
      out(r / br, c / bc) = std::max(out(r / br, c / bc), e);
    }
  return out;
}

std::string polyline(const std::vector<int>& x, const std::vector<double>& y, double x0, double x1,
                     double y0, double y1, const std::string& colour, const std::string& dash) {
  std::string points;
  const std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(y[i])) continue;
    const double px = 50 + 400 * (x1 > x0 ? (x[i] - x0) / (x1 - x0) : 0.5);
    const double py = 190 - 170 * (y1 > y0 ? (y[i] - y0) / (y1 - y0) : 0.5);
    points += fmt::format("{:.1f},{:.1f} ", px, py);
  }
  return fmt::format(
      "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\" "
      "points=\"{}\"/>\n",
      colour, dash, points);
}

// One chart of two series (train solid blue, validation dashed red).
std::string chart(const std::string& label, const std::vector<int>& epochs,
                  const std::vector<double>& train, const std::vector<double>& val) {
  std::vector<double> all;
  for (double v : train)
    if (std::isfinite(v)) all.push_back(v);
  for (double v : val)
    if (std::isfinite(v)) all.push_back(v);
  if (all.empty() || epochs.empty()) return "";
  const auto [lo, hi] = std::minmax_element(all.begin(), all.end());
  const double x0 = epochs.front(), x1 = epochs.back();
  std::string s = fmt::format(
      "<svg width=\"480\" height=\"230\" role=\"img\">\n"
      "<title>{0} per epoch</title>\n"
      "<line x1=\"50\" y1=\"190\" x2=\"450\" y2=\"190\" stroke=\"#444\"/>\n"
      "<line x1=\"50\" y1=\"20\" x2=\"50\" y2=\"190\" stroke=\"#444\"/>\n"
      "<text x=\"46\" y=\"24\" text-anchor=\"end\" font-size=\"11\">{1:.3g}</text>\n"
      "<text x=\"46\" y=\"190\" text-anchor=\"end\" font-size=\"11\">{2:.3g}</text>\n"
      "<text x=\"50\" y=\"205\" font-size=\"11\">{3}</text>\n"
      "<text x=\"450\" y=\"205\" text-anchor=\"end\" font-size=\"11\">{4}</text>\n"
      "<text x=\"250\" y=\"222\" text-anchor=\"middle\" font-size=\"12\">epoch ({0})</text>\n",
      label, *hi, *lo, epochs.front(), epochs.back());
  s += polyline(epochs, train, x0, x1, *lo, *hi, "#1f77b4", "none");
  s += polyline(epochs, val, x0, x1, *lo, *hi, "#d62728", "6 3");
  s += "<text x=\"360\" y=\"14\" font-size=\"11\" fill=\"#1f77b4\">training</text>\n"
       "<text x=\"410\" y=\"14\" font-size=\"11\" fill=\"#d62728\">validation</text>\n</svg>\n";
  return s;
}

}  // namespace

std::string heat_map_svg(const nn::Mat& analytic, const nn::Mat& numeric) {
  if (analytic.is_empty() || analytic.n_rows != numeric.n_rows || analytic.n_cols != numeric.n_cols)
    return "";
  const nn::Mat e = block_errors(analytic, numeric);
  const arma::uvec finite = arma::find_finite(e);
  const double top = finite.is_empty() ? 0 : e.elem(finite).max();
  const double cell = std::clamp(400.0 / std::max(e.n_rows, e.n_cols), 4.0, 28.0);
  const double w = cell * e.n_cols, h = cell * e.n_rows;
  std::string s = fmt::format(
      "<svg width=\"{:.0f}\" height=\"{:.0f}\" role=\"img\">\n"
      "<title>|analytic - numeric| per element</title>\n",
      std::max(w, 250.0) + 2, h + 40);
  for (nn::Index r = 0; r < e.n_rows; ++r)
    for (nn::Index c = 0; c < e.n_cols; ++c) {
      const double v = e(r, c);
      const std::string fill =
          std::isfinite(v) ? heat_colour(top > 0 ? v / top : 0) : std::string("#000");
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
          "stroke=\"#ddd\" stroke-width=\"0.5\"><title>{}: {:.3e}</title></rect>\n",
          1 + c * cell, 1 + r * cell, cell, cell, fill,
          e.n_elem == analytic.n_elem ? fmt::format("({}, {})", r, c)
                                      : fmt::format("block ({}, {})", r, c),
          v);
    }
  // Legend: a five-step bar from 0 to the largest difference.
  for (int k = 0; k < 5; ++k)
    s += fmt::format("<rect x=\"{}\" y=\"{:.0f}\" width=\"20\" height=\"10\" fill=\"{}\"/>\n",
                     1 + 20 * k, h + 8, heat_colour(k / 4.0));
  s += fmt::format(
      "<text x=\"106\" y=\"{0:.0f}\" font-size=\"11\">0 to {1:.3e}</text>\n"
      "<rect x=\"210\" y=\"{2:.0f}\" width=\"10\" height=\"10\" fill=\"#000\"/>"
      "<text x=\"224\" y=\"{0:.0f}\" font-size=\"11\">NaN</text>\n</svg>\n",
      h + 17, top, h + 8);
  return s;
}

std::string learning_curves_svg(const History& h) {
  return chart("loss", h.epochs, h.train_loss, h.val_loss) +
         chart("accuracy", h.epochs, h.train_acc, h.val_acc);
}

}  // namespace grader
