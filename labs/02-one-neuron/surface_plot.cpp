#include "02-one-neuron/surface_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "nn/plot/svg.hpp"

namespace lab02 {

namespace {

// A colour from dark blue (f = 0) through green to yellow (f = 1).
std::string colour(nn::Real f) {
  static const int stops[][3] = {
      {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  f = std::clamp(f, nn::Real{0}, nn::Real{1}) * 4;
  const int i = std::min(3, static_cast<int>(f));
  const nn::Real u = f - i;
  int rgb[3];
  for (int k = 0; k < 3; ++k)
    rgb[k] = static_cast<int>(std::lround(stops[i][k] + u * (stops[i + 1][k] - stops[i][k])));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

// White text, readable on the dark valley.
std::string label(nn::Real x, nn::Real y, const std::string& s) {
  return fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" font-family=\"sans-serif\" "
      "fill=\"#fff\">{}</text>\n",
      x, y, nn::plot::escape(s));
}

}  // namespace

std::string loss_surface(const Points& data, const std::vector<State>& path,
                         const SurfaceOptions& options) {
  const nn::plot::Panel box{70,           40,           480,          480,
                            options.w_lo, options.w_hi, options.b_lo, options.b_hi};
  const nn::Index n = options.cells;
  const nn::Real dw = (options.w_hi - options.w_lo) / n, db = (options.b_hi - options.b_lo) / n;
  nn::Mat L(n, n);
  for (nn::Index i = 0; i < n; ++i)
    for (nn::Index j = 0; j < n; ++j)
      L(i, j) = loss(options.w_lo + (i + 0.5) * dw, options.b_lo + (j + 0.5) * db, data);
  const nn::Real top = L.max();

  std::string s = nn::plot::svg_begin(680, 580);
  s += "<g shape-rendering=\"crispEdges\">\n";
  for (nn::Index i = 0; i < n; ++i)
    for (nn::Index j = 0; j < n; ++j) {
      const nn::Real w0 = options.w_lo + i * dw, b1 = options.b_lo + (j + 1) * db;
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n",
          box.px(w0), box.py(b1), box.px(w0 + dw) - box.px(w0), box.py(b1 - db) - box.py(b1),
          colour(std::sqrt(L(i, j) / top)));
    }
  s += "</g>\n";
  s += box.axes("w", "b", options.title);

  // The colour scale (square-root spacing, so that the small losses are told apart).
  const nn::Real bar_left = 580, bar_top = 40, bar_height = 480;
  for (int k = 0; k < 48; ++k) {
    const nn::Real f = 1 - (k + 0.5) / 48;
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"18\" height=\"10.5\" fill=\"{}\"/>\n",
                     bar_left, bar_top + k * bar_height / 48, colour(f));
  }
  for (nn::Real f : {0.0, 0.25, 0.5, 0.75, 1.0})
    s += nn::plot::text(bar_left + 24, bar_top + (1 - f) * bar_height + 4,
                        fmt::format("{:.3g}", f * f * top), "start", 11);
  s += nn::plot::text(bar_left + 9, bar_top - 8, "L", "middle", 12);

  if (!path.empty()) {
    std::string points;
    for (const State& st : path)
      points += fmt::format("{:.1f},{:.1f} ", box.px(st.w), box.py(st.b));
    s += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#e8453c\" stroke-width=\"2\"/>\n", points);
    for (std::size_t k = 0; k < path.size(); k += 10)
      s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"#fff\"/>\n",
                       box.px(path[k].w), box.py(path[k].b));
    const State &first = path.front(), &last = path.back();
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"none\" stroke=\"#fff\" "
        "stroke-width=\"2\"/>\n",
        box.px(first.w), box.py(first.b));
    s += label(box.px(first.w) + 10, box.py(first.b) + 18, "start");
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"#fff\"/>\n",
                     box.px(last.w), box.py(last.b));
    s += label(box.px(last.w) + 10, box.py(last.b) + 18,
               fmt::format("end ({:.2f}, {:.2f})", last.w, last.b));
  }
  s += nn::plot::svg_end();
  return s;
}

}  // namespace lab02
