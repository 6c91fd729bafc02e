// macrodyn: train, predict, evaluate, diagnose, export and inspect macroscopic SDE models;
// train-ode learns a latent ODE from partial forces.
#include "subcommands.h"

#include "core/base/error.h"
#include "learn/train/tensor_heap.h"
#include "macrodyn/version.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>

namespace macrodyn::cli {

CLI::Validator finite_number(bool positive) {
  return CLI::Validator(
      [positive](std::string &text) -> std::string {
        char *end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(v))
          return "expected a finite number, got '" + text + "'";
        if (positive ? !(v > 0) : !(v >= 0))
          return std::string("expected a number ") + (positive ? "> 0" : ">= 0") + ", got " + text;
        return "";
      },
      positive ? "FINITE > 0" : "FINITE >= 0");
}

} // namespace macrodyn::cli

int main(int argc, char **argv) {
  macrodyn::learn::keep_freed_tensor_memory();
  CLI::App app{"macrodyn: learn and use macroscopic stochastic dynamics from patch simulations"};
  app.set_version_flag("--version", std::string("macrodyn ") + macrodyn::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);
  macrodyn::cli::add_train(app);
  macrodyn::cli::add_train_ode(app);
  macrodyn::cli::add_predict(app);
  macrodyn::cli::add_evaluate(app);
  macrodyn::cli::add_diagnose(app);
  macrodyn::cli::add_export(app);
  macrodyn::cli::add_inspect(app);
  // CLI11 would say only "A subcommand is required" for a misspelt one.
  bool known = argc < 2 || argv[1][0] == '-';
  for (const auto *sub : app.get_subcommands({}))
    known = known || sub->get_name() == argv[1];
  if (!known) {
    std::cerr << "macrodyn: ERROR: unknown subcommand '" << argv[1]
              << "' (train, train-ode, predict, evaluate, diagnose, export, inspect; --help)\n";
    return 1;
  }
  // An unknown option would otherwise surface as its value failing another check ("--bogus 3":
  // "File does not exist: 3").
  if (argc > 1 && argv[1][0] != '-') {
    CLI::App *sub = app.get_subcommand(argv[1]);
    for (int i = 2; i < argc; ++i) {
      std::string word = argv[i];
      if (word.size() < 2 || word[0] != '-' || std::isdigit(static_cast<unsigned char>(word[1])) ||
          word[1] == '.')
        continue; // a value (a negative number) or a lone "-"
      if (word == "--") break;
      // --name=value, and -xvalue or -xyz (a short option with its value or grouped flags)
      word = word[1] == '-' ? word.substr(0, word.find('=')) : word.substr(0, 2);
      if (!sub->get_option_no_throw(word) && !app.get_option_no_throw(word)) {
        std::cerr << "macrodyn: ERROR: " << argv[1] << " has no option " << word
                  << " (macrodyn " << argv[1] << " --help lists them)\n";
        return 1;
      }
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  } catch (const macrodyn::cli::Exit &e) {
    std::cerr << e.message << "\n";
    return e.code;
  } catch (const macrodyn::Error &e) {
    std::cerr << "macrodyn: ERROR: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
