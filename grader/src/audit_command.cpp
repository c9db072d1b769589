// `grader audit`: loads the rubric and the catalogue, runs the audit (audit.hpp)
// and prints it.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "audit.hpp"
#include "commands.hpp"
#include "sandbox.hpp"

namespace fs = std::filesystem;

namespace grader {

int audit_command(const CommonOptions& common, const std::string& only,
                  const std::string& catalogue_path, int jobs) {
  const fs::path root = common.root;
  const std::string catalogue_file =
      catalogue_path.empty() ? (root / kCatalogue).string() : catalogue_path;
  Rubric rubric;
  std::vector<CatalogueEntry> catalogue;
  try {
    rubric = load_rubric(common.rubric);
    catalogue = load_catalogue(catalogue_file);
  } catch (const std::exception& e) {
    std::cerr << "grader: " << e.what() << "\n";
    return 2;
  }
  if (!fs::exists(root / "solutions")) {
    std::cerr << "grader: the audit needs the reference solutions: " << (root / "solutions").string()
              << " does not exist (is this a student handout?)\n";
    return 2;
  }
  if (std::none_of(rubric.items.begin(), rubric.items.end(),
                   [&](const RubricItem& r) { return audit_selects(r, only); })) {
    std::cerr << "grader: no rubric item is or belongs to '" << only << "'\n";
    return 2;
  }
  std::string scratch = (fs::temp_directory_path() / "backprop-audit-XXXXXX").string();
  if (!mkdtemp(scratch.data())) {
    std::cerr << "grader: no scratch folder in " << fs::temp_directory_path().string() << "\n";
    return 2;
  }
  // workers, run as other users when the grader is root, reach their copies in it
  fs::permissions(scratch, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  GradeOptions o;
  o.root = common.root;
  o.cache_dir = common.cache_dir;
  o.work_dir = scratch;
  // the catalogue is the instructor's own code: the plain sandbox is enough where bubblewrap is not
  o.weak_sandbox = !jail_unavailable().empty();
  std::cout << fmt::format("Auditing {} against {}{}: the reference, then each catalogue entry.\n",
                           common.rubric, catalogue_file, only.empty() ? "" : " (only " + only + ")")
            << std::flush;
  const bool tty = isatty(STDERR_FILENO);
  o.on_item = [&](const Item& item, int i, int n) {
    if (tty) std::cerr << fmt::format("\r\x1b[Kthe reference: {}/{} {}", i, n, item.id) << std::flush;
  };
  Audit audit;
  try {
    audit = run_audit(rubric, catalogue, o, only, jobs, [&](const CatalogueEntry& e, int i, int n) {
      if (tty) std::cerr << fmt::format("\r\x1b[K{}/{} {}", i, n, e.name) << std::flush;
    });
  } catch (const std::exception& e) {
    fs::remove_all(scratch);
    std::cerr << (tty ? "\r\x1b[K" : "") << "grader: " << e.what() << "\n";
    return 2;
  }
  fs::remove_all(scratch);
  if (tty) std::cerr << "\r\x1b[K" << std::flush;
  std::cout << "\n" << to_text(audit);
  return audit_passed(audit) ? 0 : 1;
}

}  // namespace grader
