// lab 02: a picture of the loss surface L(w, b) with a descent path on it.
//
//   nn::plot::save("loss_surface.svg", lab02::loss_surface(two_points(), path));
#pragma once

#include <string>
#include <vector>

#include "02-one-neuron/descent.hpp"

namespace lab02 {

struct SurfaceOptions {
  nn::Real w_lo = -6, w_hi = 6, b_lo = -6, b_hi = 6;  // the part of the (w, b) plane shown
  nn::Index cells = 60;                               // grid cells along each axis
  std::string title = "Loss surface L(w, b) and the descent path";
};

// A heat map of L over the (w, b) grid (dark: small loss, light: large), the
// path as a line through its states (a dot at every 10th), the start and the end marked.
std::string loss_surface(const Points& data, const std::vector<State>& path,
                         const SurfaceOptions& options = {});

}  // namespace lab02
