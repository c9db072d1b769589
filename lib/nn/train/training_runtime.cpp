#include "nn/train/training_runtime.hpp"

#include <malloc.h>

#include <cstdlib>

// OpenBLAS's own functions, declared weak: with another BLAS they are null.
extern "C" {
int openblas_get_num_threads() __attribute__((weak));
void openblas_set_num_threads(int threads) __attribute__((weak));
}

namespace nn {

TrainingRuntime::TrainingRuntime(double multiply_adds) {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // blocks up to 32 MB from the reusable heap
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // keep up to 256 MB of freed heap

  if (!openblas_get_num_threads || !openblas_set_num_threads) return;
  if (std::getenv("OPENBLAS_NUM_THREADS") || multiply_adds >= kThreadedWork) return;
  const int threads = openblas_get_num_threads();
  if (threads <= 1) return;
  openblas_set_num_threads(1);
  blas_threads_before_ = threads;
}

TrainingRuntime::~TrainingRuntime() {
  if (blas_threads_before_ > 0) openblas_set_num_threads(blas_threads_before_);
}

}  // namespace nn
