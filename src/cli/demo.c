/*
 * demo.c - loads the demo district (data/demo/dakpo.json): its unit tree and
 * one account per role, all in one transaction per kind.  Demo accounts share
 * one password, printed by `make run`.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "service/accounts.h"

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static enum mc_err load_units(struct store_conn *c, json_t *units, int *n, struct mc_error *err)
{
	size_t i;
	json_t *j;
	enum mc_err rc;

	if ((rc = store_begin(c, err)))
		return rc;
	json_array_foreach(units, i, j) {
		struct unit_rec u = {0}, parent;
		const char *p = str(j, "parent");

		if (*p) {
			rc = store_unit_get_by_code(c, p, &parent, err);
			if (rc) {
				mc_failf(err, rc, "parent", "Đơn vị mẫu '%s': không có đơn vị cấp trên '%s'",
					 "Demo unit '%s': no parent '%s'", str(j, "code"), p);
				break;
			}
			u.parent_id = parent.id;
		}
		snprintf(u.code, sizeof u.code, "%s", str(j, "code"));
		snprintf(u.name, sizeof u.name, "%s", str(j, "name"));
		snprintf(u.name_en, sizeof u.name_en, "%s", str(j, "name_en"));
		snprintf(u.kind, sizeof u.kind, "%s", str(j, "kind"));
		snprintf(u.agency_code, sizeof u.agency_code, "%s", str(j, "agency_code"));
		snprintf(u.address, sizeof u.address, "%s", str(j, "address"));
		snprintf(u.phone, sizeof u.phone, "%s", str(j, "phone"));
		u.utc_offset_min = 420;
		u.active = true;
		if ((rc = store_unit_insert(c, &u, err)))
			break;
		(*n)++;
	}
	if (rc) {
		store_rollback(c);
		return rc;
	}
	return store_commit(c, err);
}

static enum mc_err load_users(struct store_conn *c, json_t *users, const char *password, int *n,
			      struct mc_error *err)
{
	size_t i, k;
	json_t *j, *r;
	enum mc_err rc = MC_OK;

	json_array_foreach(users, i, j) {
		struct user_rec u = {0};
		struct new_grant g[8];
		int ng = 0;

		snprintf(u.username, sizeof u.username, "%s", str(j, "username"));
		snprintf(u.full_name, sizeof u.full_name, "%s", str(j, "full_name"));
		snprintf(u.phone, sizeof u.phone, "%s", str(j, "phone"));
		snprintf(u.email, sizeof u.email, "%s", str(j, "email"));
		snprintf(u.cccd, sizeof u.cccd, "%s", str(j, "cccd"));
		json_array_foreach(json_object_get(j, "roles"), k, r) {
			if (ng == 8)
				break;
			snprintf(g[ng].role, sizeof g[ng].role, "%s", str(r, "role"));
			snprintf(g[ng].unit_code, sizeof g[ng].unit_code, "%s", str(r, "unit"));
			ng++;
		}
		rc = svc_user_create(c, &u, password, g, ng, 0, (int64_t)time(NULL), err);
		if (rc)
			return rc;
		(*n)++;
	}
	return rc;
}

enum mc_err cli_load_demo(struct store_conn *c, const char *path, const char *password, int *units_out,
			  int *users_out, struct mc_error *err)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	enum mc_err rc;

	*units_out = *users_out = 0;
	if (!doc)
		return mc_failf(err, MC_EIO, "demo", "Không đọc được dữ liệu mẫu %s: %s",
				"Cannot read the demo data %s: %s", path, jerr.text);
	if (strcmp(str(doc, "format"), "motcua-demo/1")) {
		json_decref(doc);
		return mc_failf(err, MC_EINVAL, "demo", "%s không phải tệp motcua-demo/1",
				"%s is not a motcua-demo/1 file", path);
	}
	rc = load_units(c, json_object_get(doc, "units"), units_out, err);
	if (!rc)
		rc = load_users(c, json_object_get(doc, "users"), password, users_out, err);
	json_decref(doc);
	return rc;
}
