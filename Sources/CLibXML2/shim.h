#ifndef LOOKBACK_CLIBXML2_SHIM_H
#define LOOKBACK_CLIBXML2_SHIM_H
/* SwiftPM's incremental builds do not see an edit to this header: after changing it, touch
   Sources/HTML/HTMLDocument.swift (its only caller) or build clean, or the old code stays in the binary. */
#include <stdlib.h>
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers clash with Foundation's ICU in clean builds.
   We never touch the ICU members, so hide them. Must come before any other libxml header. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <string.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/mman.h>

/* The version of the libxml2 loaded at run time (20914 for 2.9.14); xmlParserVersion is a macro in threaded builds. */
static inline int lb_libxml_runtime_version(void) { return atoi(xmlParserVersion); }

/* xmlFree is a global function-pointer variable, which Swift cannot call directly. */
static inline void lb_xmlFree(void *p) { xmlFree(p); }

static void lb_silent_structured_error(void *ctx, xmlErrorPtr err) { (void)ctx; (void)err; }
/* libxml2 prints encoding errors to stderr even with NOERROR; route all errors nowhere. */
static inline void lb_silence_errors(void) {
    xmlSetStructuredErrorFunc(NULL, lb_silent_structured_error);
}

/* htmlReadMemory as libxml2 2.9.x has it (its body and htmlDoRead's, read from 2.9.14's HTMLparser.c), except that
   the parser does not register ID attributes (XML_SKIP_IDS): `id`, and `name` on <a>, would each get an entry in the
   document's ID table (a hash insert and a string copy, removed again when the tree is freed) that only XPath's
   id() and xmlGetID read. The tree is the same. Only for 2.9.x, whose function this copies. */
