#pragma once
/// Statistics that compare a predicted ensemble with a ground-truth ensemble of one observable.
#include <vector>

namespace macrodyn {

double mean_of(const std::vector<double> &x);
/// Median (mean of the two middle values for an even count); NaN for no values.
double median_of(std::vector<double> x);
/// Sample standard deviation (n - 1); 0 for fewer than two values.
double std_of(const std::vector<double> &x);
/// 1-Wasserstein distance between the empirical distributions of a and b (exact: the integral of
/// |F_a - F_b| over the merged sorted values).
double wasserstein1(std::vector<double> a, std::vector<double> b);

} // namespace macrodyn
