/* The parse-only baseline of bench/extract.sh: reads each file named on stdin (one path a line) and
 * parses it with libxml2's HTML parser using the options lookback's HTMLDocument uses, then frees it.
 * No extraction, no output: the floor for any libxml2-based extractor.
 *   gcc -O2 parse_only.c $(pkg-config --cflags --libs libxml-2.0) -o parse_only && ./parse_only < files.txt */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

int main(void) {
    xmlSetGenericErrorFunc(NULL, quiet);
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                     HTML_PARSE_COMPACT;
    char path[4096];
    long pages = 0, nodes_total = 0;
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        if (!path[0]) continue;
        FILE *f = fopen(path, "rb");
        if (!f) { fprintf(stderr, "parse_only: cannot open %s\n", path); return 1; }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc(n > 0 ? (size_t)n : 1);
        size_t got = fread(buf, 1, (size_t)n, f);
        fclose(f);
        htmlDocPtr doc = htmlReadMemory(buf, (int)got, NULL, NULL, opts);
        free(buf);
        if (doc) {
            /* touch the tree once so the parse cannot be optimised into something cheaper */
            xmlNodePtr root = xmlDocGetRootElement(doc);
            for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) nodes_total++;
            xmlFreeDoc(doc);
        }
        pages++;
    }
    printf("%ld pages parsed (%ld top-level nodes)\n", pages, nodes_total);
    return 0;
}
