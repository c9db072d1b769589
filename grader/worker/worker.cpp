// The worker: the one program built from student code. The grader runs it as
//
//   worker /dev/fd/3 /dev/fd/4
//
// in a sandbox, with the request in descriptor 3 and an empty in-memory file for
// the response in descriptor 4 (worker_run.hpp); by hand, two file paths do:
//
//   worker request.msg response.msg
//
// It reads the request (a grader::Message), runs the student code it names and
// writes what that code computed. It judges nothing: the grader compares the
// answer with its own pristine code.
//
// Needs only lib/ headers, the nn sources and grader/src/protocol.{hpp,cpp}.
//
// Every response has "status" = "ok" | "not_implemented" | "error" and, unless
// ok, "error" = the exception's text; "not_implemented" adds the unwritten
// "method" and its "lab" (nn::NotImplemented's). Requests ("kind"):
//
//   layer      target (catalogue LayerCase name), features, seed, X (N x D),
//              G (upstream gradient), param_count, param.0 .. param.{k-1},
//              prefill.0 .. prefill.{k-1} (optional: each gradient's value before
//              backward; zeros when absent), backward_calls (optional, 1 when absent:
//              backward runs that many times in a row after one forward) -> dX.first
//              (the first call's), dX (the last call's), grad.0 .. grad.{k-1} (after them)
//   loss       target (LossCase name), pred, target_values -> dPred
//   penalty    target ("L1Penalty" | "L2Penalty"), lambda, W, b, prefill.W, prefill.b
//              (optional, as for layers) -> dW, db
//   optimizer  target (class name), learning_rate, weight_decay, decay, beta2 (each
//              optional, see nn::OptimizerSettings), steps, param_count,
//              param.k (initial values; named "W" for k = 0, "b" for k = 1),
//              grad.s.k (gradient at step s for param k) -> value.s.k
//   training   target (data set: spiral, circle, xor, gaussian, moons), X_train,
//              Y_train (one-hot), X_test, seed -> scores (N_test x C), curves (4 x
//              epochs: train loss, validation loss, train accuracy, validation accuracy)
//   probe      target (a probe's name, probe.hpp): whatever that probe reads and writes
//
// Exit status: 0 when a response was written (whatever its status), 2 on a bad
// command line or an unreadable request.
//
// Session: `worker --session SECONDS REQUESTS ANSWERS` answers several requests in
// one run (REQUESTS holds them as frames, protocol.hpp), so that the jail and the
// libraries are set up once per item rather than once per request. Each request
// runs in a child forked for it: it starts from the state a worker run for it
// alone starts from (after the static initialisers, before any request), its
// crash or loop ends only itself, and it is stopped after SECONDS of wall-clock
// time. Per request, in order, ANSWERS gets two frames: an account (a Message:
// "index", "end" = "exit" | "signal" | "timeout", "code" = the exit status or the
// signal) and the response the child wrote (empty unless it wrote one). The
// grader uses only answers of children that exited with 0 or timed out, and runs
// every other request again on its own (worker_run.hpp).
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "11-classifier/classifier.hpp"
#include "nn/core/errors.hpp"
#include "nn/core/sequential.hpp"
#include "nn/gradcheck/catalogue.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"
#include "nn/optim/by_name.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/fit.hpp"
#include "probe.hpp"
#include "protocol.hpp"

