#include "nn/io/params_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "nn/core/file_error.hpp"

namespace nn::io {
namespace {

constexpr std::size_t kValueBytes = 8;

std::string header_line() { return fmt::format("{} {}", params_magic, params_version); }

void append_le64(std::string& out, Real value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  for (int shift = 0; shift < 64; shift += 8) out.push_back(static_cast<char>(bits >> shift));
}

Real read_le64(const std::string& bytes, std::size_t offset) {
  std::uint64_t bits = 0;
  for (int b = 7; b >= 0; --b)
    bits = (bits << 8) | static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(b)]);
  Real value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Shows up to 40 characters of file text in a message, non-printable ones as '?'.
std::string excerpt(const std::string& text) {
  std::string shown = text.substr(0, 40);
  for (char& c : shown)
    if (!std::isprint(static_cast<unsigned char>(c))) c = '?';
  return shown + (text.size() > 40 ? "..." : "");
}

// Walks through the file's bytes, failing with messages that name the file.
class Reader {
 public:
  Reader(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

  [[noreturn]] void fail(const std::string& problem) const { throw FileError(path_, problem); }

  // The text up to the next '\n' (which is consumed); `what` names it in errors.
  std::string line(const std::string& what) {
    const std::size_t end = bytes_.find('\n', offset_);
    if (end == std::string::npos)
      fail(
          fmt::format("truncated at byte offset {}: the file ends inside {}", bytes_.size(), what));
    std::string text = bytes_.substr(offset_, end - offset_);
    offset_ = end + 1;
    return text;
  }

  // rows x cols values, stored row by row.
  Mat values(const std::string& name, Index rows, Index cols) {
    const std::size_t needed = rows * cols * kValueBytes;
    if (bytes_.size() - offset_ < needed)
      fail(
          fmt::format("truncated: parameter '{}' needs {} bytes of values from byte offset {}, "
                      "but the file ends at byte offset {}",
                      name, needed, offset_, bytes_.size()));
    Mat value(rows, cols);
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j < cols; ++j, offset_ += kValueBytes)
        value(i, j) = read_le64(bytes_, offset_);
    return value;
  }

  void expect_end() const {
    if (offset_ != bytes_.size())
      fail(fmt::format("{} unexpected bytes after the last parameter, from byte offset {}",
                       bytes_.size() - offset_, offset_));
  }

  std::size_t offset() const { return offset_; }

 private:
  std::string path_, bytes_;
  std::size_t offset_ = 0;
};

// Parses "<name> <rows> <cols>"; false if the line is not exactly that.
bool parse_param_line(const std::string& text, std::string& name, Index& rows, Index& cols) {
  std::istringstream in(text);
  std::string rest;
  return static_cast<bool>(in >> name >> rows >> cols) && !(in >> rest) &&
         text == fmt::format("{} {} {}", name, rows, cols);
}

}  // namespace

void save_params(const std::string& path, const Params& params) {
  std::string out = header_line() + "\n" + fmt::format("{}\n", params.size());
  for (const Param& p : params) {
    const bool has_space = std::any_of(p.name.begin(), p.name.end(), [](char c) {
      return std::isspace(static_cast<unsigned char>(c)) != 0;
    });
    if (p.name.empty() || has_space)
      throw std::invalid_argument(fmt::format(
          "save_params: parameter name '{}' must be non-empty and without whitespace", p.name));
    out += fmt::format("{} {} {}\n", p.name, p.value.n_rows, p.value.n_cols);
    for (Index i = 0; i < p.value.n_rows; ++i)
      for (Index j = 0; j < p.value.n_cols; ++j) append_le64(out, p.value(i, j));
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file) throw FileError(path, "cannot write the file");
}

void load_params(const std::string& path, const Params& params) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw FileError(path, "cannot open the file (does it exist, is it readable?)");
  Reader in(path, std::string(std::istreambuf_iterator<char>(file), {}));

  const std::string magic = in.line("the first line (the magic string)");
  const std::string magic_prefix = std::string(params_magic) + " ";
  if (magic.rfind(magic_prefix, 0) != 0)
    in.fail(
        fmt::format("line 1: wrong magic string '{}', expected '{}': this is not a "
                    "Backprop Lab parameter file",
                    excerpt(magic), header_line()));
  if (magic != header_line())
    in.fail(
        fmt::format("line 1: format version '{}' is not supported: this build reads "
                    "version {}",
                    excerpt(magic.substr(magic_prefix.size())), params_version));

  const std::string count = in.line("the second line (the parameter count)");
  if (count != fmt::format("{}", params.size()))
    in.fail(fmt::format("parameter count mismatch: the file has '{}' parameters, the model has {}",
                        excerpt(count), params.size()));

  std::vector<Mat> values;  // everything is read here first, assigned only at the end
  for (std::size_t k = 0; k < params.size(); ++k) {
    const Param& p = params[k];
    const std::size_t offset = in.offset();
    const std::string text = in.line(fmt::format("parameter {}'s header line", k + 1));
    std::string name;
    Index rows = 0, cols = 0;
    if (!parse_param_line(text, name, rows, cols))
      in.fail(
          fmt::format("byte offset {}: parameter {}'s header line '{}' is not "
                      "'<name> <rows> <cols>'",
                      offset, k + 1, excerpt(text)));
    if (name != p.name)
      in.fail(fmt::format("parameter {} is named '{}' in the file but '{}' in the model", k + 1,
                          name, p.name));
    if (rows != p.value.n_rows || cols != p.value.n_cols)
      in.fail(fmt::format("parameter '{}' is {}x{} in the file but {}x{} in the model", name, rows,
                          cols, p.value.n_rows, p.value.n_cols));
    values.push_back(in.values(name, rows, cols));
  }
  in.expect_end();

  for (std::size_t k = 0; k < params.size(); ++k) params[k].value = values[k];
}

}  // namespace nn::io
