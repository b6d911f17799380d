/* SPDX-License-Identifier: MIT */
/*
 * abi.c: what keeps binaries built against an older snare.h working (see
 * docs/design.md, "ABI"): the runtime version, the one check every option
 * struct goes through, and the compatibility entry points of the shared
 * library for structs the library fills that have grown since.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

/* The header's version must be the project's (CMakeLists.txt). */
#if defined(SNARE_PROJECT_VERSION_MAJOR) &&                                 \
	(SNARE_PROJECT_VERSION_MAJOR != SNARE_VERSION_MAJOR ||              \
	 SNARE_PROJECT_VERSION_MINOR != SNARE_VERSION_MINOR ||              \
	 SNARE_PROJECT_VERSION_PATCH != SNARE_VERSION_PATCH)
#error "SNARE_VERSION_* in include/snare.h differ from the CMake project version"
#endif

#define SNARE_STR_(x) #x
#define SNARE_STR(x) SNARE_STR_(x)

SNARE_EXPORT const char *
snare_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = SNARE_VERSION_MAJOR;
	if (minor)
		*minor = SNARE_VERSION_MINOR;
	if (patch)
		*patch = SNARE_VERSION_PATCH;
	return SNARE_STR(SNARE_VERSION_MAJOR) "." SNARE_STR(
		SNARE_VERSION_MINOR) "." SNARE_STR(SNARE_VERSION_PATCH);
}

/*
 * Options of any version the header has had, as the current one: the
 * defaults, overwritten by the first sizes[from->version - 1] bytes the
 * caller's struct has (a field a version appended sits after every field
 * of the versions before it), with the current version. A version 0 (the
 * struct was not initialised with its _INIT macro) or one newer than
 * this library's (the program was built against a newer snare.h) is
 * -EINVAL, with one line naming it in msg.
 */
int
snare__opts_import(void *to, const void *from, const void *defaults,
		   const size_t *sizes, unsigned nversions,
		   const char *what, char *msg, size_t msgcap)
{
	unsigned version;

	/* Every option struct starts with `unsigned version`. */
	memcpy(&version, from, sizeof(version));
	if (version == 0 && msg && msgcap)
		snprintf(msg, msgcap,
			 "%s: options version 0 (not initialised with the "
			 "_INIT macro?)",
			 what);
	else if (version > nversions && msg && msgcap)
		snprintf(msg, msgcap,
			 "%s: options version %u is newer than this "
			 "library's %u (snare %s)",
			 what, version, nversions,
			 snare_version(NULL, NULL, NULL));
	if (version == 0 || version > nversions)
		return -EINVAL;
	if (to != defaults)
		memcpy(to, defaults, sizes[nversions - 1]);
	memcpy(to, from, sizes[version - 1]);
	memcpy(to, &nversions, sizeof(nversions));
	return 0;
}

/*
 * snare_event keeps the size it has since 0.2 (216 bytes): a new field
 * takes the place of reserved words. The 0.1 event ended at insn_addr.
 */
_Static_assert(sizeof(snare_event) == 216, "snare_event changed size");
_Static_assert(offsetof(snare_event, old_value) == 120,
	       "the 0.1 fields of snare_event moved");

#ifdef SNARE_SHARED
/*
 * snare_run@SNARE_0: the entry point of binaries built against 0.1,
 * whose snare_event ended at insn_addr. The event is made in full here
 * and only the 0.1 part is copied into the caller's smaller struct.
 */
#define SNARE_EVENT_SIZE_0_1 offsetof(snare_event, old_value)

SNARE_EXPORT int snare__run_0_1(void *ev, snare_session *s, int mode);
__asm__(".symver snare__run_0_1, snare_run@SNARE_0");

SNARE_EXPORT int
snare__run_0_1(void *ev, snare_session *s, int mode)
{
	snare_event full;
	int r;

	memset(&full, 0, sizeof(full));
	r = snare_run(ev ? &full : NULL, s, mode);
	if (ev)
		memcpy(ev, &full, SNARE_EVENT_SIZE_0_1);
	return r;
}
#endif
