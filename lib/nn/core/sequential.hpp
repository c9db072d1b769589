// A model that chains layers (labs/08-training): forward runs them in order,
// backward in reverse, each layer's backward receiving the gradient the layer
// after it returned (the chain rule, one layer at a time).
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "nn/core/layer.hpp"

namespace nn {

class Sequential : public Layer {
 public:
  // Appends a layer constructed in place and returns it, e.g.
  //   auto& fc1 = model.add<Linear>(2, 4);
  template <class L, class... Args>
  L& add(Args&&... args) {
    layers_.push_back(std::make_unique<L>(std::forward<Args>(args)...));
    return static_cast<L&>(*layers_.back());
  }

  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  Params params() override;  // every layer's, named "<index>.<name>", e.g. "0.W"
  std::string name() const override;
  void train(bool on = true) override;
  void freeze_random_state(bool frozen) override;
  void set_input_grad_needed(bool needed) override;  // the first layer's: the others feed it

  void zero_grad();  // sets every parameter gradient to zero
  std::size_t size() const { return layers_.size(); }
  Layer& operator[](std::size_t i) { return *layers_.at(i); }

 private:
  // Throws ShapeError unless `layer`'s backward returned dX with `rows` rows, one
  // per sample as it received: a wrong-shaped gradient would otherwise surface as
  // a baffling error one layer further down.
  static void require_one_row_per_sample(const Layer& layer, const Mat& dX, Index rows);

  std::vector<std::unique_ptr<Layer>> layers_;
};

}  // namespace nn
