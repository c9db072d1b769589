// lab 07: softmax on ordinary and on large logits, written naively and stably
// (your labs/07-losses/softmax_overflow.cpp). It prints both on three rows, then
// slides the row (1, 2, 3) by a shift c from -1000 to +1000 and draws, for every c,
// what each version gives: the largest probability, and log-sum-exp minus c (both
// should not depend on c at all).
//
//   ./build/student/labs/lab07_overflow [out.svg]   (default: lab07_overflow.svg)
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>

#include "07-losses/softmax_overflow.hpp"
#include "nn/plot/svg.hpp"

namespace {

using nn::Index;
using nn::Mat;
using nn::Real;

constexpr Real kShiftMax = 1000, kShiftStep = 2;
const char* kNaiveColour = "#d62728";
const char* kStableColour = "#1f77b4";

// Row r of M, each value right-aligned in `width` characters.
std::string row_text(const Mat& M, Index r, int width = 11) {
  std::string s;
  for (Index k = 0; k < M.n_cols; ++k) s += fmt::format("{:>{}.6g}", M(r, k), width);
  return s;
}

void print_table(const Mat& Z) {
  const Mat naive = lab07::naive_softmax(Z);
  const Mat stable = lab07::stable_softmax(Z);
  const Mat lse = lab07::log_sum_exp(Z);
  const Mat naive_lse = arma::log(arma::sum(arma::exp(Z), 1));

  fmt::print("{:<22}{:<34}{:<34}\n", "logits", "naive softmax", "stable softmax");
  for (Index r = 0; r < Z.n_rows; ++r)
    fmt::print("{:<22}{:<34}{:<34}\n", row_text(Z, r, 7), row_text(naive, r), row_text(stable, r));
  fmt::print("\n{:<22}{:<34}{:<34}\n", "logits", "log(sum(exp(z)))", "your log_sum_exp");
  for (Index r = 0; r < Z.n_rows; ++r)
    fmt::print("{:<22}{:<34.10g}{:<34.10g}\n", row_text(Z, r, 7), naive_lse(r), lse(r));
  fmt::print("\nEvery stable row should be the same distribution (shifting a row's logits "
             "changes nothing),\nand each log_sum_exp the first one plus the shift.\n");
}

// One curve of a panel: y against x, broken where y is not finite; those points are
// drawn as crosses along the top of the panel instead.
std::string curve(const nn::plot::Panel& frame, const arma::vec& x, const arma::vec& y,
                  const char* colour, Real width) {
  std::string s, points;
  const auto flush = [&] {
    if (!points.empty())
      s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                       points, colour, width);
    points.clear();
  };
  for (Index i = 0; i < x.n_elem; ++i) {
    const Real px = frame.px(x(i));
    if (!std::isfinite(y(i))) {
      flush();
      if (i % 5 == 0)
        s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\" font-size=\"10\" "
                         "text-anchor=\"middle\">x</text>\n",
                         px, frame.top + 12, colour);
      continue;
    }
    const Real clamped = std::clamp(y(i), frame.y_lo, frame.y_hi);
    points += fmt::format("{:.1f},{:.1f} ", px, frame.py(clamped));
  }
  flush();
  return s;
}

std::string legend(Real x, Real y) {
  std::string s;
  const std::pair<const char*, const char*> entries[] = {{"naive", kNaiveColour},
                                                         {"stable (yours)", kStableColour}};
  for (const auto& [label, colour] : entries) {
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                     "stroke-width=\"2\"/>\n",
                     x, y - 4, x + 20, y - 4, colour);
    s += nn::plot::text(x + 26, y, label, "start");
    y += 18;
  }
  return s + nn::plot::text(x, y, "x along the top: NaN or inf", "start", 11);
}

// Both versions on the rows (1, 2, 3) + c, c from -kShiftMax to +kShiftMax.
// Prints where the naive ones stay finite and returns the SVG picture.
std::string sweep() {
  const arma::vec shifts = arma::regspace<arma::vec>(-kShiftMax, kShiftStep, kShiftMax);
  Mat Z(shifts.n_elem, 3);
  for (Index k = 0; k < 3; ++k) Z.col(k) = shifts + Real(k + 1);

  const arma::vec naive_p = lab07::naive_softmax(Z).col(2);
  const arma::vec stable_p = lab07::stable_softmax(Z).col(2);
  const arma::vec naive_lse = arma::vec(arma::log(arma::sum(arma::exp(Z), 1))) - shifts;
  const arma::vec stable_lse = arma::vec(lab07::log_sum_exp(Z)) - shifts;

  fmt::print("\nThe row (1, 2, 3) + c: its largest probability p_3 and log-sum-exp - c "
             "(exactly {:.6f} and {:.6f} for every c)\n",
             std::exp(3 - std::log(std::exp(1) + std::exp(2) + std::exp(3))),
             std::log(std::exp(1) + std::exp(2) + std::exp(3)));
  fmt::print("{:>6} {:>12} {:>12} {:>14} {:>14}\n", "c", "naive p_3", "stable p_3", "naive lse-c",
             "stable lse-c");
  for (const Real c : {-750.0, -746.0, -740.0, 0.0, 706.0, 708.0}) {
    const auto i = static_cast<Index>(std::lround((c + kShiftMax) / kShiftStep));
    fmt::print("{:>6g} {:>12.6f} {:>12.6f} {:>14.6f} {:>14.6f}\n", c, naive_p(i), stable_p(i),
               naive_lse(i), stable_lse(i));
  }
  const arma::uvec finite = arma::find_finite(naive_p);
  if (!finite.is_empty())
    fmt::print("Over c = {:g} .. {:g} in steps of {:g}, the naive softmax is finite for c = {:g} .. "
               "{:g} only.\n",
               -kShiftMax, kShiftMax, kShiftStep, shifts(finite.min()), shifts(finite.max()));

  const nn::plot::Panel left{70, 60, 380, 260, -kShiftMax, kShiftMax, 0, 1};
  const nn::plot::Panel right{560, 60, 380, 260, -kShiftMax, kShiftMax, 2, 5};
  std::string svg = nn::plot::svg_begin(980, 390);
  svg += left.axes("shift c", "p_3", "Softmax of (1, 2, 3) + c: its largest probability");
  svg += curve(left, shifts, stable_p, kStableColour, 5);
  svg += curve(left, shifts, naive_p, kNaiveColour, 2);
  svg += legend(left.left + 16, left.top + 170);
  svg += right.axes("shift c", "log-sum-exp - c", "log sum e^z of (1, 2, 3) + c, minus c");
  svg += curve(right, shifts, stable_lse, kStableColour, 5);
  svg += curve(right, shifts, naive_lse, kNaiveColour, 2);
  svg += legend(right.left + 16, right.top + 170);
  return svg + nn::plot::svg_end();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string svg_path = argc > 1 ? argv[1] : "lab07_overflow.svg";
  // Three rows of logits: (1, 2, 3) shifted by 0, +1000 and -1004 (the same differences).
  const Mat Z = {{1, 2, 3}, {1001, 1002, 1003}, {-1003, -1002, -1001}};
  try {
    print_table(Z);
    nn::plot::save(svg_path, sweep());
    fmt::print("wrote {}\n", svg_path);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}
