/* SPDX-License-Identifier: MIT */
/* io.h: what src/io shares inside (docs/design.md, "Polling and I/O"). */
#ifndef SNARE_IO_H
#define SNARE_IO_H

#include <poll.h>
#include <stdint.h>

#include "core/internal.h"

enum { PUMP_TIMEOUT = 0, PUMP_READY = 1, PUMP_EVENT = 2 };

int snare__watch_start(snare_session *s);
int snare__dispatch(snare_event *ev, snare_session *s, int mode);
int snare__pump(snare_session *s, struct pollfd *fds, int nfds,
		int64_t deadline, snare_event *ev);
int64_t snare__now_ms(void);
int64_t snare__deadline(int timeout_ms);

#endif
