// The native ReLU-network barrier model against a plain double-precision forward pass written
// out here (dense matrix products, ReLU between layers), for dense and sparse inputs; the KMC
// process's sparse encodings against the dense encodings of the same vacancies; layer shapes
// that do not chain are errors.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/learned_barrier_process.h"
#include "core/kmc/relu_mlp_barrier_model.h"
#include "core/kmc/voxel_jump_encoding.h"
#include "support/random_alloy.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

namespace {

DenseLayer random_layer(std::size_t in, std::size_t out, RandomStream &rng, double scale) {
  DenseLayer l;
  l.in = in;
  l.out = out;
  for (std::size_t k = 0; k < in * out; ++k)
    l.weight.push_back(static_cast<float>(scale * (2 * rng.uniform_open() - 1)));
  for (std::size_t k = 0; k < out; ++k)
    l.bias.push_back(static_cast<float>(0.3 * (2 * rng.uniform_open() - 1)));
  return l;
}

/// An NNK-shaped network (729-32-32-1 here) with random weights.
std::vector<DenseLayer> random_network(std::uint64_t seed) {
  RandomStream rng(seed, {});
  return {random_layer(729, 32, rng, 0.1), random_layer(32, 32, rng, 0.3),
          random_layer(32, 1, rng, 0.3)};
}

/// The forward pass in double, as matrix products: the reference.
double reference(const std::vector<DenseLayer> &layers, const std::vector<double> &x) {
  std::vector<double> h = x;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto &d = layers[l];
    std::vector<double> y(d.out, 0.0);
    for (std::size_t i = 0; i < d.in; ++i)
      for (std::size_t k = 0; k < d.out; ++k)
        y[k] += h[i] * d.weight[i * d.out + k];
    for (std::size_t k = 0; k < d.out; ++k) // (x W) * scale + bias
      y[k] = y[k] * (d.scale.empty() ? 1.0 : d.scale[k]) + d.bias[k];
    if (l + 1 < layers.size())
      for (auto &v : y)
        v = std::max(v, 0.0);
    h = std::move(y);
  }
  return h[0];
}

/// A model that offers only dense evaluation: the process then densifies (the default path).
class DenseOnly : public BarrierModel {
public:
  explicit DenseOnly(std::shared_ptr<BarrierModel> m) : m_(std::move(m)) {}
  std::size_t features() const override { return m_->features(); }
  void evaluate(const float *x, std::size_t batch, double *barriers) override {
    m_->evaluate(x, batch, barriers);
  }

private:
  std::shared_ptr<BarrierModel> m_;
};

} // namespace

TEST(ReluMlpBarrierModel, DenseAndSparsePathsEqualAPlainForwardPass) {
  const auto layers = random_network(3);
  ReluMlpBarrierModel model(layers);
  RandomStream rng(5, {});
  const std::size_t batch = 8, nnz = 112;
  std::vector<float> x(batch * 729, 0.0f), value;
  std::vector<std::uint16_t> feature;
  for (std::size_t b = 0; b < batch; ++b) {
    // nnz distinct features per row, values 1..3 (voxel codes), in a shuffled order.
    std::vector<std::uint16_t> all(729);
    for (std::size_t k = 0; k < 729; ++k)
      all[k] = static_cast<std::uint16_t>(k);
    for (std::size_t k = 0; k < nnz; ++k) {
      std::swap(all[k], all[k + rng.below(729 - k)]);
      feature.push_back(all[k]);
      value.push_back(static_cast<float>(1 + rng.below(3)));
      x[b * 729 + all[k]] = value.back();
    }
  }
  std::vector<double> dense(batch), sparse(batch);
  model.evaluate(x.data(), batch, dense.data());
  model.evaluate_sparse(feature.data(), value.data(), nnz, batch, sparse.data());
  int switched_off = 0;
  for (std::size_t b = 0; b < batch; ++b) {
    const double ref = reference(layers, std::vector<double>(&x[b * 729], &x[(b + 1) * 729]));
    // float32 sums of ~112 terms of size ~0.3 against double: agree to ~1e-5.
    EXPECT_NEAR(dense[b], ref, 2e-5 * (1 + std::abs(ref))) << "row " << b;
    EXPECT_NEAR(sparse[b], ref, 2e-5 * (1 + std::abs(ref))) << "row " << b;
    EXPECT_NE(dense[b], layers.back().bias[0]); // the rows reach the output
  }
  // The test means something only if the ReLUs switch units off (the skipped terms).
  for (std::size_t b = 0; b < 1; ++b) {
    std::vector<double> h(layers[0].bias.begin(), layers[0].bias.end());
    for (std::size_t i = 0; i < 729; ++i)
      for (std::size_t k = 0; k < 32; ++k)
        h[k] += x[b * 729 + i] * layers[0].weight[i * 32 + k];
    for (double v : h)
      switched_off += v <= 0;
  }
  EXPECT_GT(switched_off, 3);
  EXPECT_LT(switched_off, 29);
}

