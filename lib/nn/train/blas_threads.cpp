#include "nn/train/blas_threads.hpp"

#include <cstdlib>

// OpenBLAS's own functions, declared weak: with another BLAS they are null.
extern "C" {
int openblas_get_num_threads() __attribute__((weak));
void openblas_set_num_threads(int threads) __attribute__((weak));
}

namespace nn {

OneBlasThread::OneBlasThread() {
  if (!openblas_get_num_threads || !openblas_set_num_threads) return;
  if (std::getenv("OPENBLAS_NUM_THREADS")) return;  // the user's choice wins
  const int threads = openblas_get_num_threads();
  if (threads <= 1) return;
  openblas_set_num_threads(1);
  previous_ = threads;
}

OneBlasThread::~OneBlasThread() {
  if (previous_ > 0) openblas_set_num_threads(previous_);
}

}  // namespace nn
