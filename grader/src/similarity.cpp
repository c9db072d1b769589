#include "similarity.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "builder.hpp"
#include "grade.hpp"
#include "printable.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// sim_c++ matches runs of at least this many tokens: a shorter region (a one-line
// answer) never pairs with another, since every right answer that short is the same.
constexpr int kMinRunTokens = 12;

// What the student wrote in `source`: the text between its YOUR CODE markers, regions
// one after the other, then each line outside them that the handout's file (`stub`)
// does not have: code added above or below a region (a helper, or a copied answer that
// an untouched region calls) counts as the student's too.
std::string student_code(const std::string& source, const std::string& stub) {
  std::multiset<std::string> handout;  // the stub's lines outside its regions
  bool inside = false;
  std::string line;
  for (std::istringstream in(stub); std::getline(in, line);) {
    if (line.find("---- END YOUR CODE") != std::string::npos) inside = false;
    else if (line.find("---- YOUR CODE") != std::string::npos) inside = true;
    else if (!inside) handout.insert(line);
  }
  std::string regions, added;
  inside = false;
  for (std::istringstream in(source); std::getline(in, line);) {
    if (line.find("---- END YOUR CODE") != std::string::npos) {
      inside = false;
    } else if (line.find("---- YOUR CODE") != std::string::npos) {
      inside = true;
    } else if (inside) {
      regions += line + "\n";
    } else if (const auto it = handout.find(line); it != handout.end()) {
      handout.erase(it);
    } else {
      added += line + "\n";
    }
  }
  return regions + added;
}

// A student's name in a table cell of the report: one printable line, no HTML.
std::string table_cell(const std::string& name) {
  std::string cell;
  for (const char c : printable(name, 200)) {
    if (c == '\n' || c == '\t') cell += ' ';
    else if (c == '|') cell += "\\|";
    else if (c == '<') cell += "&lt;";
    else cell += c;
  }
  return cell;
}

// sim_c++'s report of the files in `dir`: "a.cpp consists for 87 % of b.cpp material".
std::string run_sim(const std::vector<std::string>& files) {
  // -e: every pair on its own (else code matched to one file is not matched to another)
  std::string command = fmt::format("sim_c++ -e -p -T -r {}", kMinRunTokens);
  for (const std::string& f : files) command += " '" + f + "'";
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("sim_c++ cannot be started");
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0)
    throw std::runtime_error("sim_c++ failed (is Debian's similarity-tester installed?): " +
                             output.substr(0, 200));
  return output;
}

}  // namespace

std::vector<SimilarPair> similar_pairs(const Rubric& rubric, const std::string& root,
                                       const std::string& submissions,
                                       const std::vector<std::string>& ids, int min_percent) {
  std::string scratch = (fs::temp_directory_path() / "backprop-similarity-XXXXXX").string();
  if (!mkdtemp(scratch.data())) throw std::runtime_error("no scratch folder in /tmp");
  std::vector<SimilarPair> pairs;
  try {
    for (const std::string& file : rubric.student_files()) {
      const std::string handout = read_file((fs::path(root) / file).string());
      const std::string stub = student_code(handout, handout);
      std::vector<std::string> paths, owners;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        std::vector<std::string> notes;
        const auto found =
            locate_student_files({file}, (fs::path(submissions) / ids[i]).string(), notes);
        if (!found.count(file)) continue;
        const std::string regions = student_code(read_file(found.at(file)), handout);
        if (regions.empty() || regions == stub) continue;  // nothing written
        paths.push_back((fs::path(scratch) / fmt::format("{}.cpp", i)).string());
        owners.push_back(ids[i]);
        std::ofstream(paths.back()) << regions;
      }
      if (paths.size() < 2) continue;
      std::map<std::pair<std::string, std::string>, int> best;
      const std::regex line(R"((\S+) consists for (\d+) % of (\S+) material)");
      const std::string report = run_sim(paths);
      for (std::sregex_iterator m(report.begin(), report.end(), line), end; m != end; ++m) {
        auto owner = [&](const std::string& path) {
          return owners[std::find(paths.begin(), paths.end(), path) - paths.begin()];
        };
        std::string a = owner((*m)[1]), b = owner((*m)[3]);
        if (b < a) std::swap(a, b);
        best[{a, b}] = std::max(best[{a, b}], std::stoi((*m)[2]));
      }
      for (const auto& [pair, percent] : best)
        if (percent >= min_percent) pairs.push_back({file, pair.first, pair.second, percent});
    }
  } catch (...) {
    fs::remove_all(scratch);
    throw;
  }
  fs::remove_all(scratch);
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const SimilarPair& x, const SimilarPair& y) { return x.percent > y.percent; });
  return pairs;
}

std::string write_similarity_report(const Rubric& rubric, const std::string& root,
                                    const std::string& submissions,
                                    const std::vector<std::string>& ids, const std::string& out) {
  const int min_percent = 50;
  std::string text = "# Similar submissions\n\n";
  text += fmt::format(
      "Pairs whose code in one file (between the YOUR CODE markers, and any line added "
      "outside them) is at least {} % alike "
      "(sim_c++: the longest common token runs, so renamed variables and changed layout do "
      "not hide a copy), most alike first. Untouched stubs are not compared, and a region "
      "shorter than {} tokens (a one-line answer) never pairs: every right answer that short "
      "is the same. A high percentage on a short region is expected: read the two files.\n\n",
      min_percent, kMinRunTokens);
  try {
    const std::vector<SimilarPair> pairs = similar_pairs(rubric, root, submissions, ids, min_percent);
    if (pairs.empty()) text += "No pair reaches that.\n";
    else text += "| file | student | student | alike |\n| --- | --- | --- | --- |\n";
    for (const SimilarPair& p : pairs)
      text += fmt::format("| {} | {} | {} | {} % |\n", p.file, table_cell(p.a), table_cell(p.b),
                          p.percent);
  } catch (const std::exception& e) {
    text += std::string("Not computed: ") + e.what() + "\n";
  }
  const std::string path = (fs::path(out) / "similarity.md").string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace grader
