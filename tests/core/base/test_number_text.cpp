// Numbers in metadata text read as LAMMPS's fmt "{}" writes them (reference outputs of fmt 7.1.3,
// the version bundled with LAMMPS 29 Sep 2021), and read back as the same double.
#include "core/base/number_text.h"

#include <gtest/gtest.h>

#include <cstdlib>

using macrodyn::shortest_text;

TEST(NumberText, WritesAsLammpsFmtDoes) {
  EXPECT_EQ(shortest_text(1.0), "1");
  EXPECT_EQ(shortest_text(-2.0), "-2");
  EXPECT_EQ(shortest_text(0.1), "0.1");
  EXPECT_EQ(shortest_text(2.5e-5), "2.5e-05");
  EXPECT_EQ(shortest_text(1e-4), "0.0001");
  EXPECT_EQ(shortest_text(1e13), "10000000000000");
  EXPECT_EQ(shortest_text(1e15), "1000000000000000");
  EXPECT_EQ(shortest_text(1e16), "1e+16");
  EXPECT_EQ(shortest_text(123456.789), "123456.789");
  EXPECT_EQ(shortest_text(0.1 + 0.2), "0.30000000000000004");
}

TEST(NumberText, ReadsBackExactly) {
  for (double v : {1.0 / 3.0, -7.25e-9, 6.02214076e23, 0.96, 1400.0})
    EXPECT_EQ(std::strtod(shortest_text(v).c_str(), nullptr), v) << shortest_text(v);
}
