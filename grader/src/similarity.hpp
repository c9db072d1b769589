// Likely copies across a class: for each graded file, the student's code (the text
// between the YOUR CODE markers, and every line added outside them that the
// handout's file does not have) of every submission is compared with
// sim_c++ (Debian's similarity-tester), which matches token sequences and so sees
// through renamed variables and changed layout. Regions left as handed out are
// not compared (every untouched stub is the same), and a region shorter than
// sim_c++'s minimum run (12 tokens: a one-line answer) never pairs.
#pragma once

#include <string>
#include <vector>

#include "rubric.hpp"

namespace grader {

struct SimilarPair {
  std::string file;      // the repository path, e.g. lib/nn/layers/linear.cpp
  std::string a, b;      // student ids
  int percent = 0;       // how much of one's code is found in the other's (the larger way)
};

// The pairs of `ids` (folders of `submissions`) whose regions of a graded file are
// at least `min_percent` alike, most alike first. Throws std::runtime_error when
// sim_c++ cannot run.
std::vector<SimilarPair> similar_pairs(const Rubric& rubric, const std::string& root,
                                       const std::string& submissions,
                                       const std::vector<std::string>& ids, int min_percent);

// Writes `out`/similarity.md (a table of the pairs, or why there is none) and
// returns its path; `grader batch` calls it after marks.csv.
std::string write_similarity_report(const Rubric& rubric, const std::string& root,
                                    const std::string& submissions,
                                    const std::vector<std::string>& ids, const std::string& out);

}  // namespace grader
