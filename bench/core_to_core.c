/* Core-to-core round trip (bench/compare_round2.sh compiles it with cc into its output folder and runs it before and
 * after each side's timed run at 2 threads and more): two threads pinned to CPUs 0 and 1 bounce one cache line, each
 * writing the value the other waits for, for the given milliseconds (default 30); prints the mean round trip in
 * nanoseconds. Each trip includes one read of the clock (about 20 ns): only the contrast between readings matters.
 * Exits with status 1 when a thread cannot be pinned (CPU 0 or 1 outside the process's mask), where the two threads
 * would share one CPU and the reading would mean nothing.
 *
 * Why: on this project's 2-vCPU guest the host places the two vCPUs near each other (one L3: about 120-140 ns) or apart
 * (about 320-600 ns) for seconds at a time, and every two-thread workload that hands data between its threads runs
 * 20-35% slower while they are apart, PyTorch's as well as Sharpgrad's (docs/performance.md, "Two-thread slow
 * windows"). A round's ratio is only comparable with rounds that saw the same placement. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static _Alignas(64) _Atomic long line;

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void pin_to(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
    {
        fprintf(stderr, "core_to_core: cannot pin a thread to CPU %d\n", cpu);
        exit(1);
    }
}

/* CPU 1: answers every odd value v with v + 1, until the line reads negative. */
static void *echo(void *unused)
{
    (void)unused;
    pin_to(1);
    long answered = 0;
    for (;;)
    {
        long v = atomic_load_explicit(&line, memory_order_acquire);
        if (v < 0) return NULL;
        if ((v & 1) && v != answered)
        {
            answered = v + 1;
            atomic_store_explicit(&line, answered, memory_order_release);
        }
    }
}

int main(int argc, char **argv)
{
    double duration = (argc > 1 ? atoi(argv[1]) : 30) * 1e-3;
    pthread_t other;
    pthread_create(&other, NULL, echo, NULL);
    pin_to(0);
    long v = 1, trips = 0;
    double start = seconds();
    while (seconds() - start < duration)
    {
        atomic_store_explicit(&line, v, memory_order_release);
        while (atomic_load_explicit(&line, memory_order_acquire) != v + 1) {}
        v += 2;
        trips++;
    }
    double elapsed = seconds() - start;
    atomic_store(&line, -1);
    pthread_join(other, NULL);
    if (trips == 0)
    {
        fprintf(stderr, "core_to_core: no round trip in %.0f ms\n", duration * 1e3);
        return 1;
    }
    printf("%.0f\n", elapsed * 1e9 / trips);
    return 0;
}
