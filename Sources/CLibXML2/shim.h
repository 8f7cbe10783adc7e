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
#include <libxml/parserInternals.h>
#include <string.h>

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
#endif
