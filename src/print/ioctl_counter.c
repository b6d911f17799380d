/* SPDX-License-Identifier: MIT */
/*
 * ioctl_counter.c: the counter subsystem's ioctls (linux/counter.h, type
 * 0x3e) as strace 6.1 prints them.
 */
#include <linux/counter.h>

#include "ioctl.h"

XLAT_TABLE(counter_ioctl_cmds, NULL, XLAT(COUNTER_ADD_WATCH_IOCTL),
	   XLAT(COUNTER_ENABLE_EVENTS_IOCTL),
	   XLAT(COUNTER_DISABLE_EVENTS_IOCTL));
XLAT_TABLE(counter_component_types, "COUNTER_COMPONENT_???",
	   XLAT(COUNTER_COMPONENT_NONE), XLAT(COUNTER_COMPONENT_SIGNAL),
	   XLAT(COUNTER_COMPONENT_COUNT), XLAT(COUNTER_COMPONENT_FUNCTION),
	   XLAT(COUNTER_COMPONENT_SYNAPSE_ACTION),
	   XLAT(COUNTER_COMPONENT_EXTENSION));
XLAT_TABLE(counter_event_types, "COUNTER_EVENT_???",
	   XLAT(COUNTER_EVENT_OVERFLOW), XLAT(COUNTER_EVENT_UNDERFLOW),
	   XLAT(COUNTER_EVENT_OVERFLOW_UNDERFLOW),
	   XLAT(COUNTER_EVENT_THRESHOLD), XLAT(COUNTER_EVENT_INDEX),
	   XLAT(COUNTER_EVENT_CHANGE_OF_STATE), XLAT(COUNTER_EVENT_CAPTURE));
XLAT_TABLE(counter_scopes, "COUNTER_SCOPE_???", XLAT(COUNTER_SCOPE_DEVICE),
	   XLAT(COUNTER_SCOPE_SIGNAL), XLAT(COUNTER_SCOPE_COUNT));

static enum ioctl_when
counter_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case COUNTER_ADD_WATCH_IOCTL: return IOCTL_ENTRY;
	case COUNTER_ENABLE_EVENTS_IOCTL: case COUNTER_DISABLE_EVENTS_IOCTL:
		return IOCTL_NONE;
	}
	return IOCTL_HEX;
}

static void
counter_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	struct counter_watch w;
	struct pbuf *b = f->b;

	(void)code;
	if (!ioctl_read(f, &w, arg, sizeof(w)))
		return;
	pb_puts(b, "{component={type=");
	print_xval(b, &counter_component_types, w.component.type, false);
	pb_puts(b, ", scope=");
	print_xval(b, &counter_scopes, w.component.scope, false);
	pb_printf(b, ", parent=%u, id=%u}, event=", w.component.parent,
		  w.component.id);
	print_xval(b, &counter_event_types, w.event, false);
	pb_printf(b, ", channel=%u}", w.channel);
}

const struct ioctl_family ioctl_counter_family = {
	.type = 0x3e,
	.names = &counter_ioctl_cmds,
	.when = counter_when,
	.arg = counter_arg,
};
