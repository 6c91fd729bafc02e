#pragma once
/// `macrodyn train` end to end: datasets -> training pairs -> normalization -> SDE module ->
/// training (progress line per epoch, CSV log, checkpoints) -> model.pt with metadata.json
/// (doc/formats/model_pt.md).
#include "learn/train/sde_trainer.h"
#include "learn/train/train_settings.h"

#include <ostream>

namespace macrodyn::learn {

struct TrainSummary {
  TrainResult result;
  std::size_t records = 0;
  std::string model_path, log_path;
};

TrainSummary run_training(const TrainSettings &settings, std::ostream &terminal);

} // namespace macrodyn::learn
