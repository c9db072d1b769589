#include "nn/core/file_error.hpp"

namespace nn {

FileError::FileError(const std::string& path_, const std::string& problem)
    : std::runtime_error(path_ + ": " + problem), path(path_) {}

}  // namespace nn
