#include "CD2LMPI.h"

#include <time.h>

#if __has_include(<mpi.h>)
MPI_Comm d2l_mpi_comm_world(void) { return MPI_COMM_WORLD; }
MPI_Comm d2l_mpi_comm_null(void) { return MPI_COMM_NULL; }
MPI_Datatype d2l_mpi_float(void) { return MPI_FLOAT; }
MPI_Datatype d2l_mpi_double(void) { return MPI_DOUBLE; }
MPI_Datatype d2l_mpi_uint64(void) { return MPI_UINT64_T; }
MPI_Datatype d2l_mpi_uint8(void) { return MPI_UINT8_T; }
MPI_Datatype d2l_mpi_byte(void) { return MPI_BYTE; }
MPI_Op d2l_mpi_sum(void) { return MPI_SUM; }
MPI_Op d2l_mpi_max(void) { return MPI_MAX; }
MPI_Errhandler d2l_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
void *d2l_mpi_in_place(void) { return MPI_IN_PLACE; }
int d2l_mpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
int d2l_mpi_success(void) { return MPI_SUCCESS; }
int d2l_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }

int d2l_mpi_wait(MPI_Request *request) {
    long pause = 1000;
    for (int tests = 0;; tests++) {
        int done = 0;
        int code = MPI_Test(request, &done, MPI_STATUS_IGNORE);
        if (code != MPI_SUCCESS || done) return code;
        if (tests >= 100) {
            struct timespec interval = {0, pause};
            nanosleep(&interval, NULL);
            if (pause < 64000) pause *= 2;
        }
    }
}
#endif
