/*
 * static_files.h - the web UI's files, read once at start into memory and
 * served with ETags.  Private to src/http/.
 */
#ifndef MC_STATIC_FILES_H
#define MC_STATIC_FILES_H

#include <stddef.h>

#include "core/err.h"

struct static_file {
	char *path;         /* URL path: "/index.html" */
	char *data;
	size_t len;
	const char *type;   /* static MIME type string */
	char etag[24];
	int is_html;
};

struct static_site {
	struct static_file *files;
	size_t n;
};

/* Read every regular file under root (at most 4 MiB each, 64 MiB in all). */
enum mc_err static_site_load(const char *root, struct static_site *out, struct mc_error *err);
void static_site_release(struct static_site *s);

/* The file for a URL path: exact match, "/" -> "/index.html", and any path
 * without a dot in its last segment -> "/index.html" (the UI routes itself).
 * NULL when nothing fits. */
const struct static_file *static_site_find(const struct static_site *s, const char *path);

#endif
