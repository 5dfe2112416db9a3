#ifndef COPENMPI_H
#define COPENMPI_H

/// Open MPI's C interface, found through pkg-config (`ompi-c`).
#include <mpi.h>

#endif
