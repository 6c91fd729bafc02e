#include "core/base/error.h"
#include "learn/model/model_archive.h"
#include "support/run_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/script.h>

namespace {

/// A TorchScript module built in C++: forward(x) = x @ W + b with fixed, known weights.
torch::jit::Module affine_module() {
  torch::jit::Module m("Affine");
  m.register_parameter("W", torch::tensor({{1.0, 2.0}, {3.0, 4.0}}, torch::kFloat64), false);
  m.register_parameter("b", torch::tensor({0.5, -0.5}, torch::kFloat64), false);
  m.define(R"(
    def forward(self, x):
        return torch.matmul(x, self.W) + self.b
  )");
  return m;
}

const char *kMetadata = R"({"format_version": 1, "observables": ["m", "dw"], "K": 8})";

TEST(ModelArchive, RoundTripKeepsForwardAndMetadata) {
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-model-") + "/model.pt";
  macrodyn::learn::save_model(affine_module(), path, kMetadata);
  auto loaded = macrodyn::learn::load_model(path);
  // The metadata as given, plus the weights' checksum that save_model adds.
  auto metadata = nlohmann::json::parse(loaded.metadata_json);
  ASSERT_TRUE(metadata.contains("weights_checksum"));
  EXPECT_EQ(metadata["weights_checksum"], macrodyn::learn::weights_checksum(affine_module()));
  metadata.erase("weights_checksum");
  EXPECT_EQ(metadata, nlohmann::json::parse(kMetadata));
  const auto y = loaded.module.forward({torch::tensor({{1.0, 1.0}}, torch::kFloat64)}).toTensor();
  // [1 1] @ [[1 2] [3 4]] + [0.5 -0.5] = [4.5 5.5]
  EXPECT_DOUBLE_EQ(y[0][0].item<double>(), 4.5);
  EXPECT_DOUBLE_EQ(y[0][1].item<double>(), 5.5);
}

TEST(ModelArchive, DamagedWeightsAreAnErrorNotOtherNumbers) {
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-model-") + "/model.pt";
  macrodyn::learn::save_model(affine_module(), path, kMetadata);
  // W is stored as the doubles 1, 2, 3, 4 in a row: change the 4 into an 8 (one bit).
  std::string bytes = macrodyn::testing::read_file(path);
  const double w[4] = {1.0, 2.0, 3.0, 4.0};
  const auto at = bytes.find(std::string(reinterpret_cast<const char *>(w), sizeof w));
  ASSERT_NE(at, std::string::npos) << "W's bytes not found in the archive";
  bytes[at + sizeof w - 1] ^= 0x01;
  macrodyn::testing::write_file(path, bytes);
  try {
    macrodyn::learn::load_model(path);
    FAIL() << "a damaged model loaded";
  } catch (const macrodyn::Error &e) {
    EXPECT_NE(std::string(e.what()).find("model.pt' is damaged: its weights give checksum"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModelArchive, LoadsInPythonWithTorchJitLoad) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-model-");
  macrodyn::learn::save_model(affine_module(), dir + "/model.pt", kMetadata);
  macrodyn::testing::write_file(dir + "/check.py", R"(
import json, sys, torch
extra = {"metadata.json": ""}
m = torch.jit.load(sys.argv[1], _extra_files=extra)
y = m(torch.tensor([[1.0, 1.0]], dtype=torch.float64))
print("PY", y[0, 0].item(), y[0, 1].item(), json.loads(extra["metadata.json"])["K"])
)");
  // Debian's interpreter: python3-torch is a Debian package (a pyenv python3 on PATH may lack it).
  const auto run =
      macrodyn::testing::run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/model.pt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("PY 4.5 5.5 8"), std::string::npos) << run.output;
}

TEST(ModelArchive, MissingOrForeignFilesAreErrorsNamingTheFile) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-model-");
  EXPECT_THROW(macrodyn::learn::load_model(dir + "/absent.pt"), macrodyn::Error);
  macrodyn::testing::write_file(dir + "/text.pt", "not a zip archive");
  try {
    macrodyn::learn::load_model(dir + "/text.pt");
    FAIL() << "a text file loaded as a model";
  } catch (const macrodyn::Error &e) {
    EXPECT_NE(std::string(e.what()).find("text.pt"), std::string::npos) << e.what();
  }
}

} // namespace
