// OpenBLAS on one thread while training on mini-batches.
//
// OpenBLAS splits every matrix product over all cores. The products of a
// mini-batch are small (e.g. 64 x 784 times 784 x 256), and with two threads
// about half of an epoch went to the threads waiting for each other
// (sched_yield) while the epoch was no faster. nn::fit therefore holds one of
// these for the whole training run:
//
//   const OneBlasThread one_blas_thread;   // one thread until it goes out of scope
//
// It does nothing when the BLAS is not OpenBLAS, or when the OPENBLAS_NUM_THREADS
// environment variable chooses the number of threads.
#pragma once

namespace nn {

class OneBlasThread {
 public:
  OneBlasThread();
  ~OneBlasThread();
  OneBlasThread(const OneBlasThread&) = delete;
  OneBlasThread& operator=(const OneBlasThread&) = delete;

 private:
  int previous_ = 0;  // the thread count to put back; 0: nothing was changed
};

}  // namespace nn
