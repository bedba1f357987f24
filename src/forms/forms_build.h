/*
 * forms_build.h - whether the forms can be built here.
 *
 * The forms need pango, cairo, fontconfig, libqrencode and libxlsxwriter.
 * Until the Makefile passes their pkg-config flags, <pango/pangocairo.h> is
 * not on the include path: every C file of src/forms then compiles to nothing;
 * tests/unit/test_forms.c skips, and the rest of the tree still builds.  Once
 * the flags are there, FORMS_ENABLED is 1 with no other change.
 */
#ifndef MC_FORMS_BUILD_H
#define MC_FORMS_BUILD_H

#if defined(__has_include)
#if __has_include(<pango/pangocairo.h>) && __has_include(<qrencode.h>) && __has_include(<xlsxwriter.h>)
#define FORMS_ENABLED 1
#endif
#endif
#ifndef FORMS_ENABLED
#define FORMS_ENABLED 0
#endif

#endif
