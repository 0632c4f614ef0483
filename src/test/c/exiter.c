/*
 * Test helper for the live-collector tests: makes task exits of known shape on whatever CPU taskset pins it to.
 *   exiter exit CODE          exit(CODE)
 *   exiter threads N CODE     run N threads, join them, exit(CODE): the last exit carries an AGGR_TGID aggregate
 *   exiter storm N            N short-lived threads, at most 32 alive at once, then exit(0)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *spin(void *arg) {
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < (unsigned long) (size_t) arg; i++) x += i;
    return NULL;
}

int main(int argc, char **argv) {
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
    fprintf(stderr, "usage: exiter exit CODE | threads N CODE | storm N\n");
    return 64;
}
