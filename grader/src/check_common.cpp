// What every check kind shares (see check_common.hpp).
#include "check_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <variant>

namespace grader::checks {

namespace {

constexpr std::size_t kMaxMessageLines = 8;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t case_seed(std::uint64_t master, std::uint64_t seed, nn::Index n, nn::Index d) {
  std::uint64_t h = splitmix64(master);
  h = splitmix64(h ^ seed);
  h = splitmix64(h ^ static_cast<std::uint64_t>(n));
  h = splitmix64(h ^ static_cast<std::uint64_t>(d));
  return h & ((std::uint64_t{1} << 62) - 1);  // fits an integer entry of a Message
}

std::vector<std::uint64_t> seeds_of(const RubricItem& item) {
  return item.seeds.empty() ? std::vector<std::uint64_t>{1} : item.seeds;
}

Exchange ask(const WorkerRunner& run_worker, const Message& request) {
  Exchange ex;
  WorkerReply reply;
  try {
    if (!run_worker) throw std::runtime_error("no worker to run");
    reply = run_worker(request);
  } catch (const std::exception& e) {
    ex.text = std::string("the grader could not run your code: ") + e.what();
    return ex;
  }
  switch (reply.run.outcome) {
    case Outcome::Ok:
      break;
    case Outcome::TimedOut:
    case Outcome::CpuLimit:
      ex.answer = Answer::TimedOut;
      ex.text = reply.run.message.empty() ? "your code ran out of time" : reply.run.message;
      return ex;
    case Outcome::StartFailed:
      ex.text = "the grader could not start your program: " + reply.run.message;
      return ex;
    default:
      ex.answer = Answer::Crashed;
      ex.text = reply.run.message.empty() ? "your code crashed" : reply.run.message;
      return ex;
  }
  if (!reply.response) {
    ex.text = "your program gave no usable answer" +
              (reply.problem.empty() ? std::string() : ": " + reply.problem);
    return ex;
  }
  ex.response = std::move(*reply.response);
  try {
    const std::string& status = ex.response.string("status");
    if (status == "ok") {
      ex.answer = Answer::Ok;
    } else if (status == "not_implemented") {
      ex.answer = Answer::NotImplemented;
      if (ex.response.has("method") && ex.response.has("lab")) {
        ex.unwritten_method = ex.response.string("method");
        ex.unwritten_lab = ex.response.string("lab");
      }
      ex.text = ex.response.string("error");
    } else if (status == "error") {
      ex.answer = Answer::StudentError;
      ex.text = ex.response.string("error");
    } else {
      ex.text = "the answer's status is \"" + status + "\"";
    }
  } catch (const ProtocolError& e) {
    ex.text = std::string("the answer is incomplete: ") + e.what();
  }
  return ex;
}

std::optional<Message> reference_answer(const WorkerRunner& run_reference, const Message& request,
                                        std::string& problem) {
  if (!run_reference) {
    problem = "the grader has no reference to judge against (no solutions/, no shipped answers)";
    return std::nullopt;
  }
  WorkerReply reply;
  try {
    reply = run_reference(request);
  } catch (const std::exception& e) {
    problem = std::string("the reference could not be run: ") + e.what();
    return std::nullopt;
  }
  if (reply.run.outcome != Outcome::Ok || !reply.response) {
    problem = "the reference gave no answer: " +
              (reply.problem.empty() ? reply.run.message : reply.problem);
    return std::nullopt;
  }
  const Message::Value* status = nullptr;
  if (const auto it = reply.response->entries().find("status");
      it != reply.response->entries().end())
    status = &it->second;
  const std::string* text = status ? std::get_if<std::string>(status) : nullptr;
  if (!text || *text != "ok") {
    const auto error = reply.response->entries().find("error");
    problem = "the reference code failed on this case" +
              (error != reply.response->entries().end() &&
                       std::holds_alternative<std::string>(error->second)
                   ? ": " + std::get<std::string>(error->second)
                   : std::string());
    return std::nullopt;
  }
  return std::move(reply.response);
}

void Tally::saw(Answer answer) { worst = std::min(worst, answer); }

void Tally::unanswered(const std::string& where, const Exchange& ex, double weight) {
  checked += weight;
  saw(ex.answer);
  switch (ex.answer) {
    case Answer::NotImplemented:  // said once, at the top of the message
      if (not_implemented_text.empty()) {
        not_implemented_text = ex.text;
        unwritten_method = ex.unwritten_method;
        unwritten_lab = ex.unwritten_lab;
      }
      break;
    case Answer::StudentError:
      lines.push_back(
          where + ": your code threw an error: " +
          (ex.text == "std::bad_alloc"
               ? std::string("std::bad_alloc: it ran out of memory (the limit is 2 GiB)")
               : ex.text));
      break;
    case Answer::Ok:
      break;
    default:  // the text says what happened (the sandbox's message for a crash)
      lines.push_back(where + ": " + ex.text);
      break;
  }
}

void Tally::unusable(const std::string& where, const std::string& why, double weight) {
  checked += weight;
  saw(Answer::Unusable);
  lines.push_back(where + ": " + why);
}

void Tally::add_wrong(const std::string& what, const std::string& where) {
  for (auto& [w, cases] : wrong)
    if (w == what) {
      cases.push_back(where);
      return;
    }
  wrong.push_back({what, {where}});
}

namespace {

bool blocked(const Item& out, const Tally& t) {
  return !t.unwritten_lab.empty() && !out.lab.empty() && t.unwritten_lab != out.lab;
}

}  // namespace

void finish(Item& out, const Tally& t, const std::string& summary) {
  const double fraction = t.checked > 0 ? t.passed / t.checked : 0;
  out.points = out.max_points * fraction;
  switch (t.worst) {
    case Answer::TimedOut:
      out.status = Status::TimedOut;
      break;
    case Answer::Crashed:
      out.status = Status::Crashed;
      break;
    case Answer::NotImplemented:
      // a case the student wrote and got wrong, beside one still unwritten: show the failure
      out.status = blocked(out, t)                    ? Status::Blocked
                   : t.wrong.empty() && t.lines.empty() ? Status::NotImplemented
                   : t.passed > 0                       ? Status::Partial
                                                        : Status::Failed;
      break;
    case Answer::Unusable:
      out.status = Status::Error;
      break;
    default:
      out.status = t.checked > 0 && t.passed >= t.checked ? Status::Passed
                   : t.passed > 0                         ? Status::Partial
                                                          : Status::Failed;
  }
  std::string message;
  if (out.status == Status::Blocked) {
    out.needs = fmt::format("{} ({})", t.unwritten_method, t.unwritten_lab);
    message = fmt::format(
        "This item runs your {}, which is not written yet: it is checked once that lab is "
        "done.\n",
        out.needs);
  } else if (out.status == Status::NotImplemented) {
    message = t.not_implemented_text + "\n";
  }
  message += summary;
  std::vector<std::string> lines;
  for (const auto& [what, cases] : t.wrong)
    lines.push_back(cases.size() == 1 ? cases[0] + ": " + what
                                      : fmt::format("{} (in {} cases, the first: {})", what,
                                                    cases.size(), cases[0]));
  lines.insert(lines.end(), t.lines.begin(), t.lines.end());
  for (std::size_t i = 0; i < lines.size() && i < kMaxMessageLines; ++i)
    message += "\n" + lines[i];
  if (lines.size() > kMaxMessageLines)
    message += fmt::format("\n... and {} more", lines.size() - kMaxMessageLines);
  if (out.status != Status::NotImplemented && out.status != Status::Blocked &&
      !t.not_implemented_text.empty())
    message += "\nOther cases: " + t.not_implemented_text;
  out.message = message;
}

std::string summary_line(const RubricItem& item, const Tally& t, const char* what) {
  return fmt::format("{}: {:g} of {:g} {} correct.", item.title.empty() ? item.id : item.title,
                     t.passed, t.checked, what);
}

Message probe_request(const RubricItem& item, const ExerciseCase& c) {
  Message request = c.request;
  request.set_string("kind", "probe");
  request.set_string("target", item.target);
  return request;
}

}  // namespace grader::checks
