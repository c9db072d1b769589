#include "rubric.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "exercise.hpp"

namespace grader {

std::string to_string(CheckKind kind) {
  switch (kind) {
    case CheckKind::LayerGradient:
      return "layer_gradient";
    case CheckKind::LossGradient:
      return "loss_gradient";
    case CheckKind::PenaltyGradient:
      return "penalty_gradient";
    case CheckKind::OptimizerStep:
      return "optimizer_step";
    case CheckKind::Training:
      return "training";
    case CheckKind::Exercise:
      return "exercise";
  }
  return "?";
}

std::vector<std::string> Rubric::student_files() const {
  std::vector<std::string> files;
  for (const RubricItem& item : items)
    for (const std::string& f : item.files)
      if (std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
  return files;
}

const RubricItem& Rubric::item(const std::string& id) const {
  for (const RubricItem& i : items)
    if (i.id == id) return i;
  throw std::out_of_range("no rubric item '" + id + "'");
}

namespace {

// Reads item keys, naming the source, the item and the key in every error.
class ItemReader {
 public:
  ItemReader(const toml::table& t, std::string where) : t_(t), where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw RubricError(fmt::format("{}: key '{}': {}", where_, key, problem));
  }
  bool has(const std::string& key) const { return t_.contains(key); }

  std::string text(const std::string& key) const {
    if (auto v = t_[key].value<std::string>()) return *v;
    fail(key, has(key) ? "must be a string" : "is missing");
  }
  double number(const std::string& key, std::optional<double> fallback = {}) const {
    if (!has(key) && fallback) return *fallback;
    if (auto v = t_[key].value<double>()) return *v;
    fail(key, has(key) ? "must be a number" : "is missing");
  }
  std::vector<std::string> texts(const std::string& key, bool required) const {
    std::vector<std::string> out;
    const toml::array* a = t_[key].as_array();
    if (!a) {
      if (required || has(key)) fail(key, "must be an array of strings");
      return out;
    }
    for (const toml::node& n : *a) {
      if (!n.value<std::string>()) fail(key, "must be an array of strings");
      out.push_back(*n.value<std::string>());
    }
    return out;
  }
  std::vector<std::uint64_t> seeds() const {
    std::vector<std::uint64_t> out;
    if (const toml::array* a = t_["seeds"].as_array())
      for (const toml::node& n : *a) {
        auto v = n.value<std::int64_t>();
        if (!v || *v < 0) fail("seeds", "must be an array of non-negative integers");
        out.push_back(static_cast<std::uint64_t>(*v));
      }
    else if (has("seeds"))
      fail("seeds", "must be an array of non-negative integers");
    if (out.empty()) out.push_back(1);
    return out;
  }
  std::vector<std::pair<nn::Index, nn::Index>> shapes() const {
    std::vector<std::pair<nn::Index, nn::Index>> out;
    const toml::array* a = t_["shapes"].as_array();
    if (!a) {
      if (has("shapes")) fail("shapes", "must be an array of [N, D] pairs");
      return out;
    }
    for (const toml::node& n : *a) {
      const toml::array* pair = n.as_array();
      if (!pair || pair->size() != 2 || !(*pair)[0].value<std::int64_t>() ||
          !(*pair)[1].value<std::int64_t>() || *(*pair)[0].value<std::int64_t>() < 1 ||
          *(*pair)[1].value<std::int64_t>() < 1)
        fail("shapes", "must be an array of [N, D] pairs of positive integers");
      out.emplace_back(*(*pair)[0].value<std::int64_t>(), *(*pair)[1].value<std::int64_t>());
    }
    return out;
  }

 private:
  const toml::table& t_;
  std::string where_;
};

Visibility parse_visibility(const ItemReader& r) {
  if (!r.has("visibility")) return Visibility::Visible;
  const std::string v = r.text("visibility");
  for (Visibility candidate : {Visibility::Visible, Visibility::Hidden, Visibility::AfterDueDate,
                               Visibility::AfterPublished})
    if (to_string(candidate) == v) return candidate;
  r.fail("visibility",
         "'" + v + "' is not one of visible, hidden, after_due_date, after_published");
}

CheckKind parse_kind(const ItemReader& r) {
  const std::string k = r.text("kind");
  for (CheckKind candidate :
       {CheckKind::LayerGradient, CheckKind::LossGradient, CheckKind::PenaltyGradient,
        CheckKind::OptimizerStep, CheckKind::Training, CheckKind::Exercise})
    if (to_string(candidate) == k) return candidate;
  r.fail("kind", "'" + k +
                     "' is not one of layer_gradient, loss_gradient, penalty_gradient, "
                     "optimizer_step, training, exercise");
}

RubricItem parse_item(const toml::table& t, const std::string& where, double tolerance) {
  const ItemReader r(t, where);
  RubricItem item;
  item.id = r.text("id");
  const ItemReader named(t, fmt::format("{} ('{}')", where, item.id));
  item.title = named.text("title");
  item.lab = named.has("lab") ? named.text("lab") : "";
  item.points = named.number("points");
  if (item.points < 0) named.fail("points", "must not be negative");
  item.visibility = parse_visibility(named);
  item.files = named.texts("files", true);
  if (item.files.empty()) named.fail("files", "must name at least one file");
  item.depends_on = named.texts("depends_on", false);
  item.kind = parse_kind(named);
  item.target = named.text("target");
  item.shapes = named.shapes();
  if (item.shapes.empty() && item.kind != CheckKind::OptimizerStep &&
      item.kind != CheckKind::Training && item.kind != CheckKind::Exercise)
    named.fail("shapes", "is missing (a gradient item needs at least one [N, D])");
  if (item.kind == CheckKind::Exercise && !find_exercise(item.target)) {
    std::string known;
    for (const std::string& name : exercise_names()) known += (known.empty() ? "" : ", ") + name;
    named.fail("target", "no exercise is named '" + item.target + "' (known: " +
                             (known.empty() ? "none" : known) + ")");
  }
  item.seeds = named.seeds();
  item.tolerance = named.number("tolerance", tolerance);
  item.threshold = named.number("threshold", 0.0);
  item.time_limit = named.number("time_limit", 10.0);
  if (item.time_limit <= 0) named.fail("time_limit", "must be positive");
  return item;
}

}  // namespace

Rubric parse_rubric(const std::string& toml_text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    throw RubricError(fmt::format("{}: line {}, column {}: {}", source, e.source().begin.line,
                                  e.source().begin.column, e.description()));
  }
  Rubric rubric;
  const ItemReader top(root, source);
  rubric.seed = static_cast<std::uint64_t>(top.number("seed", 1.0));
  rubric.tolerance = top.number("tolerance", nn::gradcheck::kTolerance);
  const toml::array* items = root["item"].as_array();
  if (!items || items->empty()) throw RubricError(source + ": no [[item]] entries");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const toml::table* t = (*items)[i].as_table();
    const std::string where = fmt::format("{}: item {}", source, i + 1);
    if (!t) throw RubricError(where + ": must be a table ([[item]])");
    RubricItem item = parse_item(*t, where, rubric.tolerance);
    for (const RubricItem& other : rubric.items)
      if (other.id == item.id)
        throw RubricError(fmt::format("{}: id '{}' is used twice", where, item.id));
    rubric.items.push_back(std::move(item));
  }
  for (const RubricItem& item : rubric.items)
    for (const std::string& dep : item.depends_on) {
      bool known = false;
      for (const RubricItem& other : rubric.items) known = known || other.id == dep;
      if (!known)
        throw RubricError(
            fmt::format("{}: item '{}': depends_on names unknown item '{}'", source, item.id, dep));
    }
  return rubric;
}

