#ifndef LOOKBACK_CLIBXML2_SHIM_H
#define LOOKBACK_CLIBXML2_SHIM_H
#include <stdlib.h>
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers clash with Foundation's ICU in clean builds.
   We never touch the ICU members, so hide them. Must come before any other libxml header. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

/* The version of the libxml2 loaded at run time (20914 for 2.9.14); xmlParserVersion is a macro in threaded builds. */
static inline int lb_libxml_runtime_version(void) { return atoi(xmlParserVersion); }

/* xmlFree is a global function-pointer variable, which Swift cannot call directly. */
static inline void lb_xmlFree(void *p) { xmlFree(p); }

static void lb_silent_structured_error(void *ctx, xmlErrorPtr err) { (void)ctx; (void)err; }
/* libxml2 prints encoding errors to stderr even with NOERROR; route all errors nowhere. */
static inline void lb_silence_errors(void) {
    xmlSetStructuredErrorFunc(NULL, lb_silent_structured_error);
}
#endif
