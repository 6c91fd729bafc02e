// model.pt of a learned SDE evaluated by C++ and by Python's torch.jit.load (Debian's
// python3-torch): drift, diffusion and an Euler-Maruyama step agree to 1e-6, for every drift and
// diffusion kind, conditioned and not.
#include "learn/model/model_archive.h"
#include "learn/train/sde_module.h"
#include "support/run_command.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <iomanip>

using namespace macrodyn::learn;

namespace {

void write_table(const std::string &path, const torch::Tensor &t) {
  std::ofstream out(path);
  out << std::setprecision(17);
  const auto flat = t.reshape({t.size(0), -1}).contiguous();
  for (int64_t i = 0; i < flat.size(0); ++i) {
    for (int64_t j = 0; j < flat.size(1); ++j)
      out << (j ? " " : "") << flat[i][j].item<double>();
    out << "\n";
  }
}

SdeSpec spec_of(DriftKind drift, DiffusionKind diffusion, int conditions) {
  SdeSpec s;
  s.dimension = 3;
  s.conditions = conditions;
  s.hidden = {8, 8};
  s.drift = drift;
  s.diffusion = diffusion;
  s.z.shift = {0.1, -0.2, 0.3};
  s.z.scale = {0.5, 2.0, 0.01};
  s.c.shift = std::vector<double>(conditions, 1000.0);
  s.c.scale = std::vector<double>(conditions, 300.0);
  s.time_scale = 1e-9;
  return s;
}

} // namespace

TEST(SdeExport, PythonEvaluatesTheModelAsCppDoes) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-export-");
  int index = 0;
  for (auto drift : {DriftKind::MLP, DriftKind::Onsager})
    for (auto diffusion : {DiffusionKind::DiagonalConstant, DiffusionKind::FullConstant,
                           DiffusionKind::Diagonal, DiffusionKind::Full})
      for (int conditions : {0, 1}) {
        torch::manual_seed(index);
        auto module = build_sde_module(spec_of(drift, diffusion, conditions));
        // Move every parameter away from its initialization so nothing is trivially zero.
        {
          torch::NoGradGuard no_grad;
          for (auto p : parameters_of(module))
            p.add_(torch::randn_like(p) * 0.3);
        }
        const std::string stem = dir + "/m" + std::to_string(index++);
        save_model(module, stem + ".pt", R"({"format_version": 1})");
        auto z = torch::randn({5, 3}, torch::kFloat64) * 0.3;
        auto c = 1000.0 + 300.0 * torch::randn({5, conditions}, torch::kFloat64);
        auto noise = torch::randn({5, 3}, torch::kFloat64);
        const double dt = 2e-9;
        write_table(stem + ".z", z);
        write_table(stem + ".c", conditions ? c : torch::zeros({5, 1}, torch::kFloat64));
        write_table(stem + ".noise", noise);
        write_table(stem + ".drift", module.run_method("drift", z, c).toTensor());
        write_table(stem + ".diffusion", module.run_method("diffusion", z, c).toTensor());
        write_table(stem + ".step", module.run_method("step", z, c, dt, noise).toTensor());
      }
  macrodyn::testing::write_file(dir + "/check.py", R"(
import sys, numpy as np, torch
worst = 0.0
for k in range(int(sys.argv[2])):
    stem = f"{sys.argv[1]}/m{k}"
    m = torch.jit.load(stem + ".pt")
    t = lambda ext: torch.tensor(np.loadtxt(stem + ext, ndmin=2), dtype=torch.float64)
    z, noise = t(".z"), t(".noise")
    c = t(".c")[:, : m.condition_count]
    with torch.no_grad():
        got = {".drift": m.drift(z, c), ".diffusion": m.diffusion(z, c).reshape(5, -1),
               ".step": m.step(z, c, 2e-9, noise), }
    for ext, value in got.items():
        want = t(ext)
        rel = (value - want).abs().max().item() / max(want.abs().max().item(), 1e-300)
        worst = max(worst, rel)
print("WORST", worst)
)");
  const auto run = macrodyn::testing::run_command("/usr/bin/python3 " + dir + "/check.py " + dir +
                                                  " " + std::to_string(index));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto at = run.output.find("WORST ");
  ASSERT_NE(at, std::string::npos) << run.output;
  EXPECT_LT(std::stod(run.output.substr(at + 6)), 1e-6) << run.output;
}
