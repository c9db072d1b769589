// Loads a classification data set from a CSV file.
//
// The format: a header line of column names, then one sample per line, fields
// separated by commas (no quoting; spaces around a field and Windows line
// endings are ignored, and so are blank lines). One column holds the label;
// every other column is a numeric feature. E.g. datasets/iris.csv:
//
//   sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label
//   5.1,3.5,1.4,0.2,setosa
//
// Labels: if every label is a non-negative integer ("0", "7"), it is the class
// index itself and class_names stays empty. Otherwise the labels are names: the
// distinct names sorted alphabetically become class_names, and a sample's index
// is its name's position in that list (setosa 0, versicolor 1, virginica 2).
//
// Every problem throws nn::FileError naming the file, the line (1 is the header)
// and the column where there is one, e.g.
//   "iris.csv: line 17 has 3 fields, expected 5"
//   "iris.csv: line 9, column 2 'sepal_width_cm': 'abc' is not a number"
#pragma once

#include <string>

#include "nn/data/dataset.hpp"

namespace nn::data {

// The label is the column named `label_column`.
Dataset load_csv(const std::string& path, const std::string& label_column = "label");

// The label is column `label_column`, counting from 0.
Dataset load_csv(const std::string& path, Index label_column);

}  // namespace nn::data
