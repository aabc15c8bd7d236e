/*
 * cbench: the official C client (libvirt.so's remote driver) on W1, W3 and
 * W4a over any client URI, so that bench-transports.sh can put it beside
 * lvbench on TCP, TLS and SSH. The shared harness's C peer builds only
 * `+unix` URIs; this one takes the URI as it is.
 *
 *   cbench WORKLOAD --uri URI [--n N] [--threads T]
 *
 * WORKLOAD is w1 (sequential virConnectGetLibVersion), w3 (T threads, 32 by
 * default, share one connection and make N calls in all) or w4list
 * (virConnectListAllDomains on a 2000-domain node file). The workloads are
 * those of the shared harness's README, with the same counts and warm-ups.
 * Prints one JSON object on stdout, in the fields lvbench prints.
 *
 * Build: cc -O2 -o cbench cbench.c $(pkg-config --cflags --libs libvirt) -lpthread
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct sample {
    double wall, user, sys;
};

static double seconds(struct timeval tv) { return tv.tv_sec + tv.tv_usec / 1e6; }

static struct sample now(void) {
    struct sample s;
    struct timespec ts;
    struct rusage ru;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    getrusage(RUSAGE_SELF, &ru);
    s.wall = ts.tv_sec + ts.tv_nsec / 1e9;
    s.user = seconds(ru.ru_utime);
    s.sys = seconds(ru.ru_stime);
    return s;
}

static void die(const char *what) {
    virErrorPtr e = virGetLastError();
    fprintf(stderr, "cbench: %s failed: %s\n", what, e && e->message ? e->message : "?");
    exit(1);
}

static void lib_version(virConnectPtr c) {
    unsigned long v;
    if (virConnectGetLibVersion(c, &v) < 0)
        die("virConnectGetLibVersion");
}

static int list_all(virConnectPtr c) {
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(c, &doms, 0);
    if (n < 0)
        die("virConnectListAllDomains");
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return n;
}

struct caller {
    virConnectPtr conn;
    pthread_barrier_t *start;
    long calls;
};

static void *call_loop(void *arg) {
    struct caller *c = arg;
    pthread_barrier_wait(c->start);
    for (long i = 0; i < c->calls; i++)
        lib_version(c->conn);
    return NULL;
}

static void report(const char *workload, const char *uri, long n, struct sample a,
                   struct sample z) {
    double wall = z.wall - a.wall;
    printf("{\"peer\":\"c\",\"workload\":\"%s\",\"uri\":\"%s\",\"n\":%ld,\"wall_s\":%.6f,"
           "\"ops_per_s\":%.3f,\"cpu_user_s\":%.4f,\"cpu_sys_s\":%.4f}\n",
           workload, uri, n, wall, n / wall, z.user - a.user, z.sys - a.sys);
}

int main(int argc, char **argv) {
    const char *workload = NULL, *uri = NULL;
    long n = -1, threads = 32;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--uri") && i + 1 < argc)
            uri = argv[++i];
        else if (!strcmp(argv[i], "--n") && i + 1 < argc)
            n = atol(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atol(argv[++i]);
        else if (!workload && argv[i][0] != '-')
            workload = argv[i];
        else {
            fprintf(stderr, "usage: cbench w1|w3|w4list --uri URI [--n N] [--threads T]\n");
            return 2;
        }
    }
    if (!workload || !uri || threads < 1) {
        fprintf(stderr, "usage: cbench w1|w3|w4list --uri URI [--n N] [--threads T]\n");
        return 2;
    }
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn)
        die("virConnectOpen");
    struct sample a, z;
    if (!strcmp(workload, "w1")) {
        if (n < 0)
            n = 20000;
        for (int i = 0; i < 100; i++)
            lib_version(conn);
        a = now();
        for (long i = 0; i < n; i++)
            lib_version(conn);
        z = now();
    } else if (!strcmp(workload, "w3")) {
        if (n < 0)
            n = 40000;
        for (int i = 0; i < 100; i++)
            lib_version(conn);
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, threads + 1);
        pthread_t *tids = calloc(threads, sizeof *tids);
        struct caller *callers = calloc(threads, sizeof *callers);
        if (!tids || !callers) {
            fprintf(stderr, "cbench: out of memory\n");
            return 1;
        }
        for (long t = 0; t < threads; t++) {
            callers[t] = (struct caller){conn, &start, n / threads + (t < n % threads)};
            if (pthread_create(&tids[t], NULL, call_loop, &callers[t])) {
                fprintf(stderr, "cbench: cannot start caller thread %ld\n", t);
                return 1;
            }
        }
        a = now();
        pthread_barrier_wait(&start);
        for (long t = 0; t < threads; t++)
            pthread_join(tids[t], NULL);
        z = now();
        free(tids);
        free(callers);
    } else if (!strcmp(workload, "w4list")) {
        if (n < 0)
            n = 200;
        list_all(conn);
        a = now();
        for (long i = 0; i < n; i++)
            if (list_all(conn) != 2000) {
                fprintf(stderr, "cbench: expected 2000 domains\n");
                return 1;
            }
        z = now();
    } else {
        return 3;
    }
    report(workload, uri, n, a, z);
    if (virConnectClose(conn) < 0)
        die("virConnectClose");
    return 0;
}
