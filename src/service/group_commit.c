/*
 * group_commit.c - the leader/follower commit queue (see group_commit.h).
 */
#include "service/group_commit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define MAX_BATCH 64

struct job {
	group_job_fn fn;
	void *arg;
	struct mc_error *err;
	enum mc_err rc;
	bool done;
	struct job *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;
static bool leading;
static atomic_long grouped;

long group_commit_grouped(void) { return atomic_load(&grouped); }

/* Run one job in its own transaction. */
static void run_alone(struct store_conn *c, struct job *j)
{
	j->rc = store_begin(c, j->err);
	if (!j->rc)
		j->rc = j->fn(c, j->arg, j->err);
	if (!j->rc)
		j->rc = store_commit(c, j->err);
	else
		store_rollback(c);
}

static void run_batch(struct store_conn *c, struct job **batch, int n)
{
	enum mc_err rc;
	int failed = -1;

	if (n == 1) {
		run_alone(c, batch[0]);
		return;
	}
	rc = store_begin(c, batch[0]->err);
	for (int i = 0; !rc && i < n; i++) {
		batch[i]->rc = batch[i]->fn(c, batch[i]->arg, batch[i]->err);
		if (batch[i]->rc)
			failed = i;
		rc = batch[i]->rc;
	}
	if (!rc)
		rc = store_commit(c, batch[0]->err);
	else
		store_rollback(c);
	if (!rc) {
		atomic_fetch_add(&grouped, n);
		return;
	}
	/* Something failed: nothing of the batch was kept; give every job its
	 * own transaction, so each gets its own answer. */
	(void)failed;
	for (int i = 0; i < n; i++) {
		mc_error_clear(batch[i]->err);
		run_alone(c, batch[i]);
	}
}

enum mc_err group_commit_run(struct store_conn *mine, group_job_fn fn, void *arg, struct mc_error *err)
{
	struct job me = {fn, arg, err, MC_OK, false, NULL};

	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = &me;
	else
		head = &me;
	tail = &me;
	if (leading) {
		while (!me.done)
			pthread_cond_wait(&finished, &lock);
		pthread_mutex_unlock(&lock);
		return me.rc;
	}
	leading = true;
	while (head) {
		struct job *batch[MAX_BATCH];
		int n = 0;

		while (head && n < MAX_BATCH) {
			batch[n++] = head;
			head = head->next;
		}
		if (!head)
			tail = NULL;
		pthread_mutex_unlock(&lock);
		run_batch(mine, batch, n);
		pthread_mutex_lock(&lock);
		for (int i = 0; i < n; i++)
			batch[i]->done = true;
		pthread_cond_broadcast(&finished);
	}
	leading = false;
	pthread_mutex_unlock(&lock);
	return me.rc;
}
