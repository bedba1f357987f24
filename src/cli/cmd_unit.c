/*
 * cmd_unit.c - `motcua unit bank CODE --bin BIN --account NO --name NAME`:
 * the bank account where a unit collects fees (VietQR payments).  The unit
 * and every unit below it without an account of its own use it.
 * `motcua unit bank CODE` alone prints the account in effect.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "service/online.h"

static const char unit_help[] =
	"Cách dùng / usage:\n"
	"  motcua unit bank CODE --bin 970436 --account 0123456789 --name \"UBND HUYEN DAK PO\"\n"
	"      tài khoản nhận phí, lệ phí (VietQR) của đơn vị / the unit's account for fees (VietQR)\n"
	"  motcua unit bank CODE     in tài khoản đang áp dụng / print the account in effect\n";

int cmd_unit(int argc, char **argv, struct config *cfg)
{
	const char *code, *bin = NULL, *account = NULL, *name = NULL;
	struct mc_error err = {0};
	struct store *st = NULL;
	struct store_conn *c = NULL;
	int rc = 0;

	if (cli_wants_help(argc, argv) || argc < 2 || strcmp(argv[0], "bank")) {
		fputs(unit_help, argc < 2 && !cli_wants_help(argc, argv) ? stderr : stdout);
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	code = argv[1];
	for (int i = 2; i < argc; i++) {
		const char **dst = !strcmp(argv[i], "--bin") ? &bin : !strcmp(argv[i], "--account") ? &account
				   : !strcmp(argv[i], "--name")  ? &name : NULL;

		if (!dst || i + 1 >= argc) {
			fprintf(stderr, "motcua unit: tham số không hợp lệ / unknown argument '%s'\n%s", argv[i], unit_help);
			return 2;
		}
		*dst = argv[++i];
	}
	if (cli_open_store(cfg, true, 1, &st, &err) || store_conn_get(st, &c, &err)) {
		store_close(st);
		return cli_fail(&err);
	}
	if (bin || account || name) {
		if (svc_unit_bank_put(c, code, bin ? bin : "", account ? account : "", name ? name : "",
				      0, (int64_t)time(NULL), &err))
			rc = cli_fail(&err);
		else
			printf("Đã lưu tài khoản nhận phí của %s / saved the fee account of %s\n", code, code);
	} else {
		struct unit_rec u;
		json_t *bank;

		if (store_unit_get_by_code(c, code, &u, &err) || svc_unit_bank_get(c, &u, &bank, &err)) {
			rc = cli_fail(&err);
		} else {
			printf("%s %s %s\n", json_string_value(json_object_get(bank, "bin")),
			       json_string_value(json_object_get(bank, "account")),
			       json_string_value(json_object_get(bank, "name")));
			json_decref(bank);
		}
	}
	store_conn_put(c);
	store_close(st);
	return rc;
}
