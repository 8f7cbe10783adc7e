/* The audit of the CLibXML2 shim's parse arena (scripts/check-parse-arena.sh builds and runs it).
 *
 *   check-parse-arena audit|time-malloc|time-arena [THREADS] < files.txt
 *
 * audit: parses every page (path per line on stdin) as HTMLDocument does (lb_html_read_memory_in_arena), each page
 * twice (libxml2 sniffing the encoding, then with "windows-1252" forced), on THREADS threads (default 2) that
 * hand each document to the other thread to be freed. The hooks are wrapped to record every block the arena gives
 * out and every free of one: a block still recorded after xmlFreeDoc is one the parse left for later (a global or
 * per-thread pointer into a released arena) and fails the run. Meant to run under valgrind as well (an arena
 * block given to libc's free, a read of uninitialised bytes).
 * time-malloc / time-arena: parse-only CPU of the two ways, one thread. */
#include "shim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <execinfo.h>

/* Open-addressing set of the arena's live blocks (audit only), each with its arena and the libxml2 function that
   asked for it, and a count of live blocks per arena in flight; all behind one lock. */
#define SET_SIZE (1u << 24)
typedef struct { void *p, *arena, *site; } block_t;
static block_t *live;
static size_t live_total, leaks;
typedef struct { void *arena; size_t count; } tally_t;
static tally_t tallies[256];
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
#define TOMB ((void *)1)

static tally_t *tally_of(void *arena) {
    tally_t *empty = NULL;
    for (int i = 0; i < 256; i++) {
        if (tallies[i].arena == arena) return &tallies[i];
        if (!empty && tallies[i].arena == NULL) empty = &tallies[i];
    }
    if (!empty) { fprintf(stderr, "too many arenas in flight\n"); exit(2); }
    empty->arena = arena;
    empty->count = 0;
    return empty;
}
static size_t slot_of(void *p) { return ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 40 & (SET_SIZE - 1); }
static void live_add(void *p, void *site) {
    void *arena = *lb_arena_current();
    pthread_mutex_lock(&live_lock);
    size_t i = slot_of(p);
    while (live[i].p != NULL && live[i].p != TOMB && live[i].p != p) i = (i + 1) & (SET_SIZE - 1);
    if (live[i].p == p) tally_of(live[i].arena)->count--; /* a no-op free, then the same bytes again: cannot be */
    live[i] = (block_t){ p, arena, site };
    tally_of(arena)->count++;
    live_total++;
    pthread_mutex_unlock(&live_lock);
}
static void live_remove(void *p) {
    pthread_mutex_lock(&live_lock);
    for (size_t i = slot_of(p); live[i].p != NULL; i = (i + 1) & (SET_SIZE - 1))
        if (live[i].p == p) { tally_of(live[i].arena)->count--; live[i].p = TOMB; break; }
    pthread_mutex_unlock(&live_lock);
}
/* Before an arena goes back: every block it gave out must have been freed by libxml2. */
static void live_check_release(void *arena, const char *path) {
    pthread_mutex_lock(&live_lock);
    tally_t *t = tally_of(arena);
    if (t->count) {
        fprintf(stderr, "%s: %zu arena blocks outlive the document, allocated by:\n", path, t->count);
        for (size_t i = 0, shown = 0; i < SET_SIZE && shown < 10; i++)
            if (live[i].p != NULL && live[i].p != TOMB && live[i].arena == arena) {
                backtrace_symbols_fd(&live[i].site, 1, 2);
                live[i].p = TOMB;
                shown++;
            }
        leaks += t->count;
    }
    t->arena = NULL;
    pthread_mutex_unlock(&live_lock);
}
/* The libxml2 function that called the hook (the hooks are called through libxml2's function pointers). */
#define caller() __builtin_return_address(0)
static int auditing;
static void *audit_malloc(size_t n) {
    void *p = lb_arena_malloc(n);
    if (p && lb_arena_owns(p)) live_add(p, caller());
    return p;
}
static void audit_free(void *p) {
    if (p && lb_arena_owns(p)) live_remove(p);
    lb_arena_free(p);
}
static void *audit_realloc(void *p, size_t n) {
    void *q = lb_arena_realloc(p, n);
    if (q && q != p) {
        if (p && lb_arena_owns(p)) live_remove(p);
        if (lb_arena_owns(q)) live_add(q, caller());
    }
    return q;
}
static char *audit_strdup(const char *s) {
    char *p = lb_arena_strdup(s);
    if (p && lb_arena_owns(p)) live_add(p, caller());
    return p;
}

