#include "core/kmc/learned_barrier_process.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace macrodyn {

LearnedBarrierProcess::LearnedBarrierProcess(Configuration &config, const Lattice &lattice,
                                             const VoxelJumpEncoding &encoding, BarrierModel &model,
                                             double kT, double nu, std::size_t memo_entries)
    : config_(&config), lattice_(&lattice), encoding_(&encoding), model_(&model), kT_(kT), nu_(nu),
      geometry_(lattice), memo_(encoding.sphere_size(), memo_entries) {
  require(kT > 0, "vacancy exchange needs a temperature > 0");
  require(nu > 0, "vacancy exchange needs an attempt frequency > 0");
  require(model.features() == static_cast<std::size_t>(VoxelJumpEncoding::kFeatures),
          "the barrier model reads " + std::to_string(model.features()) +
              " features; the voxel9 encoding has " + std::to_string(VoxelJumpEncoding::kFeatures));
  z_ = lattice.coordination(0);
  require(z_ == VoxelJumpEncoding::kJumps, "learned barriers need the 8 first neighbours of BCC");
  for (std::size_t i = 0; i < config.size(); ++i)
    if (config[i] == kVacancy) vacancies_.push_back(i);
  const double reach = encoding.radius() + 1e-9 * lattice.constant();
  reach2_ = reach * reach;
  barriers_.resize(vacancies_.size());
  stale_.assign(vacancies_.size(), 1);
  sphere_.resize(encoding.sphere_size());
  values_.resize(VoxelJumpEncoding::kJumps * encoding.sphere_size());
}

void LearnedBarrierProcess::set_vacancy_order(const std::vector<std::size_t> &order) {
  vacancies_ = checked_vacancy_order(vacancies_, order);
  stale_.assign(vacancies_.size(), 1); // barriers are cached per vacancy index
}

std::size_t LearnedBarrierProcess::target(std::size_t slot) const {
  return lattice_->neighbours(vacancies_[slot / z_], 0)[slot % z_];
}

void LearnedBarrierProcess::refresh(std::size_t u) const {
  encoding_->sphere_species(*config_, vacancies_[u], sphere_.data());
  if (memo_.enabled())
    if (const auto *hit = memo_.find(sphere_.data())) {
      barriers_[u] = *hit;
      stale_[u] = 0;
      ++stats_.memo_hits;
      return;
    }
  encoding_->frame_values(sphere_.data(), values_.data());
  const auto &features = encoding_->sphere_features();
  model_->evaluate_frames(features.data(), values_.data(), features.size(),
                          VoxelJumpEncoding::kJumps, barriers_[u].data());
  ++stats_.evaluations;
  for (double e : barriers_[u])
    require(std::isfinite(e), "the barrier model returned a non-finite barrier");
  if (memo_.enabled()) memo_.insert(sphere_.data(), barriers_[u]);
  stale_[u] = 0;
}

double LearnedBarrierProcess::barrier(std::size_t slot) const {
  const std::size_t u = slot / z_;
  if (stale_[u]) refresh(u);
  return barriers_[u][encoding_->frame(vacancies_[u], static_cast<int>(slot % z_))];
}

double LearnedBarrierProcess::rate(std::size_t slot) const {
  const std::size_t v = vacancies_[slot / z_];
  const std::size_t t = target(slot);
  if ((*config_)[t] == kVacancy || !is_active(v) || (!outbound_ && !is_active(t))) return 0.0;
  return nu_ * std::exp(-barrier(slot) / kT_);
}

void LearnedBarrierProcess::mark_near(const std::vector<std::size_t> &changed) {
  for (std::size_t u = 0; u < vacancies_.size(); ++u)
    if (geometry_.near(vacancies_[u], changed, reach2_)) stale_[u] = 1;
}

void LearnedBarrierProcess::execute(std::size_t slot, std::vector<std::size_t> &changed) {
  const std::size_t u = slot / z_;
  const std::size_t v = vacancies_[u];
  const std::size_t t = target(slot);
  std::swap((*config_)[v], (*config_)[t]);
  vacancies_[u] = t;
  changed.assign({v, t});
  mark_near(changed);
}

bool LearnedBarrierProcess::affected_slots(const std::vector<std::size_t> &changed,
                                           std::vector<std::size_t> &slots) const {
  // A jump's rate depends on the occupation of the sites within the radius of its vacancy (the
  // target is a first neighbour, inside it) and on the active set of its two sites.
  geometry_.slots_near(vacancies_, changed, reach2_, z_, slots);
  return true;
}

void LearnedBarrierProcess::resync(const std::vector<std::size_t> &changed) {
  auto sites = vacancies_after_restore(*config_, vacancies_, changed);
  // Barriers are kept per vacancy index: an index now on another site is stale, and so is every
  // vacancy near a changed site.
  for (std::size_t u = 0; u < sites.size(); ++u)
    if (sites[u] != vacancies_[u]) stale_[u] = 1;
  vacancies_ = std::move(sites);
  mark_near(changed);
}

} // namespace macrodyn