namespace {

using grader::Message;
using nn::Index;
using nn::Mat;

std::string key(const std::string& prefix, std::int64_t k) { return prefix + std::to_string(k); }

std::int64_t count_of(const Message& request, const std::string& name, std::int64_t max) {
  const std::int64_t n = request.integer(name);
  if (n < 0 || n > max)
    throw grader::ProtocolError("entry \"" + name + "\" is " + std::to_string(n) +
                                ", out of range");
  return n;
}

// A gradient's value before backward: the request's `name` (the grader checks
// that backward adds to it, +=), else zeros shaped like `value`.
Mat prefilled(const Message& request, const std::string& name, const Mat& value) {
  if (request.has(name)) return grader::expect_matrix(request, name, value.n_rows, value.n_cols);
  return Mat(value.n_rows, value.n_cols, arma::fill::zeros);
}

void run_layer(const Message& request, Message& response) {
  const nn::gradcheck::LayerCase& c = nn::gradcheck::layer_case(request.string("target"));
  const Mat& X = request.matrix("X");
  const Mat& G = request.matrix("G");
  std::unique_ptr<nn::Layer> layer = c.make(static_cast<Index>(request.integer("features")),
                                            static_cast<std::uint64_t>(request.integer("seed")));
  nn::Params params = layer->params();
  const std::int64_t k = count_of(request, "param_count", 64);
  if (static_cast<std::size_t>(k) != params.size())
    throw grader::ProtocolError("param_count is " + std::to_string(k) + ", the layer has " +
                                std::to_string(params.size()));
  for (std::int64_t i = 0; i < k; ++i) {
    params[i].value = request.matrix(key("param.", i));
    params[i].grad = prefilled(request, key("prefill.", i), params[i].value);
  }
  layer->freeze_random_state(false);
  layer->forward(X);
  layer->freeze_random_state(true);
  const std::int64_t calls =
      request.has("backward_calls") ? count_of(request, "backward_calls", 4) : 1;
  if (calls < 1) throw grader::ProtocolError("backward_calls is 0");
  for (std::int64_t call = 1; call <= calls; ++call) {
    const Mat dX = layer->backward(G);
    if (call == 1) response.set_matrix("dX.first", dX);
    if (call == calls) response.set_matrix("dX", dX);
  }
  for (std::int64_t i = 0; i < k; ++i) response.set_matrix(key("grad.", i), params[i].grad);
}

void run_loss(const Message& request, Message& response) {
  const nn::gradcheck::LossCase& c = nn::gradcheck::loss_case(request.string("target"));
  std::unique_ptr<nn::Loss> loss = c.make();
  loss->forward(request.matrix("pred"), request.matrix("target_values"));
  response.set_matrix("dPred", loss->backward());
}

void run_penalty(const Message& request, Message& response) {
  const std::string& target = request.string("target");
  const nn::Real lambda = request.real("lambda");
  std::unique_ptr<nn::Penalty> penalty;
  if (target == "L1Penalty")
    penalty = std::make_unique<nn::L1Penalty>(lambda);
  else if (target == "L2Penalty")
    penalty = std::make_unique<nn::L2Penalty>(lambda);
  else
    throw grader::ProtocolError("no penalty named \"" + target + "\"");
  Mat W = request.matrix("W"), b = request.matrix("b");
  Mat dW = prefilled(request, "prefill.W", W), db = prefilled(request, "prefill.b", b);
  nn::Params params{{"W", W, dW}, {"b", b, db}};
  penalty->backward(params);
  response.set_matrix("dW", dW);
  response.set_matrix("db", db);
}

nn::OptimizerSettings optimizer_settings(const Message& request) {
  nn::OptimizerSettings s;
  s.learning_rate = request.real("learning_rate");
  if (request.has("weight_decay")) s.weight_decay = request.real("weight_decay");
  if (request.has("decay")) s.decay = request.real("decay");
  if (request.has("beta2")) s.beta2 = request.real("beta2");
  return s;
}

void run_optimizer(const Message& request, Message& response) {
  std::unique_ptr<nn::Optimizer> optimizer =
      nn::make_optimizer(request.string("target"), optimizer_settings(request));
  const std::int64_t steps = count_of(request, "steps", 1000);
  const std::int64_t k = count_of(request, "param_count", 64);
  std::vector<Mat> values(k), grads(k);
  nn::Params params;
  for (std::int64_t i = 0; i < k; ++i) {
    values[i] = request.matrix(key("param.", i));
    params.push_back({i == 0 ? "W" : i == 1 ? "b" : key("p", i), values[i], grads[i]});
  }
  for (std::int64_t s = 0; s < steps; ++s) {
    const std::string step = key("grad.", s) + ".";
    for (std::int64_t i = 0; i < k; ++i) grads[i] = request.matrix(key(step, i));
    optimizer->step(params);
    for (std::int64_t i = 0; i < k; ++i)
      response.set_matrix(key("value.", s) + "." + std::to_string(i), values[i]);
  }
}

// The learning curves, one column per epoch: train loss, val loss, train acc, val acc.
Mat curves_of(const nn::History& history) {
  Mat curves(4, history.epochs.size());
  for (Index e = 0; e < history.epochs.size(); ++e) {
    const nn::EpochRecord& r = history.epochs[e];
    curves.col(e) = arma::vec{r.train_loss, r.val_loss, r.train_accuracy, r.val_accuracy};
  }
  return curves;
}

// The fixed training recipe: an MLP with tanh hidden layers, softmax
// cross-entropy on the logits, mini-batch SGD (provided code, so that the item
// grades the student's layers and loss, not an optimizer).
// lab 11: the student's own network and training plan (labs/11-classifier), with
// validation data for early stopping.
void run_lab_classifier(const Message& request, Message& response) {
  auto model = lab11::make_model(static_cast<std::uint64_t>(request.integer("seed")));
  lab11::Plan plan = lab11::make_plan();
  plan.options.progress = nn::FitOptions::Progress::Never;
  nn::SoftmaxCrossEntropyLoss loss;
  const nn::History history =
      nn::fit(*model, loss, *plan.optimizer, request.matrix("X_train"), request.matrix("Y_train"),
              request.matrix("X_val"), request.matrix("Y_val"), plan.options);
  model->eval();
  response.set_matrix("scores", model->forward(request.matrix("X_test")));
  response.set_matrix("curves", curves_of(history));
}

void run_training(const Message& request, Message& response) {
  const std::string& target = request.string("target");
  if (target == "digits") return run_lab_classifier(request, response);
  const Mat& X = request.matrix("X_train");
  const Mat& Y = request.matrix("Y_train");
  const Mat& X_test = request.matrix("X_test");
  const auto seed = static_cast<std::uint64_t>(request.integer("seed"));
  const Index D = X.n_cols, C = Y.n_cols;
  nn::Sequential model;
  nn::FitOptions options;
  options.progress = nn::FitOptions::Progress::Never;
  options.shuffle_seed = seed;
  options.batch_size = 16;
  nn::Real lr = 0.1;
  if (target == "spiral") {
    model.add<nn::Linear>(D, 32, seed + 1);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(32, 32, seed + 2);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(32, C, seed + 3);
    options.epochs = 600;
  } else if (target == "circle" || target == "xor" || target == "gaussian" || target == "moons") {
    model.add<nn::Linear>(D, 16, seed + 1);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(16, C, seed + 2);
    options.epochs = 100;
  } else {
    throw grader::ProtocolError("no training recipe for \"" + target + "\"");
  }
  nn::SoftmaxCrossEntropyLoss loss;
  nn::SGD sgd(lr);
  const nn::History history = nn::fit(model, loss, sgd, X, Y, options);
  model.eval();
  response.set_matrix("scores", model.forward(X_test));
  response.set_matrix("curves", curves_of(history));
}

void run_probe(const Message& request, Message& response) {
  const std::string& target = request.string("target");
  const grader::ProbeFunction probe = grader::find_probe(target);
  if (!probe) throw grader::ProtocolError("no probe named \"" + target + "\"");
  probe(request, response);
}

// Writes the response straight to `path` (it may be a descriptor's /dev/fd/N, which
// cannot be renamed over).
void write_response(const Message& response, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << grader::encode(response);
  out.flush();
  if (!out) throw grader::ProtocolError(path + ": the response cannot be written");
}

void run(const Message& request, Message& response) {
  const std::string& kind = request.string("kind");
  if (kind == "layer")
    run_layer(request, response);
  else if (kind == "loss")
    run_loss(request, response);
  else if (kind == "penalty")
    run_penalty(request, response);
  else if (kind == "optimizer")
    run_optimizer(request, response);
  else if (kind == "training")
    run_training(request, response);
  else if (kind == "probe")
    run_probe(request, response);
  else
    throw grader::ProtocolError("unknown request kind \"" + kind + "\"");
}

// Runs `request` and writes the response to `path`: 0 when written, 2 otherwise.
int answer(const Message& request, const std::string& path) {
  Message response;
  try {
    run(request, response);
    response.set_string("status", "ok");
  } catch (const nn::NotImplemented& e) {
    response = Message();
    response.set_string("status", "not_implemented");
    response.set_string("error", e.what());
    response.set_string("method", e.method);
    response.set_string("lab", e.lab);
  } catch (const std::exception& e) {
    response = Message();
    response.set_string("status", "error");
    response.set_string("error", e.what());
  }
  try {
    write_response(response, path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker: %s\n", e.what());
    return 2;
  }
  return 0;
}

// ---- session (see the top of this file) ----

std::string read_all(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(bytes.size()))) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || bytes.size() > (std::size_t{256} << 20)) break;  // the grader's bound
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

