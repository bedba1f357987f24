/*
 * roles.c - role names and labels (see roles.h).
 */
#include "domain/roles.h"

#include <string.h>

static const struct {
	const char *name, *vi, *en;
} roles[ROLE__COUNT] = {
	[ROLE_ADMIN] = {"admin", "Quản trị hệ thống", "Administrator"},
	[ROLE_DESK] = {"desk_officer", "Cán bộ Bộ phận Một cửa", "One-stop desk officer"},
	[ROLE_SPECIALIST] = {"specialist", "Chuyên viên xử lý", "Specialist"},
	[ROLE_HEAD] = {"head", "Lãnh đạo phòng", "Head of department"},
	[ROLE_LEADER] = {"leader", "Lãnh đạo UBND", "People's Committee leader"},
	[ROLE_REPORTER] = {"reporter", "Tổng hợp, thanh tra", "Reporter / auditor"},
	[ROLE_CITIZEN] = {"citizen", "Công dân, tổ chức", "Citizen / organisation"},
};

const char *role_name(enum role r) { return (unsigned)r < ROLE__COUNT ? roles[r].name : "?"; }
const char *role_label_vi(enum role r) { return (unsigned)r < ROLE__COUNT ? roles[r].vi : "?"; }
const char *role_label_en(enum role r) { return (unsigned)r < ROLE__COUNT ? roles[r].en : "?"; }

int role_parse(const char *name)
{
	for (int i = 0; i < ROLE__COUNT; i++)
		if (name && !strcmp(name, roles[i].name))
			return i;
	return -1;
}
