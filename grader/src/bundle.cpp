// `grader bundle`: the command line, and the writers of each platform's bundle.
// The entry scripts and the image recipe are templates in grader/bundle/; a bundle
// holds them and a copy of the framework (with solutions/ and the held-out data:
// a bundle goes to the platform, never to students).
#include "bundle.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "builder.hpp"
#include "rubric.hpp"

namespace fs = std::filesystem;

namespace grader {

namespace {

// Top-level entries of the framework a bundle leaves out: build output and version control.
const std::set<std::string> kNotBundled = {"build", ".git", ".ci"};

void copy_framework(const fs::path& root, const fs::path& dest) {
  fs::create_directories(dest);
  for (const auto& e : fs::directory_iterator(root)) {
    const std::string name = e.path().filename().string();
    if (kNotBundled.count(name) || name.rfind("build", 0) == 0) continue;
    fs::copy(e.path(), dest / name, fs::copy_options::recursive);
  }
}

void copy_template(const fs::path& root, const std::string& name, const fs::path& to) {
  const fs::path from = root / "grader/bundle" / name;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  if (to.extension() == ".sh" || to.filename() == "run_autograder")
    fs::permissions(to, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
}

// Runs `argv` in folder `cwd`; its exit status (127 when it cannot start).
int run_program(const std::vector<std::string>& argv, const fs::path& cwd) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

fs::path fresh_staging_dir() {
  std::string pattern = (fs::temp_directory_path() / "backprop-bundle-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("no staging folder in /tmp");
  return pattern;
}

// The labs of the rubric, in rubric order, each once; only `lab` when it is given.
std::vector<std::string> labs_of(const Rubric& rubric, const std::string& lab) {
  std::vector<std::string> labs;
  for (const RubricItem& item : rubric.items)
    if ((lab.empty() || item.lab.find(lab) != std::string::npos) &&
        std::find(labs.begin(), labs.end(), item.lab) == labs.end())
      labs.push_back(item.lab);
  return labs;
}

// A stable identifier in UUID form, from `name` (PrairieLearn asks one per question).
std::string uuid_from(const std::string& name) {
  const std::string hex = content_hash(name) + content_hash("question:" + name);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20, 12));
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error(path.string() + ": cannot be written");
}

// One externally graded question for `lab`: the files its items grade are uploaded.
void write_question(const Rubric& rubric, const std::string& lab, const std::string& image,
                    const fs::path& dir) {
  std::vector<std::string> files;
  double points = 0;
  for (const RubricItem& item : rubric.items) {
    if (item.lab != lab) continue;
    points += item.points;
    for (const std::string& f : item.files) {
      const std::string name = fs::path(f).filename().string();
      if (std::find(files.begin(), files.end(), name) == files.end()) files.push_back(name);
    }
  }
  const std::string folder = fs::path(lab).filename().string();
  const nlohmann::json info = {
      {"uuid", uuid_from(lab)},
      {"title", "Backprop Lab " + folder},
      {"topic", "Backprop Lab"},
      {"tags", {"backprop-lab"}},
      {"type", "v3"},
      {"gradingMethod", "External"},
      {"singleVariant", true},
      {"externalGradingOptions",
       {{"enabled", true},
        {"image", image},
        {"entrypoint", "/opt/backprop-lab/grader/bundle/prairielearn/run.sh"},
        {"timeout", 600}}}};
  write_text(dir / "info.json", info.dump(2) + "\n");
  std::string names;
  for (const std::string& f : files) names += (names.empty() ? "" : ", ") + f;
  write_text(dir / "question.html",
             fmt::format("<pl-question-panel>\n"
                         "  <p>Upload your files for {} ({:g} points): {}.\n"
                         "  The handout is {}/README.md in your copy of the course.</p>\n"
                         "</pl-question-panel>\n\n"
                         "<pl-file-upload file-names=\"{}\"></pl-file-upload>\n\n"
                         "<pl-submission-panel>\n"
                         "  <pl-external-grader-results></pl-external-grader-results>\n"
                         "  <pl-file-preview></pl-file-preview>\n"
                         "</pl-submission-panel>\n",
                         lab, points, names, lab, names));
  write_text(dir / "tests/lab", lab + "\n");  // run.sh grades only this lab's items
}

}  // namespace

int write_gradescope_bundle(const CommonOptions& common, const std::string& zip_path,
                            const std::string& lab) {
  const Rubric rubric = load_rubric(common.rubric);
  if (!lab.empty() && labs_of(rubric, lab).empty()) {
    std::cerr << "grader: no rubric item belongs to lab '" << lab << "'\n";
    return 2;
  }
  const fs::path root = common.root, stage = fresh_staging_dir();
  const fs::path zip = fs::absolute(zip_path);
  copy_framework(root, stage / "framework");
  fs::copy_file(common.rubric, stage / "framework/grader/rubric.toml",
                fs::copy_options::overwrite_existing);
  copy_template(root, "gradescope/setup.sh", stage / "setup.sh");
  copy_template(root, "gradescope/run_autograder", stage / "run_autograder");
  if (!lab.empty()) write_text(stage / "lab", lab + "\n");
  fs::create_directories(zip.parent_path());
  fs::remove(zip);
  // Info-ZIP keeps the Unix permissions: run_autograder stays executable.
  const int status = run_program({"zip", "-q", "-r", "-X", zip.string(), "."}, stage);
  fs::remove_all(stage);
  if (status != 0) {
    std::cerr << "grader: zip failed (exit status " << status
              << "); is Info-ZIP installed (Debian package zip)?\n";
    return 1;
  }
  std::cout << fmt::format("Gradescope autograder written to {} ({}): upload it as the "
                           "assignment's autograder (\"Zip file upload\").\n",
                           zip.string(), lab.empty() ? "the whole course" : "lab " + lab);
  return 0;
}

int write_prairielearn_bundle(const CommonOptions& common, const std::string& dir,
                              const std::string& lab) {
  const Rubric rubric = load_rubric(common.rubric);
  const std::vector<std::string> labs = labs_of(rubric, lab);
  if (labs.empty()) {
    std::cerr << "grader: no rubric item belongs to lab '" << lab << "'\n";
    return 2;
  }
  const fs::path out = dir;
  if (fs::exists(out) && !fs::is_empty(out)) {
    std::cerr << "grader: " << dir << " exists and is not empty; choose a new folder\n";
    return 2;
  }
  const std::string image = "backprop-lab/grader";
  copy_framework(common.root, out / "image/framework");
  fs::copy_file(common.rubric, out / "image/framework/grader/rubric.toml",
                fs::copy_options::overwrite_existing);
  copy_template(common.root, "prairielearn/Dockerfile", out / "image/Dockerfile");
  for (const std::string& l : labs)
    write_question(rubric, l, image, out / "questions" / fs::path(l).filename());
  std::cout << fmt::format(
      "PrairieLearn bundle written to {}: build the grading image with\n"
      "  docker build -t {} {}/image\n"
      "and copy the {} question(s) in {}/questions into your course's questions/ folder.\n",
      dir, image, dir, labs.size(), dir);
  return 0;
}

CLI::App* add_bundle_cli(CLI::App& app, BundleOptions& options) {
  CLI::App* bundle = app.add_subcommand(
      "bundle", "write what a course platform needs to grade submissions (Gradescope, "
                "PrairieLearn), or grade one submission inside the platform's container");
  bundle->require_subcommand(1);
  const char* lab_help = "only this lab's items, e.g. 05 or 05-linear (default: every lab)";
  CLI::App* gradescope =
      bundle->add_subcommand("gradescope", "write Gradescope's autograder zip");
  gradescope->add_option("--out", options.out, "the zip file to write")->required();
  gradescope->add_option("--lab", options.lab, lab_help);
  CLI::App* prairielearn = bundle->add_subcommand(
      "prairielearn", "write a PrairieLearn grading image folder and one question per lab");
  prairielearn->add_option("--out", options.out, "the folder to create")->required();
  prairielearn->add_option("--lab", options.lab, lab_help);
  CLI::App* run = bundle->add_subcommand(
      "run", "grade the submission in a platform's folder layout and write its results.json "
             "(what the bundle's entry script runs)");
  run->add_option("platform", options.platform, "gradescope or prairielearn")
      ->required()
      ->check(CLI::IsMember({"gradescope", "prairielearn"}));
  run->add_option("--platform-root", options.platform_root,
                  "the platform's folder: /autograder (Gradescope), /grade (PrairieLearn)")
      ->required()
      ->check(CLI::ExistingDirectory);
  run->add_option("--lab", options.lab, lab_help);
  gradescope->callback([&options] { options.platform = "gradescope"; });
  prairielearn->callback([&options] { options.platform = "prairielearn"; });
  run->callback([&options] { options.run = true; });
  return bundle;
}

int bundle_command(const CommonOptions& common, const BundleOptions& options) {
  try {
    if (options.run)
      return run_on_platform(common, options.platform, options.platform_root, options.lab);
    if (options.platform == "gradescope")
      return write_gradescope_bundle(common, options.out, options.lab);
    return write_prairielearn_bundle(common, options.out, options.lab);
  } catch (const std::exception& e) {
    std::cerr << "grader: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace grader
