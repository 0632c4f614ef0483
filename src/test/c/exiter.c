/*
 * Test helper for the live-collector tests: makes task exits of known shape on whatever CPU taskset pins it to.
 *   exiter exit CODE          exit(CODE)
 *   exiter threads N CODE     run N threads, join them, exit(CODE): the last exit carries an AGGR_TGID aggregate
 *   exiter storm N            N short-lived threads, at most 32 alive at once, then exit(0)
 *   exiter burst N CPU        N threads pinned to CPU wait at a barrier, then all end at once; the process itself
 *                             exits on the CPU taskset gave it, so on CPU the burst is the last exit
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *spin(void *arg) {
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < (unsigned long) (size_t) arg; i++) x += i;
    return NULL;
}

static pthread_barrier_t start_line;

static void *wait_then_end(void *arg) {
    (void) arg;
    pthread_barrier_wait(&start_line);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "burst") == 0) {
        int n = atoi(argv[2]);
        cpu_set_t on;
        CPU_ZERO(&on);
        CPU_SET(atoi(argv[3]), &on);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 64 * 1024);
        pthread_attr_setaffinity_np(&attr, sizeof on, &on);
        pthread_t *t = calloc(n, sizeof *t);
        pthread_barrier_init(&start_line, NULL, n + 1);
        for (int i = 0; i < n; i++) {
            if (pthread_create(&t[i], &attr, wait_then_end, NULL)) { perror("pthread_create"); return 1; }
        }
        pthread_barrier_wait(&start_line);
        for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "exit") == 0) {
        return atoi(argv[2]);
    }
    if (argc >= 4 && strcmp(argv[1], "threads") == 0) {
        int n = atoi(argv[2]);
        pthread_t t[256];
        if (n > 256) n = 256;
        for (int i = 0; i < n; i++) pthread_create(&t[i], NULL, spin, (void *) (size_t) 200000);
        for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
        return atoi(argv[3]);
    }
    if (argc >= 3 && strcmp(argv[1], "storm") == 0) {
        long n = atol(argv[2]);
        pthread_t t[32];
        for (long done = 0; done < n;) {
            int batch = n - done < 32 ? (int) (n - done) : 32;
            for (int i = 0; i < batch; i++) pthread_create(&t[i], NULL, spin, (void *) (size_t) 0);
            for (int i = 0; i < batch; i++) pthread_join(t[i], NULL);
            done += batch;
        }
        return 0;
    }
    fprintf(stderr, "usage: exiter exit CODE | threads N CODE | storm N | burst N CPU\n");
    return 64;
}
