/* SPDX-License-Identifier: MIT */
/*
 * ioctl_v4l2.h: the name tables of the Video4Linux2 ioctls
 * (ioctl_v4l2_names.c) and the printers of the values inside their
 * structures (ioctl_v4l2_values.c), shared with the structure printers
 * (ioctl_v4l2.c).
 */
#ifndef SNARE_PRINT_IOCTL_V4L2_H
#define SNARE_PRINT_IOCTL_V4L2_H

#include <linux/videodev2.h>

#include "ioctl.h"

extern const struct xlat v4l2_ioctl_cmds, v4l2_buf_types,
	v4l2_buf_flags, v4l2_buf_flags_ts_type, v4l2_buf_flags_ts_src,
	v4l2_capture_modes, v4l2_colorspaces, v4l2_control_classes,
	v4l2_control_flags, v4l2_control_ids, v4l2_control_query_flags,
	v4l2_control_types, v4l2_device_capabilities_flags, v4l2_fields,
	v4l2_format_description_flags, v4l2_frameinterval_types,
	v4l2_framesize_types, v4l2_input_types, v4l2_memories, v4l2_meta_fmts,
	v4l2_pix_fmts, v4l2_sdr_fmts, v4l2_sliced_flags,
	v4l2_streaming_capabilities, v4l2_tuner_audmodes,
	v4l2_tuner_capabilities, v4l2_tuner_rxsubchanses, v4l2_tuner_types,
	v4l2_vbi_flags;

/* ", name=" and then the value: a constant, flags, a char array. */
void v4l2_field(struct pbuf *b, const char *name);
void v4l2_xval(struct pbuf *b, const char *name, const struct xlat *x,
	       uint32_t v);
void v4l2_flags(struct pbuf *b, const char *name, const struct xlat *x,
		uint32_t v);
void v4l2_cstr(struct fmt *f, const char *name, const char *s, size_t size);
/* {left=0, top=0, width=1, height=2}; name=1/25. */
void v4l2_print_rect(struct pbuf *b, const struct v4l2_rect *r);
void v4l2_print_fract(struct pbuf *b, const char *name,
		      const struct v4l2_fract *v);
/* [name=]v4l2_fourcc('Y', 'U', 'Y', 'V') /+ V4L2_PIX_FMT_YUYV +/ by x
   (NULL: no name), in hex under -X raw. */
void v4l2_print_fourcc(struct pbuf *b, const char *name, uint32_t v,
		       const struct xlat *x);
/* A control id: its name, CLASS+offset, or V4L2_CID_???; with_next
   names the QUERYCTRL flags asking for the next control first. */
void v4l2_print_cid(struct pbuf *b, uint32_t cid, bool with_next);
/* A buffer's flags, its timestamp type and source always named. */
void v4l2_print_buf_flags(struct pbuf *b, uint32_t v);
/* An array of n u16s or u32s (size 2 or 4) inside a structure, each
   printed with fmt, at most array_max() of them. */
void v4l2_print_u32s(struct fmt *f, const void *arr, size_t n, size_t size,
		     const char *fmt);
/* Whether print_array() would show every element of the array at addr
   (strace's print_array() returning true). */
bool v4l2_array_whole(struct fmt *f, uint64_t addr, uint64_t n, size_t size);
/* A struct v4l2_clip, as a print_array() element. */
bool v4l2_print_clip(struct fmt *f, const void *elem, void *data);

#endif
