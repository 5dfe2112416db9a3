#ifndef CD2LMPI_H
#define CD2LMPI_H

/// MPI's predefined handles are macros over addresses of library globals, which Swift cannot
/// import; these functions return them.
///
/// `swift build` compiles every target of the package, this one too, but only the `MPI` trait
/// gives it Open MPI's include path (through COpenMPI) and makes a module import it. Without
/// `mpi.h` it therefore declares nothing, so that a build without the trait needs no Open MPI.
#if __has_include(<mpi.h>)
#include <mpi.h>

/// `MPI_COMM_WORLD`: every process started together.
MPI_Comm d2l_mpi_comm_world(void);

/// `MPI_COMM_NULL`: no communicator.
MPI_Comm d2l_mpi_comm_null(void);

/// `MPI_FLOAT`: a 32-bit IEEE 754 number.
MPI_Datatype d2l_mpi_float(void);

/// `MPI_DOUBLE`: a 64-bit IEEE 754 number.
MPI_Datatype d2l_mpi_double(void);

/// `MPI_UINT64_T`: an unsigned 64-bit integer.
MPI_Datatype d2l_mpi_uint64(void);

/// `MPI_UINT8_T`: an unsigned 8-bit integer.
MPI_Datatype d2l_mpi_uint8(void);

/// `MPI_BYTE`: an uninterpreted byte.
MPI_Datatype d2l_mpi_byte(void);

/// `MPI_SUM`: the elementwise sum.
MPI_Op d2l_mpi_sum(void);

/// `MPI_MAX`: the elementwise maximum.
MPI_Op d2l_mpi_max(void);

/// `MPI_ERRORS_RETURN`: failures return an error code instead of ending the job.
MPI_Errhandler d2l_mpi_errors_return(void);

/// `MPI_IN_PLACE`: a collective's input is taken from its output buffer.
void *d2l_mpi_in_place(void);

/// `MPI_THREAD_SERIALIZED`: any thread may call MPI, one at a time.
int d2l_mpi_thread_serialized(void);

/// `MPI_SUCCESS`: the code of a call that succeeded.
int d2l_mpi_success(void);

/// `MPI_MAX_ERROR_STRING`: the longest message `MPI_Error_string` writes, without its NUL.
int d2l_mpi_max_error_string(void);

/// Waits for a non-blocking operation to complete without spinning on the processor: tests it
/// (which also progresses it) 100 times, then sleeps between tests, 1 µs at first, doubling up
/// to 64 µs. `MPI_Wait` instead polls without pause, so that a rank waiting for a slower one
/// takes a whole core from it whenever ranks share cores (more ranks than cores, or other
/// work on the machine). Returns `MPI_Test`'s error code, `MPI_SUCCESS` once complete.
int d2l_mpi_wait(MPI_Request *request);

#endif
#endif
