#include "nn/train/training_runtime.hpp"

#include <malloc.h>

namespace nn {

TrainingRuntime::TrainingRuntime() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // blocks up to 32 MB from the reusable heap
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // keep up to 256 MB of freed heap
}

}  // namespace nn
