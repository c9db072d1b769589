// Run-time settings that make training on mini-batches faster, held by nn::fit
// for the whole training run:
//
//   const TrainingRuntime runtime;   // until it goes out of scope
//
// - OpenBLAS on one thread. OpenBLAS splits every matrix product over all cores,
//   but the products of a mini-batch are small (e.g. 64 x 784 times 784 x 256):
//   with two threads about half of an epoch went to the threads waiting for each
//   other (sched_yield), and the epoch was no faster. Left alone when the BLAS is
//   not OpenBLAS or when OPENBLAS_NUM_THREADS is set (the user's choice wins).
// - The allocator keeps freed memory for reuse. Each step makes temporaries the
//   size of the weights (784 x 256 doubles = 1.6 MB in Adam's update); glibc
//   gave such blocks back to the system at once and took them again at the next
//   step, zeroing every page anew: half of an Adam step. This setting stays after
//   training (glibc cannot undo it): a process then keeps up to 256 MB of freed
//   memory instead of returning it.
#pragma once

namespace nn {

class TrainingRuntime {
 public:
  TrainingRuntime();
  ~TrainingRuntime();
  TrainingRuntime(const TrainingRuntime&) = delete;
  TrainingRuntime& operator=(const TrainingRuntime&) = delete;

 private:
  int blas_threads_before_ = 0;  // the OpenBLAS thread count to put back; 0: unchanged
};

}  // namespace nn
