#include "core/base/error.h"
#include "core/io/hdf5_summary.h"
#include "support/run_command.h"

#include <gtest/gtest.h>
#include <hdf5.h>

TEST(Hdf5Summary, ListsGroupsDatasetsAndAttributes) {
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-h5-") + "/small.h5";
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t group = H5Gcreate2(file, "records", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const hsize_t dims[2] = {3, 4};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t dset =
      H5Dcreate2(group, "phi", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t scalar = H5Screate(H5S_SCALAR);
  const int k = 8;
  const hid_t attr = H5Acreate2(file, "K", H5T_NATIVE_INT, scalar, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(attr, H5T_NATIVE_INT, &k);
  const hid_t str = H5Tcopy(H5T_C_S1);
  H5Tset_size(str, H5T_VARIABLE);
  const char *name = "bcc";
  const hid_t sattr = H5Acreate2(dset, "lattice", str, scalar, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(sattr, str, &name);
  for (hid_t h : {sattr, attr})
    H5Aclose(h);
  H5Tclose(str);
  H5Dclose(dset);
  for (hid_t h : {space, scalar})
    H5Sclose(h);
  H5Gclose(group);
  H5Fclose(file);

  const std::string text = macrodyn::summarize_hdf5(path);
  EXPECT_NE(text.find("@K = 8"), std::string::npos) << text;
  EXPECT_NE(text.find("group /records"), std::string::npos) << text;
  EXPECT_NE(text.find("dataset /records/phi (3 x 4)"), std::string::npos) << text;
  EXPECT_NE(text.find("@lattice = \"bcc\""), std::string::npos) << text;
}

TEST(Hdf5Summary, NonHdf5FileIsAnErrorNamingTheFile) {
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-h5-") + "/not.h5";
  macrodyn::testing::write_file(path, "plain text");
  try {
    macrodyn::summarize_hdf5(path);
    FAIL() << "no error for a text file";
  } catch (const macrodyn::Error &e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
}
