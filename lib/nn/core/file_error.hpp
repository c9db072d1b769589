// The error thrown when a file cannot be read or is not in the expected format.
// Its message starts with the file's path, then says where in the file the
// problem is (a line number, a byte offset, a parameter's name) and what it is:
//   "data/iris.csv: line 17 has 3 fields, expected 5"
#pragma once

#include <stdexcept>
#include <string>

namespace nn {

class FileError : public std::runtime_error {
 public:
  FileError(const std::string& path, const std::string& problem);
  const std::string path;  // the file the problem is in
};

}  // namespace nn