namespace {

std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return q + "\"";
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
  return out + "]";
}

}  // namespace

std::string to_toml(const Rubric& rubric) {
  std::string out = fmt::format("seed = {}\ntolerance = {:g}\n", rubric.seed, rubric.tolerance);
  for (const RubricItem& i : rubric.items) {
    out += fmt::format("\n[[item]]\nid = {}\ntitle = {}\nlab = {}\npoints = {:g}\n", quoted(i.id),
                       quoted(i.title), quoted(i.lab), i.points);
    out += fmt::format("visibility = {}\nfiles = {}\nkind = {}\ntarget = {}\n",
                       quoted(to_string(i.visibility)), quoted_list(i.files),
                       quoted(to_string(i.kind)), quoted(i.target));
    if (!i.depends_on.empty()) out += "depends_on = " + quoted_list(i.depends_on) + "\n";
    if (!i.shapes.empty()) {
      out += "shapes = [";
      for (std::size_t k = 0; k < i.shapes.size(); ++k)
        out += fmt::format("{}[{}, {}]", k ? ", " : "", i.shapes[k].first, i.shapes[k].second);
      out += "]\n";
    }
    out += "seeds = [";
    for (std::size_t k = 0; k < i.seeds.size(); ++k)
      out += fmt::format("{}{}", k ? ", " : "", i.seeds[k]);
    out += fmt::format("]\ntolerance = {:g}\nthreshold = {:g}\ntime_limit = {:g}\n", i.tolerance,
                       i.threshold, i.time_limit);
  }
  return out;
}

Rubric load_rubric(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw RubricError(path + ": cannot be opened");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_rubric(ss.str(), path);
}

}  // namespace grader
