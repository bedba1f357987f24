/*
 * testutil.h - the one include for cmocka unit tests.  cmocka.h needs these
 * standard headers first, in this order.
 */
#ifndef MC_TESTUTIL_H
#define MC_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#endif