static char **paths;
static size_t npaths;
static const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_COMPACT | XML_PARSE_HUGE;

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* Documents handed between the threads: each thread frees the one the other parsed. */
typedef struct { htmlDocPtr doc; void *arena; const char *path; int full; } slot_t;
static slot_t mailbox[64];
static pthread_mutex_t mb_lock = PTHREAD_MUTEX_INITIALIZER;
static int nthreads = 2;

static void free_doc(htmlDocPtr doc, void *arena, const char *path) {
    if (doc) xmlFreeDoc(doc);
    if (arena && auditing) live_check_release(arena, path);
    if (arena) lb_arena_release(arena);
}

static void *worker(void *arg) {
    int me = (int)(intptr_t)arg;
    lb_silence_errors();
    for (size_t i = (size_t)me; i < npaths; i += (size_t)nthreads) {
        size_t len;
        char *buf = slurp(paths[i], &len);
        for (int pass = 0; pass < 2; pass++) {
            void *arena = NULL;
            htmlDocPtr doc = lb_html_read_memory_in_arena(buf, (int)len, "http://example.test/",
                                                          pass ? "windows-1252" : NULL, opts, &arena);
            /* read the tree a little, as lookback does after the parse (these copies are malloc's) */
            xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
            if (root) { xmlChar *t = xmlNodeGetContent(root); xmlFree(t); }
            int other = (me + 1) % nthreads;
            pthread_mutex_lock(&mb_lock);
            slot_t prev = mailbox[other];
            mailbox[other] = (slot_t){ doc, arena, paths[i], 1 };
            pthread_mutex_unlock(&mb_lock);
            if (prev.full) free_doc(prev.doc, prev.arena, prev.path);
        }
        free(buf);
    }
    return NULL;
}

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "audit";
    if (argc > 2) nthreads = atoi(argv[2]);
    if (nthreads < 1 || nthreads > 64) nthreads = 2;
    char line[8192];
    size_t cap = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0]) continue;
        if (npaths == cap) { cap = cap ? cap * 2 : 1024; paths = realloc(paths, cap * sizeof *paths); }
        paths[npaths++] = strdup(line);
    }
    if (strcmp(mode, "audit") == 0) {
        live = calloc(SET_SIZE, sizeof *live);
        auditing = 1;
        if (!lb_arena_install()) { fprintf(stderr, "no arena\n"); return 2; }
        xmlMemSetup(audit_free, audit_malloc, audit_realloc, audit_strdup);
        lb_silence_errors();
        xmlInitParser();
        pthread_t t[64];
        for (int k = 0; k < nthreads; k++) pthread_create(&t[k], NULL, worker, (void *)(intptr_t)k);
        for (int k = 0; k < nthreads; k++) pthread_join(t[k], NULL);
        for (int k = 0; k < nthreads; k++) if (mailbox[k].full) free_doc(mailbox[k].doc, mailbox[k].arena, mailbox[k].path);
        printf("audit: %zu pages x2 on %d threads, %zu arena blocks, %zu left after xmlFreeDoc\n", npaths, nthreads,
               live_total, leaks);
        return leaks ? 1 : 0;
    }
    int arena = strcmp(mode, "time-arena") == 0;
    if (arena && !lb_arena_install()) return 2;
    lb_silence_errors();
    xmlInitParser();
    double cpu = 0;
    for (size_t i = 0; i < npaths; i++) {
        size_t len;
        char *buf = slurp(paths[i], &len);
        double t0 = cpu_now();
        void *a = NULL;
        htmlDocPtr doc = arena ? lb_html_read_memory_in_arena(buf, (int)len, NULL, NULL, opts, &a)
                               : lb_html_read_memory_without_ids(buf, (int)len, NULL, NULL, opts);
        free_doc(doc, a, paths[i]);
        cpu += cpu_now() - t0;
        free(buf);
    }
    printf("%s: %zu pages, %.3f ms CPU/page\n", mode, npaths, cpu * 1000 / (double)npaths);
    return 0;
}
