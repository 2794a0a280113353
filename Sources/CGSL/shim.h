#ifndef DRIFTWATCH_CGSL_SHIM_H
#define DRIFTWATCH_CGSL_SHIM_H

// The parts of GSL that DriftStats uses. Only DriftStats imports this module.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_exp.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>

// OpenBLAS (libopenblas-dev) serves GSL's cblas_* calls (see module.modulemap). Its own cblas.h
// would clash with GSL's CBLAS declarations, so only the functions we call are declared.
void openblas_set_num_threads(int num_threads);
char *openblas_get_corename(void);

#endif