TEST(ReluMlpBarrierModel, EightFramesOfOneFeatureListEqualTheDensePathBitForBit) {
  // The KMC's batches: 8 rows listing the same features (a jump's frames), evaluated layer by
  // layer in column tiles; each row must be the bits of its own dense evaluation. Hidden widths
  // 128 (the NNK shape, tiled), 40 (not a multiple of the tile: the plain path) and 20 (the
  // first layer's unpacked path and the ReLU pass's scalar tail).
  for (const std::size_t width : {128u, 40u, 20u}) { // 20: not even a multiple of 8
    RandomStream rng(11, {});
    std::vector<DenseLayer> layers = {
        random_layer(729, width, rng, 0.1), random_layer(width, width, rng, 0.2),
        random_layer(width, width, rng, 0.2), random_layer(width, 1, rng, 0.3)};
    // A folded batch norm's scale on two layers (the scaled ReLU pass), none on the others.
    for (const int l : {0, 2})
      for (std::size_t k = 0; k < width; ++k)
        layers[l].scale.push_back(static_cast<float>(0.5 + rng.uniform_open()));
    ReluMlpBarrierModel model(layers);
    const std::size_t batch = 8, nnz = 113;
    std::vector<std::uint16_t> shared(nnz), feature;
    std::vector<float> x(batch * 729, 0.0f), value;
    for (std::size_t j = 0; j < nnz; ++j)
      shared[j] = static_cast<std::uint16_t>(6 * j + rng.below(6)); // increasing, as the encoding
    for (std::size_t b = 0; b < batch; ++b)
      for (std::size_t j = 0; j < nnz; ++j) {
        feature.push_back(shared[j]);
        value.push_back(static_cast<float>(rng.below(4))); // 0 for a vacancy, codes 1..3
        x[b * 729 + shared[j]] = value.back();
      }
    std::vector<double> dense(batch), frames(batch);
    model.evaluate(x.data(), batch, dense.data());
    model.evaluate_sparse(feature.data(), value.data(), nnz, batch, frames.data());
    for (std::size_t b = 0; b < batch; ++b) {
      EXPECT_EQ(frames[b], dense[b]) << "width " << width << ", row " << b;
      const double ref = reference(layers, std::vector<double>(&x[b * 729], &x[(b + 1) * 729]));
      EXPECT_NEAR(frames[b], ref, 2e-5 * (1 + std::abs(ref))) << "width " << width;
    }
  }
}

TEST(ReluMlpBarrierModel, ProcessBarriersFromSparseEncodingsEqualTheDenseOnes) {
  const Lattice lattice(LatticeKind::BCC, {6, 6, 6}, 3.24);
  const auto x = macrodyn::testing::random_ternary_alloy(lattice, 4, 8);
  auto native = std::make_shared<ReluMlpBarrierModel>(random_network(4));
  KmcOptions o;
  o.energy = NoEnergySpec{};
  o.move = KmcOptions::Move::VacancyExchange;
  o.encoding_codes = {1, 2, 3};
  o.kT = kBoltzmannEvPerK * 2000;
  o.nu = 1e13;
  o.learned_barriers = native;
  LatticeKmc sparse(LatticeKind::BCC, {6, 6, 6}, 3.24, x, o);
  o.learned_barriers = std::make_shared<DenseOnly>(native);
  LatticeKmc dense(LatticeKind::BCC, {6, 6, 6}, 3.24, x, o);
  const auto &ps = dynamic_cast<const LearnedBarrierProcess &>(sparse.process());
  const auto &pd = dynamic_cast<const LearnedBarrierProcess &>(dense.process());
  ASSERT_EQ(ps.n_slots(), 32u);
  for (std::size_t slot = 0; slot < ps.n_slots(); ++slot)
    EXPECT_EQ(ps.barrier(slot), pd.barrier(slot)); // same sums in the same order
}

TEST(ReluMlpBarrierModel, LayersThatDoNotChainAreErrors) {
  RandomStream rng(1, {});
  const auto error_of = [](std::vector<DenseLayer> layers) {
    try {
      ReluMlpBarrierModel m(std::move(layers));
    } catch (const Error &e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of({random_layer(10, 4, rng, 1), random_layer(5, 1, rng, 1)})
                .find("layer 2 takes 5 inputs but the layer before gives 4"),
            std::string::npos);
  EXPECT_NE(
      error_of({random_layer(10, 4, rng, 1)}).find("must give one barrier per jump, it gives 4"),
      std::string::npos);
  auto bad = random_layer(10, 1, rng, 1);
  bad.bias.push_back(0);
  EXPECT_NE(error_of({bad}).find("layer 1: bias has 2 values, expected 1"), std::string::npos);
}
