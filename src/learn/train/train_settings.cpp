#include "learn/train/train_settings.h"

#include "core/base/error.h"

#include <toml++/toml.h>

#include <functional>
#include <map>

namespace macrodyn::learn {
namespace {

template <class T>
T scalar(const toml::node &node, const std::string &key, const std::string &file) {
  if constexpr (std::is_same_v<T, double>) {
    if (auto v = node.value<double>()) return *v; // integers are accepted as doubles too
  } else if (auto v = node.value<T>()) {
    return *v;
  }
  throw Error("configuration '" + file + "': key '" + key + "' has the wrong type");
}

template <class T>
std::vector<T> list(const toml::node &node, const std::string &key, const std::string &file) {
  const auto *array = node.as_array();
  if (!array) return {scalar<T>(node, key, file)};
  std::vector<T> out;
  for (const auto &item : *array)
    out.push_back(scalar<T>(item, key, file));
  return out;
}

} // namespace

void read_train_config(const std::string &path, TrainSettings &s) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error &e) {
    throw Error("configuration '" + path + "' is not valid TOML: " + std::string(e.description()) +
                " (line " + std::to_string(e.source().begin.line) + ")");
  }
  using Setter = std::function<void(const toml::node &, const std::string &)>;
  auto str = [&](std::string &field) -> Setter {
    return
        [&](const toml::node &n, const std::string &k) { field = scalar<std::string>(n, k, path); };
  };
  auto integer = [&](int &field) -> Setter {
    return [&](const toml::node &n, const std::string &k) {
      field = static_cast<int>(scalar<int64_t>(n, k, path));
    };
  };
  auto real = [&](double &field) -> Setter {
    return [&](const toml::node &n, const std::string &k) { field = scalar<double>(n, k, path); };
  };
  const std::map<std::string, Setter> setters = {
      {"datasets", [&](const toml::node &n,
                       const std::string &k) { s.datasets = list<std::string>(n, k, path); }},
      {"output", str(s.output)},
      {"target", str(s.target)},
      {"observables", [&](const toml::node &n,
                          const std::string &k) { s.observables = list<std::string>(n, k, path); }},
      {"conditions", [&](const toml::node &n,
                         const std::string &k) { s.conditions = list<std::string>(n, k, path); }},
      {"closure", integer(s.closure)},
      {"closure_hidden",
       [&](const toml::node &n, const std::string &k) {
         s.closure_hidden.clear();
         for (auto v : list<int64_t>(n, k, path))
           s.closure_hidden.push_back(static_cast<int>(v));
       }},
      {"closure_epochs", integer(s.closure_epochs)},
      {"drift", str(s.drift)},
      {"diffusion", str(s.diffusion)},
      {"clock", str(s.clock)},
      {"hidden",
       [&](const toml::node &n, const std::string &k) {
         s.hidden.clear();
         for (auto v : list<int64_t>(n, k, path))
           s.hidden.push_back(static_cast<int>(v));
       }},
      {"condition_embedding", integer(s.condition_embedding)},
      {"seed",
       [&](const toml::node &n, const std::string &k) {
         s.seed = static_cast<std::uint64_t>(scalar<int64_t>(n, k, path));
       }},
      {"shards", integer(s.shards)},
      {"threads", integer(s.threads)},
      {"epochs", integer(s.epochs)},
      {"batch", integer(s.batch)},
      {"learning_rate", real(s.learning_rate)},
      {"weight_decay", real(s.weight_decay)},
      {"validation", real(s.validation)},
      {"lr_patience", integer(s.lr_patience)},
      {"lr_factor", real(s.lr_factor)},
      {"min_lr", real(s.min_lr)},
      {"stop_patience", integer(s.stop_patience)},
      {"eps_relative", real(s.eps_relative)},
      {"checkpoint", str(s.checkpoint)},
      {"resume",
       [&](const toml::node &n, const std::string &k) { s.resume = scalar<bool>(n, k, path); }},
      {"log", str(s.log)},
  };
  for (const auto &[key, node] : table) {
    const std::string name(key.str());
    const auto it = setters.find(name);
    require(it != setters.end(), "configuration '" + path + "': unknown key '" + name + "'");
    it->second(node, name);
  }
}

} // namespace macrodyn::learn
