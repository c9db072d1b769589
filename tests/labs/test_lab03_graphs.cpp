// Lab 03 (solution build): the scalar graph's backward pass reproduces the
// handout's worked examples (expected values derived by hand) and agrees with
// central differences of the forward values on every operation.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "03-graphs/graph.hpp"

using namespace lab03;

TEST(WorkedExample, SumTimesProductGraph) {  // f = (x + y) z at (-2, 5, -4)
  Graph g;
  Value x = g.input(-2, "x"), y = g.input(5, "y"), z = g.input(-4, "z");
  Value q = x + y;
  Value f = q * z;
  backward(f);
  EXPECT_DOUBLE_EQ(f.value(), -12);
  EXPECT_DOUBLE_EQ(x.grad(), -4);
  EXPECT_DOUBLE_EQ(y.grad(), -4);
  EXPECT_DOUBLE_EQ(z.grad(), 3);
  EXPECT_DOUBLE_EQ(q.grad(), -4);
  EXPECT_DOUBLE_EQ(f.grad(), 1);
}

TEST(WorkedExample, ExpOfReciprocalStagedNodeByNode) {  // exp(1/x) at x = 2
  Graph g;
  Value x = g.input(2, "x");
  Value r = 1 / x;
  Value f = exp(r);
  backward(f);
  const double e = std::exp(0.5);
  EXPECT_DOUBLE_EQ(r.value(), 0.5);
  EXPECT_DOUBLE_EQ(f.value(), e);
  EXPECT_DOUBLE_EQ(r.grad(), e);               // d exp(r) / d r = exp(r)
  EXPECT_NEAR(x.grad(), -e / 4, 1e-15);        // times d(1/x)/dx = -1/x^2
  EXPECT_NEAR(x.grad(), -0.41218031767503205, 1e-15);
}

TEST(WorkedExample, SineOfHalfSquare) {  // sin(0.5 x^2) at x = 2: cos(2) * 2
  Graph g;
  Value x = g.input(2, "x");
  Value f = sin(0.5 * pow(x, 2));
  backward(f);
  EXPECT_NEAR(f.value(), std::sin(2.0), 1e-15);
  EXPECT_NEAR(x.grad(), 2 * std::cos(2.0), 1e-15);
  EXPECT_NEAR(x.grad(), -0.8322936730942848, 1e-15);
}

TEST(WorkedExample, NodeUsedThreeTimesAddsItsGradients) {  // x x + x at 3: 2x + 1 = 7
  Graph g;
  Value x = g.input(3, "x");
  Value f = x * x + x;
  backward(f);
  EXPECT_DOUBLE_EQ(f.value(), 12);
  EXPECT_DOUBLE_EQ(x.grad(), 7);
}

TEST(WorkedExample, WeightedSumNodeWithUpstreamThree) {  // L = 3 u (w x + v y)
  Graph g;
  Value w = g.input(1), x = g.input(2), v = g.input(3), y = g.input(4), u = g.input(2);
  Value c = u * (w * x + v * y);
  Value L = 3 * c;
  backward(L);
  EXPECT_DOUBLE_EQ(L.value(), 84);
  EXPECT_DOUBLE_EQ(c.grad(), 3);
  EXPECT_DOUBLE_EQ(w.grad(), 12);  // 3 u x
  EXPECT_DOUBLE_EQ(x.grad(), 6);   // 3 u w
  EXPECT_DOUBLE_EQ(v.grad(), 24);  // 3 u y
  EXPECT_DOUBLE_EQ(y.grad(), 18);  // 3 u v
  EXPECT_DOUBLE_EQ(u.grad(), 42);  // 3 (w x + v y)
}

// d f / d x by central differences, f rebuilt from scratch at each point.
double central_difference(const std::function<double(double)>& f, double x) {
  const double h = 1e-6;
  return (f(x + h) - f(x - h)) / (2 * h);
}

TEST(Lab03Graph, EveryOperationAgreesWithCentralDifferences) {
  using Build = std::function<Value(Value, Value)>;
  const std::vector<std::pair<const char*, Build>> ops = {
      {"add", [](Value a, Value b) { return a + b; }},
      {"sub", [](Value a, Value b) { return a - b; }},
      {"mul", [](Value a, Value b) { return a * b; }},
      {"div", [](Value a, Value b) { return a / b; }},
      {"exp", [](Value a, Value) { return exp(a); }},
      {"log", [](Value a, Value) { return log(a); }},
      {"sin", [](Value a, Value) { return sin(a); }},
      {"pow", [](Value a, Value) { return pow(a, 2.5); }},
      {"sigmoid", [](Value a, Value) { return sigmoid(a); }},
      {"tanh", [](Value a, Value) { return tanh(a); }},
  };
  for (const auto& [name, build] : ops)
    for (double a0 : {0.3, 1.7})
      for (double b0 : {-1.3, 2.1}) {
        Graph g;
        Value a = g.input(a0), b = g.input(b0);
        Value f = build(a, b);
        backward(f);
        auto value_at_a = [&](double t) {
          Graph h;
          return build(h.input(t), h.input(b0)).value();
        };
        auto value_at_b = [&](double t) {
          Graph h;
          return build(h.input(a0), h.input(t)).value();
        };
        EXPECT_NEAR(a.grad(), central_difference(value_at_a, a0), 1e-7) << name;
        EXPECT_NEAR(b.grad(), central_difference(value_at_b, b0), 1e-7) << name;
      }
}

TEST(Lab03Graph, TopologicalOrderListsOnlyWhatTheOutputNeedsInputsFirst) {
  Graph g;
  Value x = g.input(1.5), y = g.input(-0.7);
  Value unused = exp(y);
  Value f = x * x + x;
  const std::vector<Id> order = topological_order(g, f.id);
  ASSERT_EQ(order.size(), 3u);  // x, x * x, the sum
  std::vector<long> position(g.size(), -1);
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<long>(i);
  EXPECT_EQ(position[y.id], -1);
  EXPECT_EQ(position[unused.id], -1);
  for (Id id : order) {
    const Node& n = g.node(id);
    if (input_count(n.op) >= 1) {
      EXPECT_LT(position[n.a], position[id]);
    }
    if (input_count(n.op) == 2) {
      EXPECT_LT(position[n.b], position[id]);
    }
  }
  backward(f);
  EXPECT_EQ(y.grad(), 0);
  EXPECT_EQ(unused.grad(), 0);
}

TEST(Lab03Graph, BackwardTwiceGivesTheSameGradients) {
  Graph g;
  Value x = g.input(0.8);
  Value f = sin(x) * exp(x);
  backward(f);
  const double once = x.grad();
  backward(f);
  EXPECT_DOUBLE_EQ(x.grad(), once);
  EXPECT_NEAR(once, std::exp(0.8) * (std::cos(0.8) + std::sin(0.8)), 1e-14);
}

TEST(Lab03Graph, ValuesOfDifferentGraphsDoNotMix) {
  Graph g, h;
  Value x = g.input(1), y = h.input(2);
  EXPECT_THROW(x + y, std::invalid_argument);
  EXPECT_THROW(Value{} * 2.0, std::invalid_argument);
}
