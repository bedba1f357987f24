/*
 * common.c - what the subcommands share: opening the store, printing errors.
 */
#include "cli/cli.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"

int cli_write_out(const char *path, const char *data, size_t len)
{
	bool to_stdout = !path || !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "wb");
	int status = 0;

	if (!f)
		return cli_fail(&(struct mc_error){MC_EIO, "out", "Không ghi được tệp", "Cannot write the file"});
	if (fwrite(data, 1, len, f) != len)
		status = 1;
	if (!to_stdout && fclose(f))
		status = 1;
	if (status)
		fprintf(stderr, "motcua: không ghi được / cannot write %s\n", to_stdout ? "stdout" : path);
	return status;
}

int cli_fail(const struct mc_error *err)
{
	if (err->msg_vi[0])
		fprintf(stderr, "motcua: %s\n        %s\n", err->msg_vi, err->msg_en);
	else
		fprintf(stderr, "motcua: %s\n        %s\n", mc_err_generic_vi(err->code), mc_err_generic_en(err->code));
	return 1;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

/* mkdir -p for the directory that will hold the database file. */
static enum mc_err ensure_parent_dir(const char *file, struct mc_error *err)
{
	char tmp[CONFIG_STR];
	char *dir;

	snprintf(tmp, sizeof tmp, "%s", file);
	dir = dirname(tmp);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0750) && errno != EEXIST)
		goto fail;
	return MC_OK;
fail:
	return mc_failf(err, MC_EIO, "db", "Không tạo được thư mục %s", "Cannot create the directory %s", dir);
}

enum mc_err cli_open_store(const struct config *cfg, bool durable, int pool, struct store **out,
			   struct mc_error *err)
{
	struct store_config sc = {0};
	struct store_conn *c;
	const char *backend = cfg->pg[0] ? "postgres" : "sqlite";
	int applied = 0;
	enum mc_err rc;

	sc.sqlite_path = cfg->db;
	sc.pg_conninfo = cfg->pg;
	sc.pool_size = pool;
	sc.durable = durable;
	if (!cfg->pg[0] && (rc = ensure_parent_dir(cfg->db, err)))
		return rc;
	if ((rc = store_open(backend, &sc, out, err)))
		return rc;
	if ((rc = store_conn_get(*out, &c, err)))
		goto fail;
	rc = store_migrate(c, &applied, err);
	store_conn_put(c);
	if (rc)
		goto fail;
	if (applied)
		log_info("store: %d migration(s) applied", applied);
	return MC_OK;
fail:
	store_close(*out);
	*out = NULL;
	return rc;
}
