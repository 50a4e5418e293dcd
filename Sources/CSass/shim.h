#ifndef STRATA_CSASS_SHIM_H
#define STRATA_CSASS_SHIM_H
#include <sass.h>
#endif
