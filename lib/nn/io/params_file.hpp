// Saving and loading a model's parameters (Sequential::params(), or any
// layer's) to and from a file.
//
//   io::save_params("model.params", model.params());
//   io::load_params("model.params", model.params());   // same architecture
//
// File format, version 1 (also in docs/model-format.md). Text lines end in a
// single '\n'; numbers in them are decimal.
//
//   BACKPROP-LAB-PARAMS 1\n          magic string, a space, the format version
//   <P>\n                            the number of parameters
//   then for each of the P parameters, in the order of params():
//   <name> <rows> <cols>\n           e.g. "0.W 2 4"; the name has no whitespace
//   <rows*cols values>               IEEE-754 binary64, little-endian, 8 bytes
//                                    each, row by row (row-major: value (i, j)
//                                    is number i*cols + j)
//   and nothing after the last parameter's values.
//
// load_params checks the magic string, the version, the parameter count, each
// name and shape against the model's, and the file's length, and throws
// nn::FileError naming the file and what mismatched (e.g. "parameter '0.W' is
// 3x4 in the file but 2x4 in the model"). It reads the whole file into
// temporaries before it assigns anything, so after an error the model is
// exactly as it was.
#pragma once

#include <string>

#include "nn/core/types.hpp"

namespace nn::io {

inline constexpr const char* params_magic = "BACKPROP-LAB-PARAMS";
inline constexpr int params_version = 1;

// Writes each parameter's name and value (gradients are not saved). Throws
// std::invalid_argument on a name with whitespace, nn::FileError if the file
// cannot be written.
void save_params(const std::string& path, const Params& params);

// Sets each parameter's value from the file (gradients are left alone).
void load_params(const std::string& path, const Params& params);

}  // namespace nn::io
