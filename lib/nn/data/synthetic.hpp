// The 2-D toy data sets of TensorFlow Playground (playground.tensorflow.org:
// circle, exclusive or, Gaussian, spiral), plus scikit-learn's two moons.
//
// Each returns a Dataset with X: n x 2 (features "x1", "x2"), in about
// [-5, 5] x [-5, 5] like the Playground's plots, and y: n class indices. The
// classes have equal sizes (the first n % C classes get one sample more), and
// the rows come grouped by class: split() and Batches shuffle them.
//
// noise: the standard deviation of Gaussian noise added to each coordinate
// after a point is placed, in the data's units (0 for clean shapes; 0.5 blurs
// the class boundaries, 1 or more makes them overlap). Its class stays the one
// it was drawn for.
//
// seed: the same seed gives the same points; a different seed, different points.
#pragma once

#include <cstdint>

#include "nn/data/dataset.hpp"

namespace nn::data {

// Class 1: a disc of radius 2.5 around the origin; class 0: a ring with radii
// 3.5 to 5 around it (radius and angle uniform).
Dataset make_circle(Index n, Real noise, std::uint64_t seed);

// Points uniform in [-5, 5]^2, at least 0.3 from both axes. Class 1 where
// x1 * x2 > 0 (first and third quadrants), class 0 in the other two.
Dataset make_xor(Index n, Real noise, std::uint64_t seed);

// Two Gaussian clusters of standard deviation 1: class 1 around (2, 2),
// class 0 around (-2, -2).
Dataset make_gaussian(Index n, Real noise, std::uint64_t seed);

// n_classes interleaved spiral arms (2 in the Playground). A point at
// u ~ U(0, 1) along arm k is at radius r = 5u and angle
// t = 1.75 * 2 pi * u + 2 pi k / n_classes:  (x1, x2) = (r sin t, r cos t).
Dataset make_spiral(Index n, Real noise, std::uint64_t seed, Index n_classes = 2);

// Two interleaved half circles (scikit-learn's make_moons), scaled by 10/3 and
// centred so they span [-5, 5] in x1. Class 0: (cos a, sin a); class 1:
// (1 - cos a, 0.5 - sin a), a ~ U(0, pi), before the scaling.
Dataset make_moons(Index n, Real noise, std::uint64_t seed);

}  // namespace nn::data
