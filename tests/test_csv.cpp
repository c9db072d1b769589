// The CSV loader: a good file, then each malformed case; every error message
// must name the file, the line and the problem.
#include <gtest/gtest.h>

#include "nn/data/csv.hpp"
#include "test_helpers.hpp"

using nn::data::load_csv;

TEST(Csv, LoadsFeaturesAndStringLabels) {
  test::TempDir dir;
  const std::string path = dir.file("pets.csv");
  test::write_text(path, "weight, height,label\n1,2,dog\n3,4.5,cat\n-1e-3,0,dog\n");
  const nn::data::Dataset data = load_csv(path);
  ASSERT_EQ(data.X.n_rows, 3u);
  ASSERT_EQ(data.X.n_cols, 2u);
  EXPECT_EQ(data.X(1, 1), 4.5);
  EXPECT_EQ(data.X(2, 0), -0.001);
  EXPECT_EQ(data.feature_names, (std::vector<std::string>{"weight", "height"}));
  // Names sorted alphabetically: cat 0, dog 1.
  EXPECT_EQ(data.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(data.y(0), 1u);
  EXPECT_EQ(data.y(1), 0u);
  EXPECT_EQ(data.y(2), 1u);
  EXPECT_EQ(data.n_classes(), 2u);
}

TEST(Csv, NumericLabelsByIndexWithWindowsLineEndsAndBlankLines) {
  test::TempDir dir;
  const std::string path = dir.file("digits.csv");
  test::write_text(path, "digit,x1,x2\r\n2,0.5,1\r\n\r\n0,1.5,2\r\n\n");
  const nn::data::Dataset data = load_csv(path, nn::Index{0});
  ASSERT_EQ(data.X.n_rows, 2u);
  EXPECT_EQ(data.X(1, 0), 1.5);
  EXPECT_TRUE(data.class_names.empty());
  EXPECT_EQ(data.y(0), 2u);  // the number is the class index
  EXPECT_EQ(data.y(1), 0u);
  EXPECT_EQ(data.n_classes(), 3u);
  EXPECT_EQ(data.feature_names, (std::vector<std::string>{"x1", "x2"}));
}

TEST(Csv, WrongFieldCountNamesFileAndLine) {
  test::TempDir dir;
  const std::string path = dir.file("short.csv");
  test::write_text(path, "a,b,c,d,label\n1,2,3,4,x\n1,2,x\n");
  const std::string message = test::file_error_of([&] { load_csv(path); });
  test::expect_contains(message, {path, "line 3 has 3 fields, expected 5"});
}

TEST(Csv, NonNumericFieldNamesTextAndColumn) {
  test::TempDir dir;
  const std::string path = dir.file("text.csv");
  test::write_text(path, "a,b,label\n1,2,x\n\n1,abc,y\n");
  const std::string message = test::file_error_of([&] { load_csv(path); });
  test::expect_contains(message, {path, "line 4", "column 2 'b'", "'abc' is not a number"});
}

TEST(Csv, EmptyFieldIsNotANumber) {
  test::TempDir dir;
  const std::string path = dir.file("hole.csv");
  test::write_text(path, "a,b,label\n1,,x\n");
  test::expect_contains(test::file_error_of([&] { load_csv(path); }),
                        {path, "line 2", "column 2 'b'", "'' is not a number"});
}

TEST(Csv, EmptyFile) {
  test::TempDir dir;
  const std::string path = dir.file("empty.csv");
  test::write_text(path, "");
  test::expect_contains(test::file_error_of([&] { load_csv(path); }), {path, "empty"});
}

TEST(Csv, HeaderWithoutData) {
  test::TempDir dir;
  const std::string path = dir.file("header.csv");
  test::write_text(path, "a,label\n");
  test::expect_contains(test::file_error_of([&] { load_csv(path); }),
                        {path, "line 1", "no data lines"});
}

TEST(Csv, MissingLabelColumnListsTheColumns) {
  test::TempDir dir;
  const std::string path = dir.file("nolabel.csv");
  test::write_text(path, "a,b,class\n1,2,x\n");
  test::expect_contains(test::file_error_of([&] { load_csv(path, "species"); }),
                        {path, "line 1", "no label column 'species'", "a, b, class"});
  test::expect_contains(test::file_error_of([&] { load_csv(path, nn::Index{3}); }),
                        {path, "no label column 3", "has 3 columns"});
}

TEST(Csv, EmptyLabel) {
  test::TempDir dir;
  const std::string path = dir.file("nolabelvalue.csv");
  test::write_text(path, "a,label\n1,x\n2,\n");
  test::expect_contains(test::file_error_of([&] { load_csv(path); }),
                        {path, "line 3", "column 2 'label'", "the label is empty"});
}

TEST(Csv, MissingFile) {
  const std::string path = "/nonexistent/dir/data.csv";
  test::expect_contains(test::file_error_of([&] { load_csv(path); }), {path, "cannot open"});
}

TEST(Csv, AFolderIsNamedAsOne) {  // e.g. a program given an output folder where it takes a CSV
  test::TempDir dir;
  const std::string path = dir.file("");
  test::expect_contains(test::file_error_of([&] { load_csv(path); }), {path, "is a folder"});
}
