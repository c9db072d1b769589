#include "nn/plot/svg.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "nn/core/file_error.hpp"

namespace nn::plot {

std::vector<Real> nice_ticks(Real lo, Real hi, int count) {
  if (!(hi > lo)) return {lo};
  const Real raw = (hi - lo) / count;
  const Real power = std::pow(10.0, std::floor(std::log10(raw)));
  const Real fraction = raw / power;  // in [1, 10)
  const Real step = power * (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10);
  std::vector<Real> ticks;
  for (Real t = std::ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step)
    ticks.push_back(std::abs(t) < 1e-12 * step ? 0 : t);
  return ticks;
}

std::string Panel::axes(const std::string& x_label, const std::string& y_label,
                        const std::string& title) const {
  std::string s = fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" "
      "stroke=\"#333\"/>\n",
      left, top, width, height);
  for (Real t : nice_ticks(x_lo, x_hi)) {
    const Real x = px(t), y = top + height;
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
        "stroke=\"#333\"/>\n",
        x, y, y + 5);
    s += text(x, y + 18, fmt::format("{:g}", t));
  }
  for (Real t : nice_ticks(y_lo, y_hi)) {
    const Real y = py(t);
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" "
        "stroke=\"#333\"/>\n",
        left - 5, y, left);
    s += text(left - 8, y + 4, fmt::format("{:g}", t), "end");
  }
  s += text(left + width / 2, top + height + 38, x_label);
  s += fmt::format(
      "<text x=\"{0:.1f}\" y=\"{1:.1f}\" text-anchor=\"middle\" font-size=\"12\" "
      "font-family=\"sans-serif\" transform=\"rotate(-90 {0:.1f} {1:.1f})\">{2}</text>\n",
      left - 48, top + height / 2, escape(y_label));
  s += text(left + width / 2, top - 10, title, "middle", 14);
  return s;
}

std::string svg_begin(int width, int height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\">\n<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n",
      width, height);
}

std::string svg_end() { return "</svg>\n"; }

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string text(Real x, Real y, const std::string& s, const char* anchor, int size) {
  return fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" font-size=\"{}\" "
      "font-family=\"sans-serif\">{}</text>\n",
      x, y, anchor, size, escape(s));
}

void save(const std::string& path, const std::string& svg) {
  std::ofstream out(path, std::ios::binary);
  out << svg;
  if (!out) throw FileError(path, "cannot write the SVG file");
}

}  // namespace nn::plot
