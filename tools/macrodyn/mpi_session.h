#pragma once
// MPI for `macrodyn train` under mpirun. MPI starts only when a launcher started this process: a
// plain `macrodyn` never touches MPI (Open MPI's singleton start-up costs time and creates session
// directories, and nothing but train runs in parallel).
namespace macrodyn::cli {

class MpiSession {
public:
  MpiSession(int &argc, char **&argv);
  ~MpiSession(); ///< MPI_Finalize, when this session initialized MPI
  MpiSession(const MpiSession &) = delete;
  MpiSession &operator=(const MpiSession &) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Ends every rank with this exit code. A rank that fails alone would otherwise leave the others
  /// waiting in a collective for ever.
  [[noreturn]] void abort(int code) const;

private:
  bool initialized_ = false;
  int rank_ = 0, size_ = 1;
};

} // namespace macrodyn::cli
