#include "nn/plot/decision_boundary.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "nn/plot/svg.hpp"
#include "nn/train/fit.hpp"

namespace nn::plot {
namespace {

// Strong colours for points, pale ones for regions; class k uses entry k % 10.
const char* const kPoint[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                              "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
const char* const kRegion[] = {"#c6dbef", "#f4c7c3", "#c7e9c0", "#dadaeb", "#fdd0a2",
                               "#e0cfc9", "#f7d4ec", "#e0e0e0", "#eeeeb0", "#c2eef3"};

}  // namespace

std::string decision_boundary(Layer& model, const Mat& X, const Labels& y,
                              const BoundaryOptions& options) {
  if (X.n_cols != 2 || X.n_rows == 0 || y.n_elem != X.n_rows || options.grid < 2)
    throw std::invalid_argument(
        fmt::format("decision_boundary: X is {}x{} and y has {} labels: need N x 2 and N labels",
                    X.n_rows, X.n_cols, y.n_elem));
  // The data's range with a 5% margin.
  const arma::rowvec lo = arma::min(X, 0), hi = arma::max(X, 0);
  const arma::rowvec pad = 0.05 * (hi - lo) + 1e-9;
  const Panel frame{
      70, 50, 420, 420, lo(0) - pad(0), hi(0) + pad(0), lo(1) - pad(1), hi(1) + pad(1)};

  // The grid's cell centres, row by row from the top: G^2 x 2.
  const Index G = options.grid;
  const Real dx = (frame.x_hi - frame.x_lo) / G, dy = (frame.y_hi - frame.y_lo) / G;
  Mat cells(G * G, 2);
  for (Index r = 0; r < G; ++r)
    for (Index c = 0; c < G; ++c) {
      cells(r * G + c, 0) = frame.x_lo + (c + 0.5) * dx;
      cells(r * G + c, 1) = frame.y_hi - (r + 0.5) * dy;
    }
  const Labels predicted = predict_classes(model, cells, options.threshold);

  std::string svg = svg_begin(620, 530);
  const Real cell_w = frame.width / G, cell_h = frame.height / G;
  // crispEdges: without it a browser anti-aliases each cell's edges and faint
  // seams show between the grid rows.
  svg += "<g shape-rendering=\"crispEdges\">\n";
  for (Index r = 0; r < G; ++r)  // one rectangle per run of equal classes in a grid row
    for (Index c = 0; c < G;) {
      const Index k = predicted(r * G + c);
      Index end = c + 1;
      while (end < G && predicted(r * G + end) == k) ++end;
      svg += fmt::format(
          "<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"{}\"/>\n",
          frame.left + c * cell_w, frame.top + r * cell_h, (end - c) * cell_w + 0.3, cell_h + 0.3,
          kRegion[k % 10]);
      c = end;
    }
  svg += "</g>\n";
  for (Index i = 0; i < X.n_rows; ++i)
    svg += fmt::format(
        "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"3\" fill=\"{}\" stroke=\"white\" "
        "stroke-width=\"0.7\"/>\n",
        frame.px(X(i, 0)), frame.py(X(i, 1)), kPoint[y(i) % 10]);
  svg += frame.axes("x1", "x2", options.title);

  const Index classes = std::max(arma::max(y), predicted.is_empty() ? 0 : arma::max(predicted)) + 1;
  for (Index k = 0; k < classes; ++k) {  // legend: a swatch per class
    const Real ly = frame.top + 10 + 20.0 * k;
    svg += fmt::format("<rect x=\"510\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n",
                       ly, kPoint[k % 10]);
    svg += text(528, ly + 10, fmt::format("class {}", k), "start");
  }
  return svg + svg_end();
}

}  // namespace nn::plot
