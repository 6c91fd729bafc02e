// macrodyn: train, predict, evaluate, export and inspect macroscopic SDE models.
#include "subcommands.h"

#include "core/base/error.h"
#include "learn/train/tensor_heap.h"
#include "macrodyn/version.h"

#include <iostream>

int main(int argc, char **argv) {
  macrodyn::learn::keep_freed_tensor_memory();
  CLI::App app{"macrodyn: learn and use macroscopic stochastic dynamics from patch simulations"};
  app.set_version_flag("--version", std::string("macrodyn ") + macrodyn::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);
  macrodyn::cli::add_train(app);
  macrodyn::cli::add_predict(app);
  macrodyn::cli::add_evaluate(app);
  macrodyn::cli::add_export(app);
  macrodyn::cli::add_inspect(app);
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
