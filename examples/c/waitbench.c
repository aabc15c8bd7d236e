/*
 * waitbench: a zero-cost client (pre-encoded CONNECT_GET_LIB_VERSION
 * calls, one in flight) that waits for each reply in one of three ways:
 * a blocking read(2), poll(2) then read, or epoll_wait(2) then read. It
 * isolates what the way a client waits costs the daemon and the client,
 * for BENCHMARKS.md's account of the async adapters' last few percent.
 *
 *   waitbench --socket PATH [--wait read|poll|epoll] [--n N] [--server-pid PID]
 *
 * Prints one JSON object: calls/s, the client's CPU per call and, with
 * --server-pid, the daemon's CPU per call (from /proc, in clock ticks).
 *
 * Build: cc -O2 -o waitbench waitbench.c
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum wait { WAIT_READ, WAIT_POLL, WAIT_EPOLL };

static int sock, ep;
static enum wait mode = WAIT_READ;

static void put32(unsigned char *p, uint32_t v) {
    p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A call header: length, program REMOTE, version 1, procedure, CALL, serial, OK. */
static size_t header(unsigned char *p, uint32_t len, uint32_t proc, uint32_t serial) {
    uint32_t words[] = {len, 0x20008086, 1, proc, 0, serial, 0};
    for (int i = 0; i < 7; i++)
        put32(p + 4 * i, words[i]);
    return 28;
}

static void waitfor(void) {
    if (mode == WAIT_POLL) {
        struct pollfd p = {sock, POLLIN, 0};
        while (poll(&p, 1, -1) < 0 && errno == EINTR) {
        }
    } else if (mode == WAIT_EPOLL) {
        struct epoll_event e;
        while (epoll_wait(ep, &e, 1, -1) < 0 && errno == EINTR) {
        }
    }
}

/* Reads one whole packet; returns its status word. With one call in
 * flight nothing follows the reply, so each read asks for all the room
 * left, and an event-loop reader waits again only when a read finds the
 * socket empty: one wait and one read per reply, as a client does. */
static uint32_t reply(void) {
    unsigned char buf[65536];
    size_t have = 0, want = 0;
    int waited = 0;
    while (!want || have < want) {
        if (mode != WAIT_READ && !waited) {
            waitfor();
            waited = 1;
        }
        ssize_t n = read(sock, buf + have, sizeof buf - have);
        if (n < 0 && errno == EAGAIN) {
            waited = 0;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "waitbench: read: %s\n", n ? strerror(errno) : "end of file");
            exit(1);
        }
        have += n;
        if (!want && have >= 4) {
            want = get32(buf);
            if (want < 28 || want > sizeof buf) {
                fprintf(stderr, "waitbench: bad packet length %zu\n", want);
                exit(1);
            }
        }
        if (want && have > want) {
            fprintf(stderr, "waitbench: more than one packet arrived\n");
            exit(1);
        }
    }
    return get32(buf + 24);
}

static void send_all(const unsigned char *p, size_t len) {
    while (len) {
        ssize_t n = write(sock, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd w = {sock, POLLOUT, 0};
            poll(&w, 1, -1);
            continue;
        }
        if (n <= 0) {
            perror("waitbench: write");
            exit(1);
        }
        p += n, len -= n;
    }
}

static double server_cpu(const char *pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(buf, sizeof buf, f)) {
        if (f)
            fclose(f);
        return 0;
    }
    fclose(f);
    char *p = strrchr(buf, ')');
    unsigned long long utime = 0, stime = 0;
    /* Fields 14 and 15, counted from the state field (3) after the name. */
    if (p)
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime);
    return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

static double now(double *cpu) {
    struct timespec ts;
    struct rusage ru;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    getrusage(RUSAGE_SELF, &ru);
    *cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *path = NULL, *pid = NULL, *how = "read";
    long n = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--socket"))
            path = argv[i + 1];
        else if (!strcmp(argv[i], "--wait"))
            how = argv[i + 1];
        else if (!strcmp(argv[i], "--n"))
            n = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--server-pid"))
            pid = argv[i + 1];
    }
    mode = !strcmp(how, "poll") ? WAIT_POLL : !strcmp(how, "epoll") ? WAIT_EPOLL : WAIT_READ;
    if (strcmp(how, "read") && strcmp(how, "poll") && strcmp(how, "epoll"))
        path = NULL;
    if (!path || n < 1 || strlen(path) >= sizeof((struct sockaddr_un){0}.sun_path)) {
        fprintf(stderr, "usage: waitbench --socket PATH [--wait read|poll|epoll] [--n N] "
                        "[--server-pid PID]\n");
        return 2;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, path);
    sock = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("waitbench: connect");
        return 1;
    }
    /* CONNECT_OPEN (1): name "test:///default" as an optional string, flags 0. */
    static const char name[] = "test:///default";
    unsigned char open[64] = {0};
    size_t len = 28 + 4 + 4 + 16 + 4;
    header(open, len, 1, 0);
    put32(open + 28, 1);
    put32(open + 32, sizeof name - 1);
    memcpy(open + 36, name, sizeof name - 1);
    send_all(open, len);
    if (reply() != 0) {
        fprintf(stderr, "waitbench: CONNECT_OPEN failed\n");
        return 1;
    }
    if (mode != WAIT_READ) {
        /* Non-blocking reads after the wait, as an event loop does them. */
        if (fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK) < 0) {
            perror("waitbench: fcntl");
            return 1;
        }
        ep = epoll_create1(0);
        struct epoll_event e = {.events = EPOLLIN, .data.fd = sock};
        if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, sock, &e) < 0) {
            perror("waitbench: epoll");
            return 1;
        }
    }
    /* The calls, encoded once; only the serial changes. */
    unsigned char call[28];
    header(call, 28, 157, 0);
    for (int i = 0; i < 100; i++) {
        put32(call + 20, i + 1);
        send_all(call, 28);
        reply();
    }
    double c0, c1, s0 = pid ? server_cpu(pid) : 0;
    double t0 = now(&c0);
    for (long i = 0; i < n; i++) {
        put32(call + 20, 1000 + i);
        send_all(call, 28);
        if (reply() != 0) {
            fprintf(stderr, "waitbench: call failed\n");
            return 1;
        }
    }
    double t1 = now(&c1), s1 = pid ? server_cpu(pid) : 0;
    printf("{\"wait\":\"%s\",\"n\":%ld,\"ops_per_s\":%.1f,\"client_cpu_us\":%.2f", how, n,
           n / (t1 - t0), (c1 - c0) / n * 1e6);
    if (pid)
        printf(",\"server_cpu_us\":%.2f", (s1 - s0) / n * 1e6);
    printf("}\n");
    return 0;
}
