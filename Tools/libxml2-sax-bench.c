/*
 * Times libxml2's SAX2 parser with callbacks that do nothing on the benchmark feeds of
 * `vigie-bench feed`: the raw speed of the tokenizer most XML parsers are built on (it is
 * what Foundation's XMLParser uses), to set beside Vigie's parser and tokenizer.
 *
 * Needs a C compiler and the libxml2 headers (Debian: apt-get install libxml2-dev):
 *
 *     cc -O2 $(xml2-config --cflags) Tools/libxml2-sax-bench.c $(xml2-config --libs) -o /tmp/sax-bench
 *     vigie-bench feed --write-fixtures /tmp/vigie-bench
 *     /tmp/sax-bench /tmp/vigie-bench/bench-rss20.xml /tmp/vigie-bench/bench-atom10.xml
 *
 * Prints MiB/s for each file, the best of seven runs. XML_PARSE_HUGE lifts libxml2's
 * 10 MB limit, which the 10,000-item feeds pass.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long events;

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                          int namespaces, const xmlChar **ns, int attributes, int defaulted,
                          const xmlChar **values) {
    events++;
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    events++;
}

static void characters(void *ctx, const xmlChar *text, int length) { events++; }

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FEED...\n", argv[0]);
        return 2;
    }
    for (int file = 1; file < argc; file++) {
        FILE *input = fopen(argv[file], "rb");
        if (!input) {
            perror(argv[file]);
            return 1;
        }
        fseek(input, 0, SEEK_END);
        long size = ftell(input);
        rewind(input);
        char *bytes = malloc(size);
        if (!bytes || fread(bytes, 1, size, input) != (size_t)size) {
            fprintf(stderr, "%s: cannot read\n", argv[file]);
            return 1;
        }
        fclose(input);

        xmlSAXHandler handler = {0};
        handler.initialized = XML_SAX2_MAGIC;
        handler.startElementNs = start_element;
        handler.endElementNs = end_element;
        handler.characters = characters;
        handler.cdataBlock = characters;

        double best = 1e9;
        for (int run = 0; run < 7; run++) {
            events = 0;
            double start = seconds();
            xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, NULL, NULL, 0, argv[file]);
            xmlCtxtUseOptions(context, XML_PARSE_HUGE | XML_PARSE_NONET);
            int failed = xmlParseChunk(context, bytes, (int)size, 1);
            xmlFreeParserCtxt(context);
            double elapsed = seconds() - start;
            if (failed) {
                fprintf(stderr, "%s: libxml2 error %d\n", argv[file], failed);
                return 1;
            }
            if (elapsed < best) best = elapsed;
        }
        printf("%s: libxml2 SAX2, no work per event: %.1f MiB/s (%ld events)\n", argv[file],
               size / 1048576.0 / best, events);
        free(bytes);
    }
    return 0;
}
