// lab 07: softmax on ordinary and on large logits, written naively and stably
// (your labs/07-losses/softmax_overflow.cpp).
//
//   ./build/student/labs/lab07_overflow
#include <fmt/format.h>

#include <exception>
#include <string>

#include "07-losses/softmax_overflow.hpp"

namespace {

// Row r of M, each value right-aligned in `width` characters.
std::string row_text(const nn::Mat& M, nn::Index r, int width = 11) {
  std::string s;
  for (nn::Index k = 0; k < M.n_cols; ++k) s += fmt::format("{:>{}.6g}", M(r, k), width);
  return s;
}

}  // namespace

int main() {
  // Three rows of logits: the same differences between entries, shifted by 0, +1000, -1000.
  const nn::Mat Z = {{1, 2, 3}, {1001, 1002, 1003}, {-1003, -1002, -1001}};
  try {
    const nn::Mat naive = lab07::naive_softmax(Z);
    const nn::Mat stable = lab07::stable_softmax(Z);
    const nn::Mat lse = lab07::log_sum_exp(Z);
    const nn::Mat naive_lse = arma::log(arma::sum(arma::exp(Z), 1));

    fmt::print("{:<22}{:<34}{:<34}\n", "logits", "naive softmax", "stable softmax");
    for (nn::Index r = 0; r < Z.n_rows; ++r)
      fmt::print("{:<22}{:<34}{:<34}\n", row_text(Z, r, 7), row_text(naive, r),
                 row_text(stable, r));
    fmt::print("\n{:<22}{:<34}{:<34}\n", "logits", "log(sum(exp(z)))", "your log_sum_exp");
    for (nn::Index r = 0; r < Z.n_rows; ++r)
      fmt::print("{:<22}{:<34.10g}{:<34.10g}\n", row_text(Z, r, 7), naive_lse(r),
                 lse(r));
    fmt::print("\nEvery stable row should be the same distribution (shifting a row's logits "
               "changes nothing),\nand each log_sum_exp the first one plus the shift.\n");
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  }
}
