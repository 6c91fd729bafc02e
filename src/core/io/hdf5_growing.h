#pragma once
/// Crash-safe, record-by-record HDF5 writing shared by dataset.h5 and snapshot pools: a dataset
/// that grows along its first axis, and file access properties that keep every flushed state
/// consistent on disk. Internal to src/core (includes hdf5.h).
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn::hdf5 {

/// File access properties whose metadata cache never evicts between flushes: what is on disk is
/// always the state of the last flush plus raw data beyond it, so a crash cannot leave half-written
/// metadata behind (except during the flush itself, a window of milliseconds). Caller closes it.
hid_t crash_safe_file_access();

/// Name of a group's attribute that counts its complete records. A flush is several writes, and a
/// kill between them can leave a dataset's new extent on disk before the chunk index that holds
/// its last row: that row then reads as zeros. So the count advances only in a second flush, after
/// the rows are on disk, and it is a single small write; readers take the first `records` rows.
inline constexpr const char *kRecordCount = "records";

/// Flushes the file (the group's new rows reach the disk), then sets the group's record count to
/// `records` (creating the attribute the first time) and flushes again.
void commit_records(hid_t file, hid_t group, std::uint64_t records);

/// The group's record count, or -1 when it has none (files written before the count existed).
long long committed_records(hid_t group);

/// A dataset of shape (records, row...) that grows by one record per append.
class GrowingDataset {
public:
  GrowingDataset() = default;
  /// Creates group/name, empty, chunked near 64 kB.
  GrowingDataset(hid_t group, const std::string &name, hid_t type, std::vector<hsize_t> row);
  /// Opens an existing group/name to append after its `records()` rows.
  GrowingDataset(hid_t group, const std::string &name, hid_t type);
  GrowingDataset(GrowingDataset &&other) noexcept;
  GrowingDataset &operator=(GrowingDataset &&other) noexcept;
  GrowingDataset(const GrowingDataset &) = delete;
  GrowingDataset &operator=(const GrowingDataset &) = delete;
  ~GrowingDataset();

  /// Writes record `index` (the dataset grows to index + 1 rows); data holds one row.
  void append(std::uint64_t index, const void *data) { append_rows(index, 1, data); }
  /// Writes records index .. index + n - 1 in one write; data holds n rows.
  void append_rows(std::uint64_t index, std::uint64_t n, const void *data);
  std::uint64_t records() const;
  const std::vector<hsize_t> &row() const { return row_; }

private:
  hid_t id_ = -1;
  hid_t type_ = -1;
  std::vector<hsize_t> row_;
};

} // namespace macrodyn::hdf5
