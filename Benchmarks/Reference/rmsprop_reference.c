// A plain C RMSProp step: the yardstick of BENCHMARKS.md, not part of the package.
//
//   s <- gamma * s + (1 - gamma) * g * g
//   p <- p - lr * (g / sqrt(s + eps))
//
// One fused pass over p, g and s (20 bytes per Float parameter: read p, g, s; write p, s).
// Built by scripts/run-benchmarks.sh with `gcc -O3 -fno-math-errno [-march=native] -fopenmp`.
//
// usage: rmsprop_reference PARAMS [STEPS] [TENSORS]
// prints one JSON line: {"ns_per_param": ..., "gb_per_s": ..., "threads": ..., ...}
// with the median over STEPS timed steps (after two warm-up steps). With TENSORS > 1 the
// parameters are split into that many equal tensors updated one after another, each by
// the same loop (the per-tensor calls a framework without an arena makes).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static void step(float *restrict p, const float *restrict g, float *restrict s, long n,
                 float lr, float gamma, float eps) {
    const float one_minus_gamma = 1.0f - gamma;
#pragma omp parallel for schedule(static) if (n >= 65536)
    for (long i = 0; i < n; i++) {
        // The same operations in the same order as the Swift rule, so the results agree bit
        // for bit (without -march=native, where gcc may contract into fused multiply-adds).
        float gi = g[i];
        float si = gamma * s[i] + one_minus_gamma * (gi * gi);
        s[i] = si;
        p[i] -= lr * (gi / sqrtf(si + eps));
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PARAMS [STEPS] [TENSORS]\n", argv[0]);
        return 64;
    }
    long n = atol(argv[1]);
    int steps = argc > 2 ? atoi(argv[2]) : 20;
    long tensors = argc > 3 ? atol(argv[3]) : 1;
    if (n <= 0 || steps <= 0 || tensors <= 0 || n % tensors != 0) {
        fprintf(stderr, "PARAMS, STEPS and TENSORS must be positive, TENSORS dividing PARAMS\n");
        return 64;
    }
    float *p = aligned_alloc(64, ((size_t)n * sizeof(float) + 63) / 64 * 64);
    float *g = aligned_alloc(64, ((size_t)n * sizeof(float) + 63) / 64 * 64);
    float *s = aligned_alloc(64, ((size_t)n * sizeof(float) + 63) / 64 * 64);
    if (!p || !g || !s) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        p[i] = (float)((i % 1000) - 500) * 1e-3f;
        g[i] = (float)((i % 997) - 498) * 1e-4f;
        s[i] = 0;
    }
    long size = n / tensors;
    double *times = malloc(sizeof(double) * (size_t)steps);
    for (int k = -2; k < steps; k++) {
        double start = now();
        for (long t = 0; t < tensors; t++)
            step(p + t * size, g + t * size, s + t * size, size, 0.01f, 0.9f, 1e-6f);
        double elapsed = now() - start;
        if (k >= 0) times[k] = elapsed;
    }
    qsort(times, (size_t)steps, sizeof(double), compare);
    double median = steps % 2 ? times[steps / 2] : 0.5 * (times[steps / 2 - 1] + times[steps / 2]);
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    double checksum = 0;
    for (long i = 0; i < n; i += 4099) checksum += p[i];
    printf("{\"ns_per_param\": %.6f, \"gb_per_s\": %.3f, \"threads\": %d, \"params\": %ld, "
           "\"tensors\": %ld, \"seconds_per_step\": %.9f, \"checksum\": %.9g}\n",
           median * 1e9 / (double)n, 20.0 * (double)n / median / 1e9, threads, n, tensors, median,
           checksum);
    free(times);
    free(p);
    free(g);
    free(s);
    return 0;
}
