// macrodyn: train, predict, evaluate, diagnose, export and inspect macroscopic SDE models;
// train-ode learns a latent ODE from partial forces.
#include "mpi_session.h"
#include "subcommands.h"

#include "core/base/error.h"
#include "learn/train/tensor_heap.h"
#include "macrodyn/version.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

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
  const macrodyn::cli::MpiSession mpi(argc, argv);
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
        std::cerr << "macrodyn: ERROR: " << argv[1] << " has no option " << word << " (macrodyn "
                  << argv[1] << " --help lists them)\n";
        return 1;
      }
    }
  }
  if (mpi.size() > 1 && argc > 1 && std::string(argv[1]) != "train" && argv[1][0] != '-') {
    if (mpi.rank() == 0)
      std::cerr << "macrodyn: ERROR: only train runs under mpirun (this run has " << mpi.size()
                << " ranks); run " << argv[1] << " as one process\n";
    return 1;
  }
  // How an error ends the program. With one process: say it, return its code. Under mpirun, one
  // rank may fail alone (a file it cannot see, a log only rank 0 writes) while the others wait in a
  // collective for ever, so an error ends every rank. Most errors hit every rank alike: rank 0 says
  // it and ends them all; the others wait a moment first, and say theirs only if they are still
  // running then (they failed alone).
  const auto fail = [&mpi](int code, const std::function<void(std::ostream &)> &say) {
    if (mpi.size() == 1) {
      say(std::cerr);
      return code;
    }
    std::ostringstream text;
    say(text);
    if (mpi.rank() > 0) {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      std::cerr << "(rank " + std::to_string(mpi.rank()) + ") " + text.str() << std::flush;
    } else {
      std::cerr << text.str() << std::flush;
    }
    mpi.abort(code);
  };
  const auto error_line = [](const std::string &what) {
    return [what](std::ostream &o) { o << "macrodyn: ERROR: " << what << "\n"; };
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    if (e.get_exit_code() == 0) { // --help, --version: every rank alike, rank 0 prints
      std::ostream nowhere(nullptr);
      return app.exit(e, mpi.rank() == 0 ? std::cout : nowhere, std::cerr);
    }
    return fail(e.get_exit_code(), [&](std::ostream &o) { app.exit(e, o, o); });
  } catch (const macrodyn::cli::Exit &e) {
    return fail(e.code, [&](std::ostream &o) { o << e.message << "\n"; });
  } catch (const macrodyn::Error &e) {
    return fail(1, error_line(e.what()));
  } catch (const std::exception &e) { // LibTorch, HDF5 or the file system: still no crash
    const std::string what = e.what();
    return fail(1, error_line(what.substr(0, what.find('\n'))));
  }
  return 0;
}
