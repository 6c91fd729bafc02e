#pragma once
// One function per subcommand: registers its options on the app and the action to run.
#include <CLI/CLI.hpp>

namespace macrodyn::cli {

/// Thrown by an action to end the program with a message and an exit code.
struct Exit {
  int code;
  std::string message;
};

/// A number option's check: a finite number (nan, inf and 1e400 are refused, as in the styles'
/// keyword reader) that is > 0 (positive) or >= 0.
CLI::Validator finite_number(bool positive);

void add_train(CLI::App &app);
void add_train_ode(CLI::App &app);
void add_predict(CLI::App &app);
void add_evaluate(CLI::App &app);
void add_diagnose(CLI::App &app);
void add_export(CLI::App &app);
void add_inspect(CLI::App &app);

} // namespace macrodyn::cli
