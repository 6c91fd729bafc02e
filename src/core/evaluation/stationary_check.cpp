#include "core/evaluation/stationary_check.h"

#include "core/base/error.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace macrodyn {

StationaryCheck check_stationary(const StationaryInput &in) {
  const std::size_t D = in.dimension, P = in.prescribed;
  require(P >= 1 && P <= D && in.mu.size() == P && in.sd.size() == P,
          "stationary check: inconsistent input");
  std::vector<std::size_t> box;
  for (std::size_t i = 0; i < in.n; ++i) {
    bool inside = true;
    for (std::size_t k = 0; k < P && inside; ++k)
      inside = std::fabs(in.z0[i * D + k] - in.mu[k]) <= in.box * in.sd[k];
    if (inside) box.push_back(i);
  }
  StationaryCheck out;
  out.n = box.size();
  require(out.n >= 4 * (P + 1), "stationary check: " + std::to_string(out.n) +
                                    " training pairs within " + std::to_string(in.box) +
                                    " direct sd of the direct stationary mean; the data do not "
                                    "reach the stationary state");
  const long m = static_cast<long>(out.n), q = static_cast<long>(P + 1);
  Eigen::MatrixXd X(m, q), Y(m, static_cast<long>(P)), F(m, static_cast<long>(P));
  for (long r = 0; r < m; ++r) {
    const std::size_t i = box[r];
    X(r, 0) = 1.0;
    for (std::size_t k = 0; k < P; ++k) {
      X(r, 1 + k) = in.z0[i * D + k] - in.mu[k];
      Y(r, k) = in.dz[i * D + k] / in.dt[i];
      F(r, k) = in.drift[i * D + k];
    }
  }
  const Eigen::MatrixXd XtX_inv = (X.transpose() * X).inverse();
  const Eigen::MatrixXd beta = XtX_inv * X.transpose() * Y; // q x P: row 0 = a, rows 1.. = B^T
  const Eigen::MatrixXd gamma = XtX_inv * X.transpose() * F;
  const Eigen::MatrixXd residual = Y - X * beta;
  const Eigen::MatrixXd cov_e = residual.transpose() * residual / double(m - q);
  const Eigen::MatrixXd cov_a = cov_e * XtX_inv(0, 0);
  const Eigen::VectorXd a = beta.row(0).transpose(), a_model = gamma.row(0).transpose();
  const Eigen::MatrixXd B = beta.bottomRows(P).transpose(); // rate_j = a_j + sum_k B_jk dz_k
  const Eigen::MatrixXd B_model = gamma.bottomRows(P).transpose();
  const Eigen::MatrixXd B_inv = B.inverse();
  const Eigen::VectorXd shift = -B_inv * a, shift_model = -B_model.inverse() * a_model;
  const Eigen::MatrixXd cov_shift = B_inv * cov_a * B_inv.transpose();
  Eigen::EigenSolver<Eigen::MatrixXd> eigen(B);
  for (long k = 0; k < static_cast<long>(P); ++k)
    out.relaxation_rates.push_back(-eigen.eigenvalues()[k].real());
  std::sort(out.relaxation_rates.begin(), out.relaxation_rates.end());
  for (std::size_t k = 0; k < P; ++k) {
    out.data_rate.push_back(a[k]);
    out.data_rate_se.push_back(std::sqrt(cov_a(k, k)));
    out.model_rate.push_back(a_model[k]);
    out.data_point.push_back(in.mu[k] + shift[k]);
    out.data_point_se.push_back(std::sqrt(cov_shift(k, k)));
    out.model_point.push_back(in.mu[k] + shift_model[k]);
  }
  return out;
}

} // namespace macrodyn