void write_all(int fd, const std::string& bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw grader::ProtocolError("the session's answers cannot be written");
    done += static_cast<std::size_t>(n);
  }
}

// Waits for the child `pid` until `seconds` have passed (SIGCHLD is blocked, so
// sigtimedwait wakes when it ends); then kills it. Returns its account.
Message wait_for(pid_t pid, double seconds, std::int64_t index) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(seconds));
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  int status = 0;
  bool timed_out = false;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) {
      timed_out = true;
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    const timespec wait{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
    ::sigtimedwait(&chld, nullptr, &wait);
  }
  ::kill(-pid, SIGKILL);  // whatever the request left running in its process group
  Message account;
  account.set_integer("index", index);
  account.set_string("end", timed_out ? "timeout" : WIFEXITED(status) ? "exit" : "signal");
  account.set_integer("code", timed_out            ? 0
                              : WIFEXITED(status) ? WEXITSTATUS(status)
                                                  : WTERMSIG(status));
  return account;
}

// Empties the working folder (the jail's /tmp), as each worker run finds it.
void clear_working_folder() {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(".", ec))
    std::filesystem::remove_all(e.path(), ec);
}

int run_session(double seconds, const std::string& requests_path, const std::string& answers_path) {
  std::vector<std::string> requests;
  {
    std::ifstream in(requests_path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::fprintf(stderr, "worker: %s cannot be read\n", requests_path.c_str());
      return 2;
    }
    requests = grader::read_frames(bytes.str(), 10000);
  }
  const int answers = ::open(answers_path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (answers < 0) {
    std::fprintf(stderr, "worker: %s cannot be written\n", answers_path.c_str());
    return 2;
  }
  sigset_t chld, before;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  ::sigprocmask(SIG_BLOCK, &chld, &before);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const int response = ::memfd_create("response", MFD_CLOEXEC);
    if (response < 0) return 2;
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) return 2;
    if (pid == 0) {  // the request's own process: as a worker run for it alone
      ::setpgid(0, 0);
      ::sigprocmask(SIG_SETMASK, &before, nullptr);
      ::close(answers);
      Message request;
      try {
        request = grader::decode(requests[i], {}, "request " + std::to_string(i));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "worker: %s\n", e.what());
        std::exit(2);
      }
      std::exit(answer(request, "/dev/fd/" + std::to_string(response)));
    }
    const Message account = wait_for(pid, seconds, static_cast<std::int64_t>(i));
    std::string frames;
    grader::append_frame(frames, grader::encode(account));
    grader::append_frame(frames, read_all(response));
    ::close(response);
    clear_working_folder();
    try {
      write_all(answers, frames);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "worker: %s\n", e.what());
      return 2;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--session") {
    char* end = nullptr;
    const double seconds = std::strtod(argv[2], &end);
    if (end != argv[2] && *end == '\0' && seconds > 0) return run_session(seconds, argv[3], argv[4]);
  }
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: %s REQUEST RESPONSE (files, or /dev/fd/N)\n"
                 "       %s --session SECONDS REQUESTS ANSWERS\n",
                 argv[0], argv[0]);
    return 2;
  }
  Message request;
  try {
    request = grader::read_message(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker: %s\n", e.what());
    return 2;
  }
  return answer(request, argv[2]);
}
