/*
 * group_commit.h - many concurrent writes, one commit.
 *
 * Every acknowledged write is synced to disk (synchronous=FULL), and an
 * fsync costs from 0.2 ms on an SSD to 10 ms on the spinning disk of an old
 * district server.  When several requests write at once, the first becomes
 * the leader: it runs every queued job in one transaction on its own
 * connection and commits once; the others wait and then answer.  Nobody
 * answers before the commit that holds their write has returned, so
 * durability is unchanged.
 *
 * If any job of a batch fails, the batch is rolled back and each job is run
 * again alone, so one bad request never fails another's.
 */
#ifndef MC_GROUP_COMMIT_H
#define MC_GROUP_COMMIT_H

#include "core/err.h"
#include "store/store.h"

/* A job writes through c inside the batch's transaction; it must not begin,
 * commit or roll back itself. */
typedef enum mc_err (*group_job_fn)(struct store_conn *c, void *arg, struct mc_error *err);

/* Run fn(arg) in a group commit.  mine: the caller's connection, used if the
 * caller becomes the leader.  Returns the job's result (or the commit's). */
enum mc_err group_commit_run(struct store_conn *mine, group_job_fn fn, void *arg, struct mc_error *err);

/* Jobs written in batches of two or more since start, for /metrics. */
long group_commit_grouped(void);

#endif
