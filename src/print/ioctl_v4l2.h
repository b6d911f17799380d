/* SPDX-License-Identifier: MIT */
/*
 * ioctl_v4l2.h: the name tables of the Video4Linux2 ioctls
 * (ioctl_v4l2_names.c), shared with their printers (ioctl_v4l2.c).
 */
#ifndef SNARE_PRINT_IOCTL_V4L2_H
#define SNARE_PRINT_IOCTL_V4L2_H

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

#endif
