#include "nn/data/csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "nn/core/file_error.hpp"

namespace nn::data {
namespace {

struct Line {
  std::size_t number;  // 1-based, as an editor shows it
  std::vector<std::string> fields;
};

std::string trim(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const std::size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> split_fields(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    fields.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

// Every non-blank line of the file, split into fields.
std::vector<Line> read_lines(const std::string& path) {
  if (std::filesystem::is_directory(path))
    throw FileError(path, "is a folder: give the path of a CSV file in it");
  std::ifstream in(path);
  if (!in) throw FileError(path, "cannot open the file (does it exist, is it readable?)");
  std::vector<Line> lines;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number)
    if (!trim(text).empty()) lines.push_back({number, split_fields(text)});
  if (lines.empty()) throw FileError(path, "the file is empty: expected a header line of names");
  return lines;
}

std::optional<Real> parse_number(const std::string& field) {
  if (field.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const Real value = std::strtod(field.c_str(), &end);
  if (end != field.c_str() + field.size() || errno == ERANGE || !std::isfinite(value))
    return std::nullopt;
  return value;
}

bool is_class_index(const std::string& field) {
  return !field.empty() && field.size() <= 9 &&
         std::all_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Fills y (and class_names when the labels are names) from the label texts.
void set_labels(Dataset& data, const std::vector<std::string>& texts) {
  data.y.set_size(texts.size());
  if (std::all_of(texts.begin(), texts.end(), is_class_index)) {
    for (std::size_t i = 0; i < texts.size(); ++i) data.y(i) = std::stoul(texts[i]);
    return;
  }
  std::map<std::string, Index> index_of;  // sorted by name
  for (const std::string& text : texts) index_of[text] = 0;
  for (auto& [name, index] : index_of) {
    index = data.class_names.size();
    data.class_names.push_back(name);
  }
  for (std::size_t i = 0; i < texts.size(); ++i) data.y(i) = index_of.at(texts[i]);
}

Dataset load(const std::string& path, const std::vector<Line>& lines, Index label_column) {
  const std::vector<std::string>& header = lines.front().fields;
  const std::size_t n_columns = header.size();
  if (lines.size() == 1)
    throw FileError(path, fmt::format("line {} is the header, but no data lines follow it",
                                      lines.front().number));

  Dataset data;
  for (std::size_t c = 0; c < n_columns; ++c)
    if (c != label_column) data.feature_names.push_back(header[c]);
  data.X.set_size(lines.size() - 1, n_columns - 1);  // N x D

  std::vector<std::string> label_texts;
  for (std::size_t row = 0; row + 1 < lines.size(); ++row) {
    const Line& line = lines[row + 1];
    if (line.fields.size() != n_columns)
      throw FileError(path, fmt::format("line {} has {} fields, expected {} (as the header has)",
                                        line.number, line.fields.size(), n_columns));
    Index feature = 0;
    for (std::size_t c = 0; c < n_columns; ++c) {
      const std::string& field = line.fields[c];
      if (c == label_column) {
        if (field.empty())
          throw FileError(path, fmt::format("line {}, column {} '{}': the label is empty",
                                            line.number, c + 1, header[c]));
        label_texts.push_back(field);
        continue;
      }
      const std::optional<Real> value = parse_number(field);
      if (!value)
        throw FileError(path, fmt::format("line {}, column {} '{}': '{}' is not a number",
                                          line.number, c + 1, header[c], field));
      data.X(row, feature++) = *value;
    }
  }
  set_labels(data, label_texts);
  return data;
}

}  // namespace

Dataset load_csv(const std::string& path, const std::string& label_column) {
  const std::vector<Line> lines = read_lines(path);
  const std::vector<std::string>& header = lines.front().fields;
  const auto found = std::find(header.begin(), header.end(), label_column);
  if (found == header.end())
    throw FileError(path, fmt::format("line {} (the header) has no label column '{}'; its "
                                      "columns are: {}",
                                      lines.front().number, label_column, fmt::join(header, ", ")));
  return load(path, lines, static_cast<Index>(found - header.begin()));
}

Dataset load_csv(const std::string& path, Index label_column) {
  const std::vector<Line> lines = read_lines(path);
  const std::size_t n_columns = lines.front().fields.size();
  if (label_column >= n_columns)
    throw FileError(path, fmt::format("no label column {} (counting from 0): line {} (the "
                                      "header) has {} columns",
                                      label_column, lines.front().number, n_columns));
  return load(path, lines, label_column);
}

}  // namespace nn::data
