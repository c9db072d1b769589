// A few helpers to write self-contained SVG charts (no scripts, fonts or links):
// a Panel maps data coordinates to pixels and draws its axes, ticks and labels.
#pragma once

#include <string>
#include <vector>

#include "nn/core/types.hpp"

namespace nn::plot {

// About `count` round tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<Real> nice_ticks(Real lo, Real hi, int count = 5);

// A rectangle of the picture (left, top, width, height in pixels) showing the
// data range [x_lo, x_hi] x [y_lo, y_hi], y growing upwards.
struct Panel {
  Real left, top, width, height;
  Real x_lo, x_hi, y_lo, y_hi;

  Real px(Real x) const { return left + (x - x_lo) / (x_hi - x_lo) * width; }
  Real py(Real y) const { return top + height - (y - y_lo) / (y_hi - y_lo) * height; }
  // The frame, ticks with their values, the axis labels and the title, as SVG elements.
  std::string axes(const std::string& x_label, const std::string& y_label,
                   const std::string& title) const;
};

std::string svg_begin(int width, int height);  // "<svg ...>" and a white background
std::string svg_end();                         // "</svg>\n"
std::string escape(const std::string& text);   // &, <, > and " as entities
std::string text(Real x, Real y, const std::string& s, const char* anchor = "middle",
                 int size = 12);

// Writes `svg` to `path`; throws nn::FileError if it cannot.
void save(const std::string& path, const std::string& svg);

}  // namespace nn::plot
