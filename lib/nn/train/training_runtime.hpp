// Run-time settings that make training on mini-batches faster, held by nn::fit
// for the whole training run:
//
//   const TrainingRuntime runtime;   // until it goes out of scope
//
// The allocator keeps freed memory for reuse. Each step makes temporaries the
// size of the weights (784 x 256 doubles = 1.6 MB in Adam's update); glibc gave
// such blocks back to the system at once and took them again at the next step,
// zeroing every page anew: half of an Adam step. This setting stays after
// training (glibc cannot undo it): a process then keeps up to 256 MB of freed
// memory instead of returning it.
//
// The matrix products use OpenBLAS's own thread count: one thread per core, or
// OPENBLAS_NUM_THREADS when it is set. On a machine other programs keep busy,
// OPENBLAS_NUM_THREADS=1 wastes no time on threads waiting for a core.
#pragma once

namespace nn {

class TrainingRuntime {
 public:
  TrainingRuntime();
  TrainingRuntime(const TrainingRuntime&) = delete;
  TrainingRuntime& operator=(const TrainingRuntime&) = delete;
};

}  // namespace nn
