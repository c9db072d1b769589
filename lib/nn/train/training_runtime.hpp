// Run-time settings that make training on mini-batches faster, held by nn::fit
// for the whole training run:
//
//   const TrainingRuntime runtime(batch_rows * weights);   // until it goes out of scope
//
// - OpenBLAS's threads only for large steps. OpenBLAS shares each matrix product
//   among its threads (one per core), but between the products of a step one
//   thread does the element-wise work while the others wait, and on small
//   products the waiting costs more than the sharing saves. Measured on 2 cores
//   (bench/train_mlp.cpp, 784-256-128-10, SGD), two threads against one: batch 40
//   (9.4 million multiply-adds in a forward pass, rows x weights) 1.1x the time,
//   batch 48 (11.3 million) 0.66x, batch 64 0.63x; lab 11's Fashion network
//   (784-128-10, batch 32: 3.3 million) 1.14x. So a step of fewer than
//   kThreadedWork multiply-adds runs on one thread. OPENBLAS_NUM_THREADS, when
//   set, is left alone (the user's choice wins). The results are the same
//   either way: each element of a product is summed by one thread in one order.
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
  static constexpr double kThreadedWork = 10e6;  // multiply-adds of a forward pass

  // multiply_adds: of one step's forward pass, about batch rows x weights.
  explicit TrainingRuntime(double multiply_adds);
  ~TrainingRuntime();
  TrainingRuntime(const TrainingRuntime&) = delete;
  TrainingRuntime& operator=(const TrainingRuntime&) = delete;

 private:
  int blas_threads_before_ = 0;  // the OpenBLAS thread count to put back; 0: unchanged
};

}  // namespace nn
