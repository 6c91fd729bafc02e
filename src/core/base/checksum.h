#pragma once
/// FNV-1a, 64 bits, over bytes: a checksum to notice damaged or mismatched data (model weights,
/// the training pairs behind a checkpoint), not a defence against tampering.
#include <cstddef>
#include <cstdint>
#include <string>

namespace macrodyn {

class Fnv1a {
public:
  void add(const void *data, std::size_t n) {
    const auto *p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < n; ++i)
      h_ = (h_ ^ p[i]) * 1099511628211ULL;
  }
  /// The string and its terminating zero (so "ab" + "c" differs from "a" + "bc").
  void add(const std::string &s) { add(s.c_str(), s.size() + 1); }
  std::uint64_t value() const { return h_; }

private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

} // namespace macrodyn
