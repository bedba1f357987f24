/*
 * static_files.c - the web UI in memory (see static_files.h).  Files are few
 * and small, so a sorted array and binary search are all it needs.
 */
#include "http/static_files.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"
#include "core/secret.h"

#define MAX_FILE (4u << 20)
#define MAX_TOTAL (64u << 20)

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".jpg", "image/jpeg"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
	{".webmanifest", "application/manifest+json"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

struct loader {
	struct static_site *site;
	size_t cap, total;
	struct mc_error *err;
};

static enum mc_err add_file(struct loader *l, const char *fs_path, const char *url_path, size_t size)
{
	struct static_file *f;
	FILE *fp;
	char hash[SECRET_HASH_HEX + 1];

	if (size > MAX_FILE || l->total + size > MAX_TOTAL)
		return mc_failf(l->err, MC_ETOOBIG, "web_root", "Tệp giao diện quá lớn: %s",
				"Web file too large: %s", fs_path);
	if (l->site->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct static_file *p = realloc(l->site->files, cap * sizeof *p);

		if (!p)
			return MC_ENOMEM;
		l->site->files = p;
		l->cap = cap;
	}
	f = &l->site->files[l->site->n];
	memset(f, 0, sizeof *f);
	f->path = strdup(url_path);
	f->data = malloc(size + 1);
	if (!f->path || !f->data) {
		free(f->path);
		free(f->data);
		return MC_ENOMEM;
	}
	fp = fopen(fs_path, "rb");
	if (!fp || fread(f->data, 1, size, fp) != size) {
		if (fp)
			fclose(fp);
		free(f->path);
		free(f->data);
		return mc_failf(l->err, MC_EIO, "web_root", "Không đọc được %s", "Cannot read %s", fs_path);
	}
	fclose(fp);
	f->data[size] = '\0';
	f->len = size;
	f->type = type_of(url_path);
	f->is_html = strstr(f->type, "text/html") != NULL;
	secret_hash_hex(f->data, hash); /* content hash: the ETag changes when the file does */
	snprintf(f->etag, sizeof f->etag, "\"%.16s\"", hash);
	l->site->n++;
	l->total += size;
	return MC_OK;
}

static enum mc_err walk(struct loader *l, const char *dir, const char *url_prefix, int depth)
{
	DIR *d;
	struct dirent *e;
	enum mc_err rc = MC_OK;

	if (depth > 8)
		return MC_OK;
	d = opendir(dir);
	if (!d)
		return mc_failf(l->err, MC_EIO, "web_root", "Không mở được thư mục giao diện %s",
				"Cannot open the web directory %s", dir);
	while (!rc && (e = readdir(d))) {
		char fs[1024], url[1024];
		struct stat st;

		if (e->d_name[0] == '.')
			continue; /* also skips . and .. and hidden files */
		snprintf(fs, sizeof fs, "%s/%s", dir, e->d_name);
		snprintf(url, sizeof url, "%s/%s", url_prefix, e->d_name);
		if (stat(fs, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			rc = walk(l, fs, url, depth + 1);
		else if (S_ISREG(st.st_mode))
			rc = add_file(l, fs, url, (size_t)st.st_size);
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->path, ((const struct static_file *)b)->path);
}

enum mc_err static_site_load(const char *root, struct static_site *out, struct mc_error *err)
{
	struct loader l = {out, 0, 0, err};
	enum mc_err rc;

	memset(out, 0, sizeof *out);
	rc = walk(&l, root, "", 0);
	if (rc) {
		static_site_release(out);
		return rc;
	}
	qsort(out->files, out->n, sizeof *out->files, by_path);
	log_info("web: %zu files, %zu bytes from %s", out->n, l.total, root);
	return MC_OK;
}

void static_site_release(struct static_site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->files[i].path);
		free(s->files[i].data);
	}
	free(s->files);
	memset(s, 0, sizeof *s);
}

static const struct static_file *lookup(const struct static_site *s, const char *path)
{
	struct static_file key = {.path = (char *)path};

	if (!s->n)
		return NULL;
	return bsearch(&key, s->files, s->n, sizeof *s->files, by_path);
}

const struct static_file *static_site_find(const struct static_site *s, const char *path)
{
	const struct static_file *f;
	const char *last;

	if (strstr(path, ".."))
		return NULL;
	if (!strcmp(path, "/"))
		return lookup(s, "/index.html");
	f = lookup(s, path);
	if (f)
		return f;
	/* The UI routes itself: any path that does not name a file of a known
	 * type is a page of the UI - "/tra-cuu/000.00.27.H21-260302-0001" (the
	 * receipt's QR code) and "/thu-tuc/1.001612" contain dots too. */
	last = strrchr(path, '/');
	if (last && (!strchr(last, '.') || !strcmp(type_of(last), "application/octet-stream")))
		return lookup(s, "/index.html");
	return NULL;
}