static inline htmlDocPtr lb_html_read_memory_without_ids(const char *buffer, int size, const char *url,
                                                         const char *encoding, int options) {
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    htmlDefaultSAXHandlerInit();
    if (ctxt->sax != NULL) memcpy(ctxt->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    ctxt->loadsubset |= XML_SKIP_IDS;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) {
            xmlSwitchToEncoding(ctxt, handler);
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
    htmlParseDocument(ctxt);
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    /* The document keeps the names' dictionary. */
    if (ctxt->dictNames && doc != NULL && doc->dict == ctxt->dict) ctxt->dict = NULL;
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* ---- The parse arena ----------------------------------------------------------------------------------------
   libxml2 builds an HTML tree with many small allocations (two or three per element and per attribute) and frees
   them one by one in xmlFreeDoc; with jemalloc that is ~5% of lookback's time per page (bench/FINDINGS.md 53, 57).
   While lb_html_read_memory_in_arena parses, the thread's xmlMalloc calls instead bump a pointer through 1 MiB
   chunks that belong to the document, and the chunks go back to a pool in one step when the document is freed.

   libxml2's allocator hooks (xmlMemSetup) are process-global, so:
   - Only the parsing thread allocates from its arena (lb_arena_current() is thread-local); every other thread's
     calls, and every call after the parse (lookback's xmlGetProp/xmlNodeGetContent copies, XPath), go to malloc.
   - All chunks come from one reserved address range, so free() tells an arena block from a malloc block by its
     address alone: an arena block's free is a no-op (its chunk is reused only once its document is released),
     anything else goes to the real free. Any thread may free either kind.
   - realloc of an arena block copies into a new block, or grows in place when it is the thread's last block.
   - Blocks above LB_ARENA_LARGE (the parser's copy of the input, huge text nodes), blocks past a document's cap,
     and blocks when no chunk can be had go to malloc, so a page of any size parses as before.
   Nothing that outlives the document may be allocated in its arena: libxml2's global state is set up by
   xmlInitParser (called before the arena opens), its per-thread state is calloc'd by libxml2 itself, encoding
   handlers opened by a parse are closed with its parser context, and the one per-thread pointer a parse leaves
   behind, the copy of its last error (xmlLastError), is reset before the arena closes. Audited for libxml2 2.9.14
   (the caller uses the arena only with 2.9.x) by scripts/check-parse-arena.sh: on every test page, every block a
   parse allocates in the arena is freed again by xmlFreeParserCtxt or xmlFreeDoc, and a build with LB_ARENA_CHECK
   (released chunks made unreadable instead of reused) extracts the same records. HTMLParser (Sources/HTML) builds
   its trees in an arena too, between lb_arena_enter and lb_arena_leave, with the tree calls libxml2's own parse
   makes (xmlNewDocNodeEatName, xmlNewNsPropEatName, xmlNewDocTextLen, xmlNewCDataBlock, xmlNewDocComment,
   xmlNewDocPI, xmlCreateIntSubset, xmlTextConcat, the document's dictionary): xmlFreeDoc frees all of them. */

#define LB_ARENA_CHUNK ((size_t)1 << 20)
/* Address space reserved (not committed) for all chunks: far more than the documents in flight under --jobs N.
   (The check script's valgrind build asks for less: valgrind cannot map 64 GiB.) */
#ifndef LB_ARENA_REGION
#define LB_ARENA_REGION ((size_t)1 << 36)
#endif
/* Larger blocks go to malloc: they are few, and copying one on realloc would cost more than the bump saves. */
#define LB_ARENA_LARGE (LB_ARENA_CHUNK / 8)
/* Chunks one document may take (4 MiB: the tree of a ~500 KB page); past that its blocks go to malloc. An arena
   never reuses what the parse frees, so a big page takes more in it than in malloc: with a 256 MiB cap, a crawl of
   10,000 posts (its 1 MB author pages parsed side by side) peaked 5-7 MB higher, and the peak-RSS ratio to a
   2,000-post crawl went from 1.26x to 1.29-1.34x (issue #3's bound is 1.3x); capped, 1.24-1.26x, and the time
   per corpus page is the same (bench/FINDINGS.md 60). */
#define LB_ARENA_MAX_CHUNKS 4
/* Released chunks kept with their pages, for the next documents; the rest go back to the kernel. */
#define LB_ARENA_WARM_CHUNKS 4
/* Each chunk starts with a link word (the document's chunk list, or the pool's), padded to malloc's alignment. */
#define LB_ARENA_LINK 16

typedef struct lb_arena {
    char *next;      /* the current chunk's free space */
    char *end;
    char *last;      /* the last block handed out, which realloc may grow in place */
    char *chunks;    /* the document's chunks; this header lies in the last of them */
    size_t count;
    int spilled;     /* a block went to malloc while this arena was the thread's (see lb_arena_holds_all) */
} lb_arena;

/* The chunks of all arenas. Function-local statics: Swift's importer emits a header's static functions but not its
   file-scope variables. Each Swift file that calls these functions gets its own copy of them and of this state,
   so only HTMLDocument.swift calls them. */
typedef struct lb_arena_pool {
    char *base;              /* set once by lb_arena_install, before the hooks */
    size_t carved;           /* bytes of the region handed out as chunks so far */
    char *warm, *cold;       /* released chunks (cold ones without their pages), linked through their first word */
    size_t warm_count;
    pthread_mutex_t lock;
} lb_arena_pool;

static inline lb_arena_pool *lb_arena_pool_shared(void) {
    static lb_arena_pool pool = { NULL, 0, NULL, NULL, 0, PTHREAD_MUTEX_INITIALIZER };
    return &pool;
}

/* The arena the calling thread is parsing into, if any. */
static inline lb_arena **lb_arena_current(void) {
    static _Thread_local lb_arena *current;
    return &current;
}

static inline size_t lb_arena_round(size_t size) { return size ? (size + 15) & ~(size_t)15 : 16; }

static inline int lb_arena_owns(const void *p) {
    return (uintptr_t)((const char *)p - lb_arena_pool_shared()->base) < LB_ARENA_REGION;
}

static char *lb_arena_take_chunk(void) {
    lb_arena_pool *pool = lb_arena_pool_shared();
    char *c = NULL;
    pthread_mutex_lock(&pool->lock);
    if (pool->warm != NULL) {
        c = pool->warm; pool->warm = *(char **)c; pool->warm_count--;
    } else if (pool->cold != NULL) {
        c = pool->cold; pool->cold = *(char **)c;
    } else if (pool->carved + LB_ARENA_CHUNK <= LB_ARENA_REGION) {
        c = pool->base + pool->carved;
        if (mprotect(c, LB_ARENA_CHUNK, PROT_READ | PROT_WRITE) == 0) pool->carved += LB_ARENA_CHUNK;
        else c = NULL;
    }
    pthread_mutex_unlock(&pool->lock);
    return c;
}

static int lb_arena_grow(lb_arena *a) {
    if (a->count >= LB_ARENA_MAX_CHUNKS) return 0;
    char *c = lb_arena_take_chunk();
    if (c == NULL) return 0;
    *(char **)c = a->chunks;
    a->chunks = c;
    a->count++;
    a->next = c + LB_ARENA_LINK;
    a->end = c + LB_ARENA_CHUNK;
    return 1;
}

static void *lb_arena_malloc(size_t size) {
    lb_arena *a = *lb_arena_current();
    if (a == NULL) return malloc(size);
    size_t n = lb_arena_round(size);
    if (size > LB_ARENA_LARGE || ((size_t)(a->end - a->next) < n && !lb_arena_grow(a))) {
        a->spilled = 1;
        return malloc(size);
    }
    char *p = a->next;
    a->next += n;
    a->last = p;
    return p;
}

static void lb_arena_free(void *p) {
    if (!lb_arena_owns(p)) free(p);
}

static void *lb_arena_realloc(void *p, size_t size) {
    if (p == NULL) return lb_arena_malloc(size);
    if (!lb_arena_owns(p)) return realloc(p, size);
    lb_arena *a = *lb_arena_current();
    if (a != NULL && (char *)p == a->last && size <= LB_ARENA_LARGE
        && lb_arena_round(size) <= (size_t)(a->end - (char *)p)) {
        a->next = (char *)p + lb_arena_round(size);
        return p;
    }
    void *q = lb_arena_malloc(size);
    if (q == NULL) return NULL;
    /* The old size is not stored: copy the new size, but not past the end of the old block's chunk (bytes past
       the old block are the chunk's own and readable; the caller gives them no meaning). */
    size_t room = LB_ARENA_CHUNK - ((uintptr_t)p & (LB_ARENA_CHUNK - 1));
    memcpy(q, p, size < room ? size : room);
    return q;
}

static char *lb_arena_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = lb_arena_malloc(n);
    if (p != NULL) memcpy(p, s, n);
    return p;
}

/* Reserves the region and installs the hooks: once, before the process's first other libxml2 call. Returns 0 when
   the region cannot be reserved (libxml2 then keeps malloc, and every parse is malloc's). */
static inline int lb_arena_install(void) {
#ifdef LB_ARENA_OFF
    /* Sanitizer builds (scripts/fuzz.sh): every block is malloc's, where AddressSanitizer sees it. */
    return 0;
#endif
    void *r = mmap(NULL, LB_ARENA_REGION + LB_ARENA_CHUNK, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (r == MAP_FAILED) return 0;
    /* Chunks aligned to their size: realloc finds a block's chunk end from its address. */
    lb_arena_pool_shared()->base = (char *)(((uintptr_t)r + LB_ARENA_CHUNK - 1) & ~(uintptr_t)(LB_ARENA_CHUNK - 1));
    return xmlMemSetup(lb_arena_free, lb_arena_malloc, lb_arena_realloc, lb_arena_strdup) == 0;
}

/* A new arena, its header in its first chunk; NULL when the arena is not installed or no chunk is left. */
static lb_arena *lb_arena_open(void) {
    if (lb_arena_pool_shared()->base == NULL) return NULL;
    char *c = lb_arena_take_chunk();
    if (c == NULL) return NULL;
    *(char **)c = NULL;
    lb_arena *a = (lb_arena *)(c + LB_ARENA_LINK);
    a->chunks = c;
    a->count = 1;
    a->last = NULL;
    a->spilled = 0;
    a->next = c + LB_ARENA_LINK + lb_arena_round(sizeof(lb_arena));
    a->end = c + LB_ARENA_CHUNK;
    return a;
}

/* Whether every block allocated while the arena was open lies in it: then the chunks hold the whole document
   (lookback adds nothing to a tree after the parse, it only unlinks and frees nodes), and releasing them frees it
   without xmlFreeDoc's walk over every node and attribute. */
static inline int lb_arena_holds_all(void *arena) {
    return !((lb_arena *)arena)->spilled;
}

/* Gives a document's chunks back, after xmlFreeDoc (from any thread). */
static inline void lb_arena_release(void *arena) {
    lb_arena_pool *pool = lb_arena_pool_shared();
    char *c = ((lb_arena *)arena)->chunks; /* read before the header's chunk goes back */
    pthread_mutex_lock(&pool->lock);
    while (c != NULL) {
        char *next = *(char **)c;
#ifdef LB_ARENA_CHECK
        /* Checking builds: a read of a released block faults instead of finding a later page's bytes. */
        mprotect(c, LB_ARENA_CHUNK, PROT_NONE);
#else
        if (pool->warm_count < LB_ARENA_WARM_CHUNKS) {
            *(char **)c = pool->warm; pool->warm = c; pool->warm_count++;
        } else {
            madvise(c, LB_ARENA_CHUNK, MADV_DONTNEED);
            *(char **)c = pool->cold; pool->cold = c;
        }
#endif
        c = next;
    }
    pthread_mutex_unlock(&pool->lock);
}

/* Opens a new arena for the calling thread's libxml2 allocations until lb_arena_leave (a tree built through libxml2's
   tree API rather than its parser); NULL when no arena could be had (the allocations are then malloc's). Free the
   document with xmlFreeDoc, then the arena with lb_arena_release. */
static inline void *lb_arena_enter(void) {
    xmlInitParser();
    lb_arena *a = lb_arena_open();
    *lb_arena_current() = a;
    return a;
}

static inline void lb_arena_leave(void) {
    xmlResetLastError();
    *lb_arena_current() = NULL;
}

/* lb_html_read_memory_without_ids with the thread's libxml2 allocations in a new arena, handed back in *arena
   (NULL when no arena could be had: the document is then malloc's). Free the document with xmlFreeDoc, then the
   arena with lb_arena_release. */
static inline htmlDocPtr lb_html_read_memory_in_arena(const char *buffer, int size, const char *url,
                                                      const char *encoding, int options, void **arena) {
    xmlInitParser();
    lb_arena *a = lb_arena_open();
    *lb_arena_current() = a;
    htmlDocPtr doc = lb_html_read_memory_without_ids(buffer, size, url, encoding, options);
    /* The thread's copy of the parse's last error (message, file name) would point into the arena. */
    xmlResetLastError();
    *lb_arena_current() = NULL;
    if (doc == NULL && a != NULL) { lb_arena_release(a); a = NULL; }
    *arena = a;
    return doc;
}
#endif
