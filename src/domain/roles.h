/*
 * roles.h - the roles a person can hold, each in a unit (citizens in none).
 */
#ifndef MC_ROLES_H
#define MC_ROLES_H

enum role {
	ROLE_ADMIN = 0,    /* quản trị: units, users, catalog, calendar */
	ROLE_DESK,         /* cán bộ Bộ phận Một cửa: intake and return */
	ROLE_SPECIALIST,   /* chuyên viên: processes the step assigned to them */
	ROLE_HEAD,         /* lãnh đạo phòng: reviews, approves, assigns */
	ROLE_LEADER,       /* lãnh đạo UBND: signs the result */
	ROLE_REPORTER,     /* tổng hợp, thanh tra: statistics, exports, audit */
	ROLE_CITIZEN,      /* công dân, tổ chức: own dossiers only */
	ROLE__COUNT
};

/* Stable machine names: "admin", "desk_officer", "specialist", "head",
 * "leader", "reporter", "citizen".  role_parse returns -1 when unknown. */
const char *role_name(enum role r);
int role_parse(const char *name);
const char *role_label_vi(enum role r);
const char *role_label_en(enum role r);

#endif
