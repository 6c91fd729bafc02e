#pragma once
/// Vacancy-mediated diffusion with learned barriers: a vacancy exchanges with a first-shell
/// neighbour atom with rate nu exp(-E/kT), E = a BarrierModel of the jump's voxel encoding
/// (voxel_jump_encoding.h). Slots: (vacancy index, neighbour k), vacancy-major, like
/// VacancyExchangeProcess. Jumps into another vacancy are not offered.
///
/// The 8 barriers of a vacancy are evaluated in one batch and kept; an event marks stale only the
/// vacancies within the encoding radius of the changed sites. Optionally, barriers are memoized by
/// the species in the encoding sphere (a vacancy hopping back and forth meets the same environments
/// again); the model is always called with the same batch of 8, so memoized and fresh barriers are
/// identical bit for bit.
#include "core/kmc/barrier_memo.h"
#include "core/kmc/barrier_model.h"
#include "core/kmc/kmc_process.h"
#include "core/kmc/voxel_jump_encoding.h"
#include "core/lattice/vacancy_geometry.h"

#include <array>

namespace macrodyn {

struct LearnedBarrierStats {
  std::uint64_t evaluations = 0; ///< batches of 8 sent to the model
  std::uint64_t memo_hits = 0;   ///< batches answered from the memo
};

class LearnedBarrierProcess : public KmcProcess {
public:
  /// memo_entries: maximum memoized environments (0: no memo; the memo is cleared when full).
  LearnedBarrierProcess(Configuration &config, const Lattice &lattice,
                        const VoxelJumpEncoding &encoding, BarrierModel &model, double kT,
                        double nu, std::size_t memo_entries);

  std::size_t n_slots() const override { return vacancies_.size() * z_; }
  double rate(std::size_t slot) const override;
  void execute(std::size_t slot, std::vector<std::size_t> &changed) override;
  bool affected_slots(const std::vector<std::size_t> &changed,
                      std::vector<std::size_t> &slots) const override;
  void resync(const std::vector<std::size_t> &changed) override;

  /// Barrier of a slot's jump (evaluated if stale), whether or not the jump is offered.
  double barrier(std::size_t slot) const;
  const std::vector<std::size_t> &vacancies() const { return vacancies_; }
  std::size_t target(std::size_t slot) const;
  const LearnedBarrierStats &stats() const { return stats_; }

  std::vector<std::size_t> vacancy_order() const override { return vacancies_; }
  void set_vacancy_order(const std::vector<std::size_t> &order) override;

private:
  void refresh(std::size_t u) const; // the 8 barriers of vacancy index u
  void mark_near(const std::vector<std::size_t> &changed);

  Configuration *config_;
  const Lattice *lattice_;
  const VoxelJumpEncoding *encoding_;
  BarrierModel *model_;
  double kT_, nu_;
  int z_;
  double reach2_;
  std::vector<std::size_t> vacancies_;
  VacancyGeometry geometry_;
  // Caches (mutable: rates are computed lazily from const rate()).
  mutable std::vector<std::array<double, 8>> barriers_; // [vacancy][frame]
  mutable std::vector<char> stale_;
  mutable BarrierMemo memo_;
  mutable std::vector<Species> sphere_; // the species around the vacancy being refreshed
  mutable std::vector<float> values_;   // its 8 frames' sparse encodings
  mutable LearnedBarrierStats stats_;
};

} // namespace macrodyn
