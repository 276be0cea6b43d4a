/* The C reference for Sharpgrad's MPI binding (bench/ddp_lenet.sh compiles it with mpicc into a temporary folder):
 * one in-place MPI_Allreduce (MPI_SUM) of 1 M floats, 10 warm-up calls, then the mean time of 100 calls after a
 * barrier, averaged over the ranks; bandwidth counts the buffer once, 4 MB / t. The same method as the test
 * program's allreduce-bandwidth scenario (tests/Sharpgrad.Distributed.TestProgram/AllReduceBandwidthScenario.cs). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

enum { COUNT = 1 << 20, WARM_UP = 10, ITERATIONS = 100 };

int main(int argc, char **argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    float *buffer = calloc(COUNT, sizeof(float));   /* zeros: repeated sums stay finite */
    for (int i = 0; i < WARM_UP; i++) MPI_Allreduce(MPI_IN_PLACE, buffer, COUNT, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    MPI_Barrier(MPI_COMM_WORLD);
    double start = MPI_Wtime();
    for (int i = 0; i < ITERATIONS; i++) MPI_Allreduce(MPI_IN_PLACE, buffer, COUNT, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    double seconds = (MPI_Wtime() - start) / ITERATIONS, total;
    MPI_Allreduce(&seconds, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    seconds = total / size;
    if (rank == 0)
        printf("0|allreduce-1M-float-ms|%.3f\n0|allreduce-1M-float-GB/s|%.2f\n", seconds * 1e3, COUNT * 4.0 / seconds / 1e9);
    free(buffer);
    MPI_Finalize();
    return 0;
}
