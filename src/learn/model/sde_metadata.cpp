#include "learn/model/sde_metadata.h"

#include "core/base/error.h"

#include <nlohmann/json.hpp>

namespace macrodyn::learn {

SdeModelInfo parse_sde_metadata(const std::string &text, const std::string &path) {
  SdeModelInfo info;
  try {
    const auto j = nlohmann::json::parse(text);
    require(
        j.value("kind", "") != "latent-ode",
        "model '" + path +
            "' is a latent ODE of MD configurations (macrodyn train-ode): "
            "train-ode rolls it out on the held-out trajectories, and its rollout(x0, masses, dt, "
            "steps) method does so from Python (doc/macrodyn_train_ode.md)");
    require(j.value("kind", "") == "macrodyn-sde", "model '" + path + "' is not a macrodyn SDE");
    info.observables = j.at("observables").get<std::vector<std::string>>();
    info.conditions = j.at("conditions").get<std::vector<std::string>>();
    info.time_unit = j.at("time_unit").get<std::string>();
    info.time_scale = j.at("normalization").at("time_scale").get<double>();
    if (j.contains("closure") && j.at("closure").is_array())
      info.closure = j.at("closure").get<std::vector<std::string>>();
    if (j.contains("system") && j.at("system").is_object()) {
      info.lattice = j.at("system").value("lattice", "");
      if (j.at("system").contains("species"))
        info.species = j.at("system").at("species").get<std::vector<std::string>>();
      if (j.contains("K") && j.at("system").contains("n_s"))
        info.box_sites = j.at("K").get<std::size_t>() * j.at("system").at("n_s").get<std::size_t>();
    }
    if (j.contains("condition_ranges") && j.at("condition_ranges").is_object())
      for (const auto &[name, range] : j.at("condition_ranges").items())
        info.condition_ranges[name] = {range.at(0).get<double>(), range.at(1).get<double>()};
    if (j.contains("observable_ranges") && j.at("observable_ranges").is_object())
      for (const auto &[name, range] : j.at("observable_ranges").items())
        info.observable_ranges[name] = {range.at(0).get<double>(), range.at(1).get<double>()};
  } catch (const nlohmann::json::exception &e) {
    throw Error("model '" + path + "' has unreadable metadata: " + e.what());
  }
  return info;
}

} // namespace macrodyn::learn
