#include "learn/train/sde_trainer.h"

#include "learn/model/cpu_threads.h"
#include "learn/train/batch_order.h"
#include "learn/train/sde_module.h"
#include "learn/train/sharded_loss.h"

#include "core/base/checksum.h"
#include "core/base/error.h"
#include "core/base/random_stream.h"

#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

namespace macrodyn::learn {
namespace fs = std::filesystem;

namespace {

/// Everything besides parameters and optimizer moments that a resumed run needs.
struct TrainerState {
  int epoch = 0; ///< epochs completed
  int best_epoch = 0;
  double best = std::numeric_limits<double>::infinity();
  int since_best = 0, since_lr_drop = 0;
  double lr = 0;
};

double set_lr(torch::optim::AdamW &opt, double lr) {
  for (auto &group : opt.param_groups())
    static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
  return lr;
}

void copy_into(const std::vector<torch::Tensor> &to, const std::vector<torch::Tensor> &from) {
  torch::NoGradGuard no_grad;
  require(to.size() == from.size(), "checkpoint does not match the model (parameter count)");
  for (std::size_t k = 0; k < to.size(); ++k) {
    require(to[k].sizes() == from[k].sizes(), "checkpoint does not match the model (shapes)");
    to[k].copy_(from[k]);
  }
}

std::vector<torch::Tensor> snapshot(const std::vector<torch::Tensor> &params) {
  std::vector<torch::Tensor> out;
  for (const auto &p : params)
    out.push_back(p.detach().clone());
  return out;
}

std::string state_key(const torch::Tensor &p) {
  return c10::guts::to_string(p.unsafeGetTensorImpl());
}

/// AdamW moments per parameter, in parameter order: step, exp_avg, exp_avg_sq, max_exp_avg_sq.
std::vector<torch::Tensor> optimizer_moments(torch::optim::AdamW &opt,
                                             const std::vector<torch::Tensor> &params) {
  std::vector<torch::Tensor> out;
  for (const auto &p : params) {
    const auto it = opt.state().find(state_key(p));
    if (it == opt.state().end()) {
      out.insert(out.end(), {torch::zeros({1}, torch::kLong), torch::Tensor(), torch::Tensor(),
                             torch::Tensor()});
      continue;
    }
    const auto &st = static_cast<const torch::optim::AdamWParamState &>(*it->second);
    out.insert(out.end(), {torch::full({1}, st.step(), torch::kLong), st.exp_avg(), st.exp_avg_sq(),
                           st.max_exp_avg_sq()});
  }
  return out;
}

void set_optimizer_moments(torch::optim::AdamW &opt, const std::vector<torch::Tensor> &params,
                           const std::vector<torch::Tensor> &moments) {
  require(moments.size() == 4 * params.size(), "checkpoint does not match the model (optimizer)");
  for (std::size_t k = 0; k < params.size(); ++k) {
    const auto step = moments[4 * k].item<int64_t>();
    if (step == 0) continue;
    auto st = std::make_unique<torch::optim::AdamWParamState>();
    st->step(step);
    st->exp_avg(moments[4 * k + 1].clone());
    st->exp_avg_sq(moments[4 * k + 2].clone());
    st->max_exp_avg_sq(moments[4 * k + 3].clone());
    opt.state()[state_key(params[k])] = std::move(st);
  }
}

void save_checkpoint(const fs::path &dir, const std::vector<torch::Tensor> &params,
                     const std::vector<torch::Tensor> &best, torch::optim::AdamW &opt,
                     const TrainerState &s, bool improved, const std::string &fingerprint,
                     const std::function<void(const std::string &)> &on_best) {
  // Written beside, then swapped in: a kill leaves either the old or the new checkpoint.
  const fs::path tmp = dir.string() + ".new", old = dir.string() + ".old";
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  torch::save(params, (tmp / "parameters.pt").string());
  torch::save(best, (tmp / "best.pt").string());
  torch::save(optimizer_moments(opt, params), (tmp / "optimizer.pt").string());
  {
    std::ofstream out(tmp / "state.txt");
    out.precision(17);
    out << s.epoch << " " << s.best_epoch << " " << s.best << " " << s.since_best << " "
        << s.since_lr_drop << " " << s.lr << "\n";
    require(out.good(), "cannot write checkpoint in " + tmp.string());
  }
  {
    std::ofstream out(tmp / "fingerprint.txt");
    out << fingerprint;
    require(out.good(), "cannot write checkpoint in " + tmp.string());
  }
  if (improved && on_best)
    on_best(tmp.string());
  else if (fs::exists(dir / "best_model.pt"))
    fs::copy_file(dir / "best_model.pt", tmp / "best_model.pt");
  fs::remove_all(old);
  if (fs::exists(dir)) fs::rename(dir, old);
  fs::rename(tmp, dir);
  fs::remove_all(old);
}

/// The lines of `want` that `got` lacks, "; "-joined ("" when they agree).
std::string differing_lines(const std::string &got, const std::string &want) {
  std::istringstream w(want);
  std::string out;
  for (std::string line; std::getline(w, line);)
    if (("\n" + got + "\n").find("\n" + line + "\n") == std::string::npos)
      out += (out.empty() ? "" : "; ") + line;
  return out;
}

void load_checkpoint(const fs::path &dir, const std::vector<torch::Tensor> &params,
                     std::vector<torch::Tensor> &best, torch::optim::AdamW &opt, TrainerState &s,
                     const std::string &fingerprint) {
  fs::path from = dir;
  if (!fs::exists(from / "state.txt")) from = dir.string() + ".old"; // killed during the swap
  require(fs::exists(from / "state.txt"),
          "--resume: no checkpoint in " + dir.string() + " (train without --resume to start)");
  if (fs::exists(from / "fingerprint.txt")) { // checkpoints of earlier versions have none
    std::ifstream f(from / "fingerprint.txt");
    const std::string saved((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::string differ = differing_lines(saved, fingerprint);
    require(differ.empty(), "--resume: the checkpoint in " + dir.string() +
                                " was written for other data or settings; now " + differ +
                                " (train without --resume, or remove the checkpoint)");
  }
  std::vector<torch::Tensor> saved;
  torch::load(saved, (from / "parameters.pt").string());
  copy_into(params, saved);
  best.clear(); // torch::load appends to a vector
  torch::load(best, (from / "best.pt").string());
  std::vector<torch::Tensor> moments;
  torch::load(moments, (from / "optimizer.pt").string());
  set_optimizer_moments(opt, params, moments);
  std::ifstream in(from / "state.txt");
  in >> s.epoch >> s.best_epoch >> s.best >> s.since_best >> s.since_lr_drop >> s.lr;
  require(!in.fail(), "unreadable checkpoint state in " + from.string());
}

double validation_loss(torch::jit::Module &module, const NetworkData &data,
                       const torch::Tensor &index, double eps, int batch, const ShardPlan &plan) {
  const auto n = index.size(0);
  double sum = 0;
  for (int64_t from = 0; from < n; from += batch) {
    const auto to = std::min<int64_t>(n, from + batch);
    const auto rows = data.rows(index.slice(0, from, to));
    sum += sharded_loss(module, rows, data.K, eps, plan) * (to - from);
  }
  return sum / static_cast<double>(n);
}

/// Every rank takes the same optimizer steps from the same gathered gradients, so their parameters
/// agree bit for bit, unless the ranks run on CPUs whose kernels round differently. Then rank 0
/// would write a model the others do not hold: checked after every epoch, on every rank alike.
void require_same_parameters_on_every_rank(const std::vector<torch::Tensor> &params,
                                           const RankGroup &ranks, int epoch) {
  if (ranks.size() == 1) return;
  Fnv1a h;
  for (const auto &p : params) {
    const auto c = p.detach().contiguous();
    h.add(c.data_ptr(), c.numel() * c.element_size());
  }
  const std::uint64_t v = h.value();
  const std::vector<double> mine{double(v >> 32), double(v & 0xffffffffULL)}; // exact halves
  const auto all = ranks.all_gather(mine, std::vector<int>(ranks.size(), 2));
  for (int r = 1; r < ranks.size(); ++r)
    require(all[2 * r] == all[0] && all[2 * r + 1] == all[1],
            "after epoch " + std::to_string(epoch) + " the parameters of rank " +
                std::to_string(r) +
                " differ from rank 0's (ranks on CPUs that round differently?"
                " run the ranks on one kind of node)");
}

} // namespace

double loss_eps(const NetworkData &data, double eps_relative) {
  const auto var = data.all.dz.var(0, /*unbiased=*/false);
  return eps_relative * std::max(var.min().item<double>(), 1e-300);
}

TrainResult train_sde(torch::jit::Module &module, const NetworkData &data, const TrainOptions &o,
                      const std::function<void(const EpochReport &)> &report) {
  require(o.batch > 0 && o.epochs >= 0, "batch must be > 0 and epochs >= 0");
  require(o.parallel.threads > 0, "threads must be > 0");
  require(o.parallel.shards > 0, "shards must be > 0");
  require(o.validation_fraction >= 0 && o.validation_fraction < 1,
          "validation fraction must be in [0, 1)");
  // The optimizing graph executor switches to other (symbolically differentiated) code after a
  // few calls, which changes the last bits of gradients: a resumed run would then differ from an
  // uninterrupted one. The plain interpreter keeps every step bit-reproducible.
  const torch::jit::GraphOptimizerEnabledGuard plain_interpreter(false);
  // Every shard on one thread: LibTorch's own threads would split its products and change bits
  // with the thread count (and made training slower, sharded_loss.h).
  const CpuThreadsScope one_thread_per_shard(1);
  const ShardPlan &plan = o.parallel;
  const std::size_t n = data.size();
  const auto order = permutation(n, o.seed, {0x5641ULL});
  std::size_t n_val = static_cast<std::size_t>(std::llround(o.validation_fraction * n));
  if (o.validation_fraction > 0) n_val = std::max<std::size_t>(n_val, 1);
  require(n_val < n, "too few records (" + std::to_string(n) + ") for a validation split");
  const auto val_index = index_tensor(order, 0, n_val);
  std::vector<std::int64_t> train_rows(order.begin() + n_val, order.end());
  const std::size_t n_train = train_rows.size();
  const auto val_or_train = n_val > 0 ? val_index : index_tensor(order, 0, n);

  TrainResult result;
  result.train_size = n_train;
  result.validation_size = n_val;
  result.eps = loss_eps(data, o.eps_relative);

  const auto params = parameters_of(module);
  torch::optim::AdamW opt(
      params,
      torch::optim::AdamWOptions(o.learning_rate).weight_decay(o.weight_decay).amsgrad(true));
  TrainerState s;
  s.lr = o.learning_rate;
  std::vector<torch::Tensor> best = snapshot(params);
  if (!o.checkpoint_dir.empty() && o.resume)
    load_checkpoint(o.checkpoint_dir, params, best, opt, s, o.fingerprint);
  set_lr(opt, s.lr);

  const auto start = std::chrono::steady_clock::now();
  int first_epoch = s.epoch;
  result.stop_reason = "epochs";
  while (s.epoch < o.epochs) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto shuffle = permutation(n_train, o.seed, {0x45504fULL, std::uint64_t(s.epoch)});
    std::vector<std::int64_t> rows(n_train);
    for (std::size_t i = 0; i < n_train; ++i)
      rows[i] = train_rows[shuffle[i]];
    double sum = 0;
    for (std::size_t from = 0; from < n_train; from += o.batch) {
      const std::size_t to = std::min(n_train, from + o.batch);
      const auto batch = data.rows(index_tensor(rows, from, to));
      opt.zero_grad();
      const double loss = loss_and_gradients(module, params, batch, data.K, result.eps, plan);
      require(std::isfinite(loss), "the loss is not finite at epoch " +
                                       std::to_string(s.epoch + 1) + "; lower the learning rate");
      opt.step();
      sum += loss * static_cast<double>(to - from);
    }
    s.epoch += 1;
    require_same_parameters_on_every_rank(params, plan.ranks, s.epoch);
    EpochReport r;
    r.epoch = s.epoch;
    r.epochs = o.epochs;
    r.train_loss = sum / static_cast<double>(n_train);
    r.validation_loss = validation_loss(module, data, val_or_train, result.eps, 8192, plan);
    r.learning_rate = s.lr;
    if (!std::isfinite(s.best) || r.validation_loss < s.best - 1e-6 * std::abs(s.best)) {
      s.best = r.validation_loss;
      s.best_epoch = s.epoch;
      s.since_best = 0;
      s.since_lr_drop = 0;
      best = snapshot(params);
      r.improved = true;
    } else {
      s.since_best += 1;
      s.since_lr_drop += 1;
    }
    bool stop = false;
    if (s.since_best >= o.stop_patience) {
      result.stop_reason = "no improvement for " + std::to_string(o.stop_patience) + " epochs";
      stop = true;
    } else if (s.since_lr_drop >= o.lr_patience) {
      s.since_lr_drop = 0;
      if (s.lr * o.lr_factor < o.min_lr) {
        result.stop_reason = "learning rate below " + std::to_string(o.min_lr);
        stop = true;
      } else {
        s.lr = set_lr(opt, s.lr * o.lr_factor);
      }
    }
    const auto now = std::chrono::steady_clock::now();
    r.seconds = std::chrono::duration<double>(now - t0).count();
    r.samples_per_second = n_train / std::max(r.seconds, 1e-9);
    const double per_epoch =
        std::chrono::duration<double>(now - start).count() / (s.epoch - first_epoch);
    r.eta_seconds = per_epoch * (o.epochs - s.epoch);
    if (!o.checkpoint_dir.empty() && plan.ranks.writes())
      save_checkpoint(o.checkpoint_dir, params, best, opt, s, r.improved, o.fingerprint, o.on_best);
    if (report) report(r);
    if (stop) break;
  }
  copy_into(params, best);
  result.epochs_run = s.epoch;
  result.best_epoch = s.best_epoch;
  result.best_validation_loss = s.best;
  return result;
}

} // namespace macrodyn::learn
