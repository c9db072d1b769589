#include "nn/data/synthetic.hpp"

#include <cmath>
#include <functional>
#include <stdexcept>

#include "nn/core/rng.hpp"

namespace nn::data {
namespace {

const Real pi = arma::datum::pi;

struct Point {
  Real x1, x2;
};

// n points, class k's drawn by place(k, rng) for the k-th share of the rows,
// then noise added to every coordinate.
Dataset generate(Index n, Index n_classes, Real noise, std::uint64_t seed,
                 const std::function<Point(Index, Rng&)>& place) {
  if (n_classes < 2) throw std::invalid_argument("a synthetic data set needs at least 2 classes");
  if (noise < 0) throw std::invalid_argument("noise is a standard deviation: it cannot be < 0");
  Rng rng(seed);
  Dataset data;
  data.X.set_size(n, 2);  // n x 2
  data.y.set_size(n);
  data.feature_names = {"x1", "x2"};
  Index row = 0;
  for (Index k = 0; k < n_classes; ++k) {
    const Index count = n / n_classes + (k < n % n_classes ? 1 : 0);
    for (Index i = 0; i < count; ++i, ++row) {
      const Point p = place(k, rng);
      data.X(row, 0) = p.x1 + noise * rng.normal();
      data.X(row, 1) = p.x2 + noise * rng.normal();
      data.y(row) = k;
    }
  }
  return data;
}

Point polar(Real radius, Real angle) {
  return {radius * std::sin(angle), radius * std::cos(angle)};
}

}  // namespace

Dataset make_circle(Index n, Real noise, std::uint64_t seed) {
  return generate(n, 2, noise, seed, [](Index k, Rng& rng) {
    const Real radius = k == 1 ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    return polar(radius, rng.uniform(0, 2 * pi));
  });
}

Dataset make_xor(Index n, Real noise, std::uint64_t seed) {
  constexpr Real padding = 0.3;
  return generate(n, 2, noise, seed, [](Index k, Rng& rng) {
    // Magnitudes in [padding, 5]; class 1 takes equal signs, class 0 opposite ones.
    const Real sign1 = rng.uniform() < 0.5 ? -1 : 1;
    const Real sign2 = k == 1 ? sign1 : -sign1;
    return Point{sign1 * rng.uniform(padding, 5), sign2 * rng.uniform(padding, 5)};
  });
}

Dataset make_gaussian(Index n, Real noise, std::uint64_t seed) {
  return generate(n, 2, noise, seed, [](Index k, Rng& rng) {
    const Real centre = k == 1 ? 2 : -2;
    return Point{centre + rng.normal(), centre + rng.normal()};
  });
}

Dataset make_spiral(Index n, Real noise, std::uint64_t seed, Index n_classes) {
  return generate(n, n_classes, noise, seed, [n_classes](Index k, Rng& rng) {
    const Real u = rng.uniform();
    return polar(5 * u, 1.75 * 2 * pi * u + 2 * pi * static_cast<Real>(k) / n_classes);
  });
}

Dataset make_moons(Index n, Real noise, std::uint64_t seed) {
  constexpr Real scale = 10.0 / 3;  // x1 spans [-1, 2] before scaling
  return generate(n, 2, noise, seed, [](Index k, Rng& rng) {
    const Real a = rng.uniform(0, pi);
    const Point p =
        k == 0 ? Point{std::cos(a), std::sin(a)} : Point{1 - std::cos(a), 0.5 - std::sin(a)};
    return Point{(p.x1 - 0.5) * scale, (p.x2 - 0.25) * scale};
  });
}

}  // namespace nn::data
