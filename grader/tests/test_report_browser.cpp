// The HTML report as a person sees it: headless Chromium (Debian's `chromium`,
// installed by scripts/setup.sh) renders the sample report (report_sample.hpp)
// once, with no network, and a probe script appended to a copy of the page
// records what is laid out and visible; the screenshot of the same launch
// must show the page (not a blank one). Skips when chromium is not installed.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "report_sample.hpp"

namespace {

namespace fs = std::filesystem;
using namespace report_sample;

// Runs after layout: per <details> (an item or a gradient check) whether it is
// open and whether its summary line, its content and its heat map are visible;
// how many learning curves are visible; the labs' headings; the visible text;
// whether the page fits its width; how many scripts the page holds (the probe
// alone, if the report ran none).
const char* kProbe = R"(<script>
const visible = e => e.checkVisibility() && e.getBoundingClientRect().height > 0;
const out = {
  details: [...document.querySelectorAll('details')].map(d => ({
    item: d.classList.contains('item'), open: d.open, passed: d.classList.contains('passed'),
    summary: d.querySelector('summary').textContent,
    summary_visible: visible(d.querySelector('summary')),
    content_visible: [...d.children].filter(c => c.tagName !== 'SUMMARY').some(visible),
    svg_visible: [...d.querySelectorAll('svg')].some(visible)})),
  curves: [...document.querySelectorAll('svg polyline')].filter(visible).length,
  labs: [...document.querySelectorAll("section.lab h2")].map(h => h.innerText.replace(/\s+/g, " ").trim()),
  text: document.body.innerText,
  fits: document.documentElement.scrollWidth <= window.innerWidth,
  scripts: document.querySelectorAll('script').length};
const pre = document.createElement('pre');
pre.id = 'probe';
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>)";

std::optional<fs::path> find_chromium() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    for (const char* name : {"chromium", "chromium-browser"})
      if (!dir.empty() && access((fs::path(dir) / name).c_str(), X_OK) == 0)
        return fs::path(dir) / name;
  return std::nullopt;
}

std::string read(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

// The probe's JSON from the dumped DOM (text content: & < > escaped).
nlohmann::json probe_of(const std::string& dom) {
  const std::string open = "<pre id=\"probe\">";
  const std::size_t from = dom.find(open);
  if (from == std::string::npos) return nullptr;
  const std::size_t start = from + open.size();
  std::string text = dom.substr(start, dom.find("</pre>", start) - start);
  for (const auto& [entity, c] : {std::pair<std::string, std::string>{"&lt;", "<"},
                                  {"&gt;", ">"},
                                  {"&nbsp;", " "},
                                  {"&amp;", "&"}})
    for (std::size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + c.size()))
      text.replace(at, entity.size(), c);
  return nlohmann::json::parse(text);
}

struct Pixels {
  std::size_t width = 0, height = 0, channels = 0;
  std::vector<unsigned char> data;  // row-major, `channels` bytes per pixel
};

std::uint32_t big_endian(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) |
         (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

// An 8-bit RGB or RGBA PNG (what Chromium writes) decoded; nullopt otherwise.
std::optional<Pixels> decode_png(const std::string& png) {
  if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return std::nullopt;
  Pixels p;
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t length = big_endian(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (type == "IHDR") {
      p.width = big_endian(png, at + 8);
      p.height = big_endian(png, at + 12);
      const int depth = png[at + 16], colour = png[at + 17], interlace = png[at + 20];
      if (depth != 8 || interlace != 0 || (colour != 2 && colour != 6)) return std::nullopt;
      p.channels = colour == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, length);
    }
    at += 12 + length;
  }
  const std::size_t stride = p.width * p.channels;
  std::vector<unsigned char> raw(p.height * (stride + 1));
  uLongf size = raw.size();
  if (p.channels == 0 ||
      uncompress(raw.data(), &size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      size != raw.size())
    return std::nullopt;
  p.data.resize(p.height * stride);
  for (std::size_t y = 0; y < p.height; ++y) {  // undo each row's filter
    const unsigned filter = raw[y * (stride + 1)];
    const unsigned char* in = &raw[y * (stride + 1) + 1];
    unsigned char* row = &p.data[y * stride];
    const unsigned char* up = y ? &p.data[(y - 1) * stride] : nullptr;
    for (std::size_t x = 0; x < stride; ++x) {
      const int a = x >= p.channels ? row[x - p.channels] : 0, b = up ? up[x] : 0,
                c = up && x >= p.channels ? up[x - p.channels] : 0;
      int predicted = 0;
      if (filter == 1) predicted = a;
      if (filter == 2) predicted = b;
      if (filter == 3) predicted = (a + b) / 2;
      if (filter == 4) {
        const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      if (filter > 4) return std::nullopt;
      row[x] = static_cast<unsigned char>(in[x] + predicted);
    }
  }
  return p;
}

TEST(ReportInBrowser, FailingChecksOpenPassingFoldedLabsSubtotalledNothingRun) {
  const std::optional<fs::path> chromium = find_chromium();
  if (!chromium)
    GTEST_SKIP() << "chromium is not installed (Debian package chromium; scripts/setup.sh "
                    "installs it): the HTML report is not checked in a browser";
  std::string dir_pattern = (fs::temp_directory_path() / "report-browser-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir_pattern.data()), nullptr);
  const fs::path dir = dir_pattern;

  const Submission s = sample();
  std::string page = to_html(s);
  page.insert(page.rfind("</body>"), kProbe);
  std::ofstream(dir / "report.html") << page;

  // One launch: the DOM after the probe ran, and a screenshot. No network: the
  // page names no URL, and every host name resolves to nothing.
  const std::string command =
      "timeout 60 '" + chromium->string() +
      "' --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
      "--disable-extensions --disable-sync --disable-background-networking "
      "--disable-component-update --host-resolver-rules='MAP * ~NOTFOUND' "
      "--window-size=1000,2400 --user-data-dir='" +
      (dir / "profile").string() + "' --screenshot='" + (dir / "shot.png").string() +
      "' --dump-dom 'file://" + (dir / "report.html").string() + "' > '" +
      (dir / "dom.html").string() + "' 2> '" + (dir / "chromium.log").string() + "'";
  const int status = std::system(command.c_str());
  const std::string dom = read(dir / "dom.html"), png = read(dir / "shot.png");
  const std::string log = read(dir / "chromium.log");
  fs::remove_all(dir);
  ASSERT_EQ(status, 0) << log;

  const nlohmann::json probe = probe_of(dom);
  ASSERT_TRUE(probe.is_object()) << "the probe did not run:\n" << dom.substr(0, 2000) << log;
  EXPECT_EQ(probe.at("scripts"), 1) << "the report itself holds no script";
  EXPECT_TRUE(probe.at("fits")) << "the page is wider than a 1000-pixel window";

  // A failing check is open, its heat map on screen; a passing one shows its
  // summary line only (on screen when its item is open). Items likewise.
  std::size_t failed = 0, passed = 0, passed_on_screen = 0, items = 0;
  for (const nlohmann::json& d : probe.at("details")) {
    const std::string summary = d.at("summary");
    if (d.at("item")) {
      ++items;
      EXPECT_EQ(d.at("open"), !d.at("passed")) << summary;
      EXPECT_TRUE(d.at("summary_visible")) << summary;
    } else if (!d.at("passed")) {
      ++failed;
      EXPECT_TRUE(d.at("open")) << summary;
      EXPECT_TRUE(d.at("content_visible")) << summary;
      EXPECT_TRUE(d.at("svg_visible")) << "the heat map of " << summary;
    } else {
      ++passed;
      passed_on_screen += d.at("summary_visible") ? 1 : 0;
      EXPECT_FALSE(d.at("open")) << summary;
      EXPECT_FALSE(d.at("content_visible")) << summary;
      EXPECT_TRUE(contains(summary, "OK")) << summary;
    }
  }
  EXPECT_EQ(items, s.items.size());
  EXPECT_EQ(failed, 1u);
  EXPECT_EQ(passed, 2u);
  EXPECT_EQ(passed_on_screen, 1u) << "the failed item's passing check, folded";
  EXPECT_GE(probe.at("curves").get<int>(), 2) << "the training item's learning curves";

  // Each lab's heading with its subtotal, summed here from the items.
  std::map<std::string, std::pair<double, double>> subtotal;
  for (const Item& item : s.items) {
    subtotal[item.lab].first += item.points;
    subtotal[item.lab].second += item.max_points;
  }
  std::vector<std::string> expected;
  for (const auto& [lab, points] : subtotal)
    expected.push_back(lab + " " + points_text(points.first, points.second));
  EXPECT_EQ(probe.at("labs").get<std::vector<std::string>>(), expected);

  // What a reader sees: the hidden item marked, student output as text, the
  // diagnosis and its hint once.
  const std::string text = probe.at("text");
  EXPECT_TRUE(contains(text, "MLP forward (hidden)")) << text;
  EXPECT_TRUE(contains(text, kHostile)) << "shown as text, not run";
  EXPECT_TRUE(contains(text, "Diagnosis: Gradient off by a constant factor")) << text;
  EXPECT_EQ(text.find("Hint:"), text.rfind("Hint:")) << text;

  // The screenshot shows the page: mostly white paper, some ink, and red
  // (the failing check's heat map and labels).
  const std::optional<Pixels> shot = decode_png(png);
  ASSERT_TRUE(shot) << "not an 8-bit RGB(A) PNG: " << png.size() << " bytes";
  std::size_t ink = 0, red = 0;
  for (std::size_t i = 0; i + 2 < shot->data.size(); i += shot->channels) {
    const int r = shot->data[i], g = shot->data[i + 1], b = shot->data[i + 2];
    if (r + g + b < 600) ++ink;
    if (r > 180 && g < 120 && b < 120) ++red;
  }
  const std::size_t pixels = shot->width * shot->height;
  EXPECT_GT(ink, pixels / 100) << "a blank screenshot";
  EXPECT_LT(ink, pixels / 2) << "a dark or garbled screenshot";
  EXPECT_GT(red, 50u) << "no heat map or failure in red on screen";
}

}  // namespace
