/* SPDX-License-Identifier: MIT */
/*
 * ioctl_v4l2.c: the Video4Linux2 ioctls (linux/videodev2.h, type 'V') as
 * strace 6.1 prints them. Most commands are read-write: the fields the
 * driver reads print at entry, the ones it fills at exit; a field it may
 * change prints again after " => ". Whether the exit half has anything
 * to add is noted at entry (note_put(), keyed by the argument's address),
 * so a structure that could not be read or that printed in full at entry
 * is not printed again. The values inside the structures are printed by
 * ioctl_v4l2_values.c, the names are in ioctl_v4l2_names.c.
 */
#include <linux/videodev2.h>
#include <stdio.h>
#include <string.h>

#include "ioctl_v4l2.h"

/* The entry half's note: the exit half prints. For QUERYCTRL the id
   read at entry rides in the low 32 bits. */
#define V4L2_MORE (1LL << 40)

/* The fmt union by buffer type, after prefix; false when the type has
   none. */
static bool
print_format_fmt(struct fmt *f, const char *prefix, const struct v4l2_format *v)
{
	struct pbuf *b = f->b;
	uint32_t i, n;

	switch (v->type) {
	case V4L2_BUF_TYPE_VIDEO_CAPTURE: case V4L2_BUF_TYPE_VIDEO_OUTPUT: {
		const struct v4l2_pix_format *p = &v->fmt.pix;

		pb_printf(b, "%sfmt.pix={width=%u, height=%u, ", prefix,
			  p->width, p->height);
		v4l2_print_fourcc(b, "pixelformat", p->pixelformat,
				  &v4l2_pix_fmts);
		v4l2_xval(b, "field", &v4l2_fields, p->field);
		pb_printf(b, ", bytesperline=%u, sizeimage=%u",
			  p->bytesperline, p->sizeimage);
		v4l2_xval(b, "colorspace", &v4l2_colorspaces, p->colorspace);
		break;
	}
	case V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE:
	case V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE: {
		const struct v4l2_pix_format_mplane *p = &v->fmt.pix_mp;

		pb_printf(b, "%sfmt.pix_mp={width=%u, height=%u, ", prefix,
			  p->width, p->height);
		v4l2_print_fourcc(b, "pixelformat", p->pixelformat,
				  &v4l2_pix_fmts);
		v4l2_xval(b, "field", &v4l2_fields, p->field);
		v4l2_xval(b, "colorspace", &v4l2_colorspaces, p->colorspace);
		pb_puts(b, ", plane_fmt=[");
		n = p->num_planes < VIDEO_MAX_PLANES ? p->num_planes
						     : VIDEO_MAX_PLANES;
		for (i = 0; i < n; i++) {
			if (i)
				pb_puts(b, ", ");
			if (i >= array_max(f)) {
				pb_puts(b, "...");
				break;
			}
			pb_printf(b, "{sizeimage=%u, bytesperline=%u}",
				  p->plane_fmt[i].sizeimage,
				  p->plane_fmt[i].bytesperline);
		}
		pb_printf(b, "], num_planes=%u", p->num_planes);
		break;
	}
	case V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY:
	case V4L2_BUF_TYPE_VIDEO_OVERLAY: {
		const struct v4l2_window *w = &v->fmt.win;

		pb_printf(b, "%sfmt.win={w=", prefix);
		v4l2_print_rect(b, &w->w);
		v4l2_xval(b, "field", &v4l2_fields, w->field);
		pb_printf(b, ", chromakey=%#x, clips=", w->chromakey);
		print_array(f, (uint64_t)(uintptr_t)w->clips, w->clipcount,
			    sizeof(struct v4l2_clip), v4l2_print_clip, NULL);
		pb_printf(b, ", clipcount=%u, bitmap=", w->clipcount);
		print_ptr(f, (uint64_t)(uintptr_t)w->bitmap);
		if (w->global_alpha)
			pb_printf(b, ", global_alpha=%#x", w->global_alpha);
		pb_putc(b, '}');
		return v4l2_array_whole(f, (uint64_t)(uintptr_t)w->clips,
					w->clipcount, sizeof(struct v4l2_clip));
	}
	case V4L2_BUF_TYPE_VBI_CAPTURE: case V4L2_BUF_TYPE_VBI_OUTPUT: {
		const struct v4l2_vbi_format *p = &v->fmt.vbi;

		pb_printf(b, "%sfmt.vbi={sampling_rate=%u, offset=%u"
			  ", samples_per_line=%u, ", prefix, p->sampling_rate,
			  p->offset, p->samples_per_line);
		v4l2_print_fourcc(b, "sample_format", p->sample_format,
				  &v4l2_pix_fmts);
		pb_puts(b, ", start=");
		v4l2_print_u32s(f, p->start, 2, 4, "%d");
		pb_puts(b, ", count=");
		v4l2_print_u32s(f, p->count, 2, 4, "%u");
		v4l2_flags(b, "flags", &v4l2_vbi_flags, p->flags);
		break;
	}
	case V4L2_BUF_TYPE_SLICED_VBI_CAPTURE:
	case V4L2_BUF_TYPE_SLICED_VBI_OUTPUT: {
		const struct v4l2_sliced_vbi_format *p = &v->fmt.sliced;

		pb_printf(b, "%sfmt.sliced={service_set=", prefix);
		print_flags(b, &v4l2_sliced_flags, p->service_set);
		pb_puts(b, ", service_lines=[");
		v4l2_print_u32s(f, p->service_lines[0], 24, 2, "%#x");
		pb_puts(b, ", ");
		v4l2_print_u32s(f, p->service_lines[1], 24, 2, "%#x");
		pb_printf(b, "], io_size=%u", p->io_size);
		break;
	}
	case V4L2_BUF_TYPE_SDR_CAPTURE: case V4L2_BUF_TYPE_SDR_OUTPUT:
		pb_printf(b, "%sfmt.sdr={", prefix);
		v4l2_print_fourcc(b, "pixelformat", v->fmt.sdr.pixelformat,
				  &v4l2_sdr_fmts);
		if (v->fmt.sdr.buffersize)
			pb_printf(b, ", buffersize=%u", v->fmt.sdr.buffersize);
		break;
	case V4L2_BUF_TYPE_META_CAPTURE: case V4L2_BUF_TYPE_META_OUTPUT:
		pb_printf(b, "%sfmt.meta={", prefix);
		v4l2_print_fourcc(b, "dataformat", v->fmt.meta.dataformat,
				  &v4l2_meta_fmts);
		pb_printf(b, ", buffersize=%u", v->fmt.meta.buffersize);
		break;
	default:
		return false;
	}
	pb_putc(b, '}');
	return true;
}

static void
print_format(struct fmt *f, unsigned code, const struct v4l2_format *v)
{
	struct pbuf *b = f->b;

	if (!f->exiting) {
		pb_puts(b, "{type=");
		print_xval(b, &v4l2_buf_types, v->type, false);
		if (code != VIDIOC_G_FMT && !print_format_fmt(f, ", ", v)) {
			pb_putc(b, '}');
			return;
		}
		note_put(f, f->args[2], V4L2_MORE);
		return;
	}
	if (!is_error(f))
		print_format_fmt(f, code == VIDIOC_G_FMT ? ", " : "} => {", v);
	pb_putc(b, '}');
}

static void
print_captureparm(struct pbuf *b, const struct v4l2_streamparm *s)
{
	const struct v4l2_captureparm *c = &s->parm.capture;
	const struct v4l2_outputparm *o = &s->parm.output;
	bool cap = s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE;

	pb_puts(b, cap ? "parm.capture={capability=" : "parm.output={capability=");
	print_flags(b, &v4l2_streaming_capabilities, cap ? c->capability
							 : o->capability);
	v4l2_flags(b, cap ? "capturemode" : "outputmode", &v4l2_capture_modes,
		   cap ? c->capturemode : o->outputmode);
	pb_puts(b, ", ");
	v4l2_print_fract(b, "timeperframe", cap ? &c->timeperframe
						: &o->timeperframe);
	pb_printf(b, ", extendedmode=%#x, %s=%u",
		  cap ? c->extendedmode : o->extendedmode,
		  cap ? "readbuffers" : "writebuffers",
		  cap ? c->readbuffers : o->writebuffers);
	pb_putc(b, '}');
}

static void
print_streamparm(struct fmt *f, unsigned code, const struct v4l2_streamparm *s)
{
	struct pbuf *b = f->b;
	bool get = code == VIDIOC_G_PARM;

	if (!f->exiting) {
		pb_puts(b, "{type=");
		print_xval(b, &v4l2_buf_types, s->type, false);
		if (s->type != V4L2_BUF_TYPE_VIDEO_CAPTURE &&
		    s->type != V4L2_BUF_TYPE_VIDEO_OUTPUT) {
			pb_putc(b, '}');
			return;
		}
		if (!get) {
			pb_puts(b, ", ");
			print_captureparm(b, s);
		}
		note_put(f, f->args[2], V4L2_MORE);
		return;
	}
	if (!is_error(f)) {
		pb_puts(b, get ? ", " : "} => {");
		print_captureparm(b, s);
	}
	pb_putc(b, '}');
}

static void
print_tuner(struct fmt *f, unsigned code, const struct v4l2_tuner *t)
{
	struct pbuf *b = f->b;
	bool get = code == VIDIOC_G_TUNER;

	if (!f->exiting) {
		pb_printf(b, "{index=%u", t->index);
		note_put(f, f->args[2], V4L2_MORE);
		if (get)
			return;
		pb_puts(b, ", ");
	} else {
		if (is_error(f)) {
			pb_putc(b, '}');
			return;
		}
		pb_puts(b, get ? ", " : "} => {");
	}
	pb_puts(b, "name=");
	ioctl_print_cstr(f, (const char *)t->name, sizeof(t->name));
	v4l2_xval(b, "type", &v4l2_tuner_types, t->type);
	v4l2_flags(b, "capability", &v4l2_tuner_capabilities, t->capability);
	pb_printf(b, ", rangelow=%u, rangehigh=%u", t->rangelow, t->rangehigh);
	v4l2_flags(b, "rxsubchans", &v4l2_tuner_rxsubchanses, t->rxsubchans);
	v4l2_xval(b, "audmode", &v4l2_tuner_audmodes, t->audmode);
	pb_printf(b, ", signal=%d, afc=%d", t->signal, t->afc);
	if (f->exiting)
		pb_putc(b, '}');
}

static void
print_ctrl_tail(struct fmt *f, uint32_t type, const uint8_t *name,
		size_t name_size)
{
	v4l2_xval(f->b, "type", &v4l2_control_types, type);
	v4l2_cstr(f, "name", (const char *)name, name_size);
}

static bool
any_set(const uint32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i])
			return true;
	return false;
}

/* QUERYCTRL and QUERY_EXT_CTRL at exit (the id read at entry in id0). */
static void
print_queryctrl_out(struct fmt *f, unsigned code, const void *p, uint32_t id0)
{
	const struct v4l2_queryctrl *q = p;
	const struct v4l2_query_ext_ctrl *e = p;
	struct pbuf *b = f->b;
	bool ext = code == VIDIOC_QUERY_EXT_CTRL;
	uint32_t id = ext ? e->id : q->id;

	if (id != id0) {
		pb_puts(b, " => ");
		v4l2_print_cid(b, id, false);
	}
	if (ext)
		print_ctrl_tail(f, e->type, (const uint8_t *)e->name,
				sizeof(e->name));
	else
		print_ctrl_tail(f, q->type, q->name, sizeof(q->name));
	if (!ioctl_verbose(f)) {
		pb_puts(b, ", ...}");
		return;
	}
	if (ext) {
		pb_printf(b, ", minimum=%lld, maximum=%lld, step=%llu"
			  ", default_value=%lld", (long long)e->minimum,
			  (long long)e->maximum, (unsigned long long)e->step,
			  (long long)e->default_value);
		v4l2_flags(b, "flags", &v4l2_control_flags, e->flags);
		pb_printf(b, ", elem_size=%u, elems=%u, nr_of_dims=%u, dims=",
			  e->elem_size, e->elems, e->nr_of_dims);
		v4l2_print_u32s(f, e->dims,
				e->nr_of_dims < V4L2_CTRL_MAX_DIMS
					? e->nr_of_dims : V4L2_CTRL_MAX_DIMS,
				4, "%u");
		if (any_set(e->reserved, ARRAY_SIZE(e->reserved))) {
			pb_puts(b, ", reserved=");
			v4l2_print_u32s(f, e->reserved, ARRAY_SIZE(e->reserved),
					4, "%#x");
		}
	} else {
		pb_printf(b, ", minimum=%d, maximum=%d, step=%d"
			  ", default_value=%d", q->minimum, q->maximum,
			  q->step, q->default_value);
		v4l2_flags(b, "flags", &v4l2_control_flags, q->flags);
		if (any_set(q->reserved, ARRAY_SIZE(q->reserved))) {
			pb_puts(b, ", reserved=");
			v4l2_print_u32s(f, q->reserved, ARRAY_SIZE(q->reserved),
					4, "%#x");
		}
	}
	pb_putc(b, '}');
}

static bool
print_ext_control(struct fmt *f, const void *elem, void *data)
{
	struct v4l2_ext_control c;
	struct pbuf *b = f->b;

	(void)data;
	memcpy(&c, elem, sizeof(c));
	pb_puts(b, "{id=");
	print_xval(b, &v4l2_control_ids, c.id, false);
	pb_printf(b, ", size=%u", c.size);
	if (c.size > 0) {
		pb_puts(b, ", string=");
		print_str(f, (uint64_t)(uintptr_t)c.string, c.size, 0);
	} else {
		pb_printf(b, ", value=%d, value64=%lld", c.value,
			  (long long)c.value64);
	}
	pb_putc(b, '}');
	return true;
}

static void
print_ext_controls(struct fmt *f, unsigned code,
		   const struct v4l2_ext_controls *c)
{
	struct pbuf *b = f->b;
	bool get = code == VIDIOC_G_EXT_CTRLS;
	uint64_t addr = (uint64_t)(uintptr_t)c->controls;

	if (!f->exiting) {
		pb_puts(b, "{ctrl_class=");
		print_xval(b, &v4l2_control_classes, c->ctrl_class, false);
		pb_printf(b, ", count=%u", c->count);
		if (!c->count) {
			pb_putc(b, '}');
			return;
		}
		if (!get) {
			pb_puts(b, ", controls=");
			print_array(f, addr, c->count,
				    sizeof(struct v4l2_ext_control),
				    print_ext_control, NULL);
			if (!v4l2_array_whole(
				    f, addr, c->count,
				    sizeof(struct v4l2_ext_control))) {
				pb_putc(b, '}');
				return;
			}
		}
		note_put(f, f->args[2], V4L2_MORE);
		return;
	}
	pb_puts(b, get ? ", controls=" : "} => {controls=");
	/* Read whatever the call returned, as strace. */
	print_array_any(f, addr, c->count, sizeof(struct v4l2_ext_control),
			print_ext_control, NULL);
	if (is_error(f))
		pb_printf(b, ", error_idx=%u", c->error_idx);
	pb_putc(b, '}');
}

static void
print_buffer(struct fmt *f, unsigned code, const struct v4l2_buffer *v)
{
	struct pbuf *b = f->b;
	bool dq = code == VIDIOC_DQBUF;

	if (!f->exiting) {
		pb_puts(b, "{type=");
		print_xval(b, &v4l2_buf_types, v->type, false);
		if (!dq)
			pb_printf(b, ", index=%u", v->index);
		note_put(f, f->args[2], V4L2_MORE);
		return;
	}
	if (!is_error(f)) {
		if (dq)
			pb_printf(b, ", index=%u", v->index);
		v4l2_xval(b, "memory", &v4l2_memories, v->memory);
		if (v->memory == V4L2_MEMORY_MMAP) {
			pb_printf(b, ", m.offset=%#x", v->m.offset);
		} else if (v->memory == V4L2_MEMORY_USERPTR) {
			pb_puts(b, ", m.userptr=");
			print_ptr(f, v->m.userptr);
		}
		pb_printf(b, ", length=%u, bytesused=%u, flags=", v->length,
			  v->bytesused);
		v4l2_print_buf_flags(b, v->flags);
		if (dq)
			pb_printf(b, ", timestamp={tv_sec=%lld, tv_usec=%llu}",
				  (long long)v->timestamp.tv_sec,
				  (unsigned long long)v->timestamp.tv_usec);
		pb_puts(b, ", ...");
	}
	pb_putc(b, '}');
}

static void
print_create_bufs(struct fmt *f, const struct v4l2_create_buffers *c)
{
	struct pbuf *b = f->b;
	struct v4l2_format fm;

	if (f->exiting)
		return;
	pb_printf(b, "{count=%u", c->count);
	v4l2_xval(b, "memory", &v4l2_memories, c->memory);
	pb_puts(b, ", format={type=");
	print_xval(b, &v4l2_buf_types, c->format.type, false);
	memcpy(&fm, &c->format, sizeof(fm));
	print_format_fmt(f, ", ", &fm);
	pb_puts(b, "}}");
	note_put(f, f->args[2], V4L2_MORE);
}

/* The structures read at entry and again at exit. */
union v4l2_arg {
	struct v4l2_fmtdesc fmtdesc;
	struct v4l2_format format;
	struct v4l2_requestbuffers reqbufs;
	struct v4l2_buffer buffer;
	struct v4l2_streamparm parm;
	struct v4l2_standard std;
	struct v4l2_input input;
	struct v4l2_control ctrl;
	struct v4l2_tuner tuner;
	struct v4l2_queryctrl qctrl;
	struct v4l2_query_ext_ctrl qectrl;
	struct v4l2_cropcap cropcap;
	struct v4l2_crop crop;
	struct v4l2_ext_controls ectrls;
	struct v4l2_frmsizeenum frmsize;
	struct v4l2_frmivalenum frmival;
	struct v4l2_create_buffers create;
};

static size_t
split_size(unsigned code)
{
	switch (code) {
	case VIDIOC_ENUM_FMT: return sizeof(struct v4l2_fmtdesc);
	case VIDIOC_G_FMT: case VIDIOC_S_FMT: case VIDIOC_TRY_FMT:
		return sizeof(struct v4l2_format);
	case VIDIOC_REQBUFS: return sizeof(struct v4l2_requestbuffers);
	case VIDIOC_QUERYBUF: case VIDIOC_QBUF: case VIDIOC_DQBUF:
		return sizeof(struct v4l2_buffer);
	case VIDIOC_G_PARM: case VIDIOC_S_PARM:
		return sizeof(struct v4l2_streamparm);
	case VIDIOC_ENUMSTD: return sizeof(struct v4l2_standard);
	case VIDIOC_ENUMINPUT: return sizeof(struct v4l2_input);
	case VIDIOC_G_CTRL: case VIDIOC_S_CTRL:
		return sizeof(struct v4l2_control);
	case VIDIOC_G_TUNER: case VIDIOC_S_TUNER:
		return sizeof(struct v4l2_tuner);
	case VIDIOC_QUERYCTRL: return sizeof(struct v4l2_queryctrl);
	case VIDIOC_QUERY_EXT_CTRL: return sizeof(struct v4l2_query_ext_ctrl);
	case VIDIOC_CROPCAP: return sizeof(struct v4l2_cropcap);
	case VIDIOC_G_CROP: return sizeof(struct v4l2_crop);
	case VIDIOC_S_EXT_CTRLS: case VIDIOC_TRY_EXT_CTRLS:
	case VIDIOC_G_EXT_CTRLS:
		return sizeof(struct v4l2_ext_controls);
	case VIDIOC_ENUM_FRAMESIZES: return sizeof(struct v4l2_frmsizeenum);
	case VIDIOC_ENUM_FRAMEINTERVALS:
		return sizeof(struct v4l2_frmivalenum);
	case VIDIOC_CREATE_BUFS: return sizeof(struct v4l2_create_buffers);
	}
	return 0;
}

static enum ioctl_when
v4l2_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case VIDIOC_QUERYCAP: case VIDIOC_G_FBUF: case VIDIOC_G_STD:
	case VIDIOC_G_INPUT:
		return IOCTL_EXIT;
	case VIDIOC_S_FBUF: case VIDIOC_STREAMON: case VIDIOC_STREAMOFF:
	case VIDIOC_S_STD: case VIDIOC_S_INPUT: case VIDIOC_S_CROP:
		return IOCTL_ENTRY;
	}
	return split_size(code) ? IOCTL_SPLIT : IOCTL_HEX;
}

/* The commands printed at entry or at exit only. */
static void
print_once(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct v4l2_capability cap;
		struct v4l2_framebuffer fb;
		struct v4l2_crop crop;
		uint64_t u64;
		uint32_t u32;
	} u;
	struct pbuf *b = f->b;
	size_t size = code == VIDIOC_QUERYCAP ? sizeof(u.cap)
		      : code == VIDIOC_G_FBUF || code == VIDIOC_S_FBUF
			      ? sizeof(u.fb)
		      : code == VIDIOC_S_CROP ? sizeof(u.crop)
		      : code == VIDIOC_G_STD || code == VIDIOC_S_STD
			      ? sizeof(u.u64) : sizeof(u.u32);

	if (!ioctl_read(f, &u, arg, size))
		return;
	switch (code) {
	case VIDIOC_QUERYCAP:
		pb_puts(b, "{driver=");
		ioctl_print_cstr(f, (const char *)u.cap.driver,
				 sizeof(u.cap.driver));
		v4l2_cstr(f, "card", (const char *)u.cap.card,
			  sizeof(u.cap.card));
		v4l2_cstr(f, "bus_info", (const char *)u.cap.bus_info,
			  sizeof(u.cap.bus_info));
		v4l2_field(b, "version");
		print_kernel_version(b, u.cap.version);
		v4l2_flags(b, "capabilities", &v4l2_device_capabilities_flags,
			   u.cap.capabilities);
		if (u.cap.device_caps)
			v4l2_flags(b, "device_caps",
				   &v4l2_device_capabilities_flags,
				   u.cap.device_caps);
		pb_putc(b, '}');
		return;
	case VIDIOC_G_FBUF: case VIDIOC_S_FBUF:
		pb_printf(b, "{capability=%#x, flags=%#x, base=",
			  u.fb.capability, u.fb.flags);
		print_ptr(f, (uint64_t)(uintptr_t)u.fb.base);
		pb_putc(b, '}');
		return;
	case VIDIOC_STREAMON: case VIDIOC_STREAMOFF:
		pb_putc(b, '[');
		print_xval(b, &v4l2_buf_types, u.u32, false);
		pb_putc(b, ']');
		return;
	case VIDIOC_G_STD: case VIDIOC_S_STD:
		pb_printf(b, u.u64 ? "[%#llx]" : "[%llu]",
			  (unsigned long long)u.u64);
		return;
	case VIDIOC_G_INPUT: case VIDIOC_S_INPUT:
		pb_printf(b, "[%u]", u.u32);
		return;
	case VIDIOC_S_CROP:
		pb_puts(b, "{type=");
		print_xval(b, &v4l2_buf_types, u.crop.type, false);
		pb_puts(b, ", c=");
		v4l2_print_rect(b, &u.crop.c);
		pb_putc(b, '}');
		return;
	}
}

static void
v4l2_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	union v4l2_arg u;
	struct pbuf *b = f->b;
	size_t size = split_size(code);
	int64_t note = 0;
	bool out;

	if (!size) {
		print_once(f, code, arg);
		return;
	}
	if (f->exiting) {
		if (!note_get(f, arg, &note, true))
			return;
		if (!read_mem(f, &u, arg, size)) {
			if (code != VIDIOC_CREATE_BUFS)
				pb_putc(b, '}');
			return;
		}
	} else if (!read_or_addr(f, &u, arg, size)) {
		return;
	}
	out = f->exiting && !is_error(f);
	switch (code) {
	case VIDIOC_ENUM_FMT:
		if (!f->exiting) {
			pb_printf(b, "{index=%u", u.fmtdesc.index);
			v4l2_xval(b, "type", &v4l2_buf_types, u.fmtdesc.type);
			break;
		}
		if (out) {
			v4l2_flags(b, "flags", &v4l2_format_description_flags,
				   u.fmtdesc.flags);
			v4l2_cstr(f, "description",
				  (const char *)u.fmtdesc.description,
				  sizeof(u.fmtdesc.description));
			pb_puts(b, ", ");
			v4l2_print_fourcc(b, "pixelformat",
					  u.fmtdesc.pixelformat,
					  &v4l2_pix_fmts);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_G_FMT: case VIDIOC_S_FMT: case VIDIOC_TRY_FMT:
		print_format(f, code, &u.format);
		return;
	case VIDIOC_REQBUFS:
		if (!f->exiting) {
			pb_puts(b, "{type=");
			print_xval(b, &v4l2_buf_types, u.reqbufs.type, false);
			v4l2_xval(b, "memory", &v4l2_memories,
				  u.reqbufs.memory);
			pb_printf(b, ", count=%u", u.reqbufs.count);
			break;
		}
		if (out)
			pb_printf(b, " => %u", u.reqbufs.count);
		pb_putc(b, '}');
		return;
	case VIDIOC_QUERYBUF: case VIDIOC_QBUF: case VIDIOC_DQBUF:
		print_buffer(f, code, &u.buffer);
		return;
	case VIDIOC_G_PARM: case VIDIOC_S_PARM:
		print_streamparm(f, code, &u.parm);
		return;
	case VIDIOC_ENUMSTD:
		if (!f->exiting) {
			pb_printf(b, "{index=%u", u.std.index);
			break;
		}
		if (out) {
			v4l2_cstr(f, "name", (const char *)u.std.name,
				  sizeof(u.std.name));
			pb_puts(b, ", ");
			v4l2_print_fract(b, "frameperiod", &u.std.frameperiod);
			pb_printf(b, ", framelines=%u", u.std.framelines);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_ENUMINPUT:
		if (!f->exiting) {
			pb_printf(b, "{index=%u", u.input.index);
			break;
		}
		if (out) {
			v4l2_cstr(f, "name", (const char *)u.input.name,
				  sizeof(u.input.name));
			v4l2_xval(b, "type", &v4l2_input_types, u.input.type);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_G_CTRL: case VIDIOC_S_CTRL:
		if (!f->exiting) {
			pb_puts(b, "{id=");
			v4l2_print_cid(b, u.ctrl.id, false);
			if (code == VIDIOC_S_CTRL)
				pb_printf(b, ", value=%d", u.ctrl.value);
			break;
		}
		if (out)
			pb_printf(b, code == VIDIOC_G_CTRL ? ", value=%d"
							   : " => %d",
				  u.ctrl.value);
		pb_putc(b, '}');
		return;
	case VIDIOC_G_TUNER: case VIDIOC_S_TUNER:
		print_tuner(f, code, &u.tuner);
		return;
	case VIDIOC_QUERYCTRL: case VIDIOC_QUERY_EXT_CTRL: {
		uint32_t id = code == VIDIOC_QUERYCTRL ? u.qctrl.id
						       : u.qectrl.id;

		if (!f->exiting) {
			pb_puts(b, "{id=");
			v4l2_print_cid(b, id, true);
			note_put(f, arg, V4L2_MORE | id);
			return;
		}
		if (out)
			print_queryctrl_out(f, code, &u, (uint32_t)note);
		else
			pb_putc(b, '}');
		return;
	}
	case VIDIOC_CROPCAP:
		if (!f->exiting) {
			pb_puts(b, "{type=");
			print_xval(b, &v4l2_buf_types, u.cropcap.type, false);
			break;
		}
		if (out) {
			pb_puts(b, ", bounds=");
			v4l2_print_rect(b, &u.cropcap.bounds);
			pb_puts(b, ", defrect=");
			v4l2_print_rect(b, &u.cropcap.defrect);
			pb_puts(b, ", ");
			v4l2_print_fract(b, "pixelaspect",
					 &u.cropcap.pixelaspect);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_G_CROP:
		if (!f->exiting) {
			pb_puts(b, "{type=");
			print_xval(b, &v4l2_buf_types, u.crop.type, false);
			break;
		}
		if (out) {
			pb_puts(b, ", c=");
			v4l2_print_rect(b, &u.crop.c);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_S_EXT_CTRLS: case VIDIOC_TRY_EXT_CTRLS:
	case VIDIOC_G_EXT_CTRLS:
		print_ext_controls(f, code, &u.ectrls);
		return;
	case VIDIOC_ENUM_FRAMESIZES:
		if (!f->exiting) {
			pb_printf(b, "{index=%u, ", u.frmsize.index);
			v4l2_print_fourcc(b, "pixel_format",
					  u.frmsize.pixel_format,
					  &v4l2_pix_fmts);
			break;
		}
		if (out) {
			const struct v4l2_frmsizeenum *s = &u.frmsize;

			v4l2_xval(b, "type", &v4l2_framesize_types, s->type);
			if (s->type == V4L2_FRMSIZE_TYPE_DISCRETE)
				pb_printf(b, ", discrete={width=%u, height=%u}",
					  s->discrete.width, s->discrete.height);
			else if (s->type == V4L2_FRMSIZE_TYPE_STEPWISE)
				pb_printf(b, ", stepwise={min_width=%u"
					  ", max_width=%u, step_width=%u"
					  ", min_height=%u, max_height=%u"
					  ", step_height=%u}",
					  s->stepwise.min_width,
					  s->stepwise.max_width,
					  s->stepwise.step_width,
					  s->stepwise.min_height,
					  s->stepwise.max_height,
					  s->stepwise.step_height);
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_ENUM_FRAMEINTERVALS:
		if (!f->exiting) {
			pb_printf(b, "{index=%u, ", u.frmival.index);
			v4l2_print_fourcc(b, "pixel_format",
					  u.frmival.pixel_format,
					  &v4l2_pix_fmts);
			pb_printf(b, ", width=%u, height=%u", u.frmival.width,
				  u.frmival.height);
			break;
		}
		if (out) {
			const struct v4l2_frmivalenum *v = &u.frmival;

			v4l2_xval(b, "type", &v4l2_frameinterval_types,
				  v->type);
			if (v->type == V4L2_FRMIVAL_TYPE_DISCRETE) {
				pb_puts(b, ", ");
				v4l2_print_fract(b, "discrete", &v->discrete);
			} else if (v->type == V4L2_FRMIVAL_TYPE_STEPWISE ||
				   v->type == V4L2_FRMIVAL_TYPE_CONTINUOUS) {
				pb_puts(b, ", stepwise={");
				v4l2_print_fract(b, "min", &v->stepwise.min);
				pb_puts(b, ", ");
				v4l2_print_fract(b, "max", &v->stepwise.max);
				pb_puts(b, ", ");
				v4l2_print_fract(b, "step", &v->stepwise.step);
				pb_putc(b, '}');
			}
		}
		pb_putc(b, '}');
		return;
	case VIDIOC_CREATE_BUFS:
		print_create_bufs(f, &u.create);
		return;
	}
	note_put(f, arg, V4L2_MORE);
}

/* CREATE_BUFS: the buffers made, after the return value. */
static void
v4l2_rv(struct fmt *f, unsigned code)
{
	struct v4l2_create_buffers c;

	if (code != VIDIOC_CREATE_BUFS || is_error(f) ||
	    !read_mem(f, &c, f->args[2], sizeof(c)))
		return;
	pb_printf(f->b, " ({index=%u, count=%u})", c.index, c.count);
}

const struct ioctl_family ioctl_v4l2_family = {
	.type = 'V',
	.names = &v4l2_ioctl_cmds,
	.when = v4l2_when,
	.arg = v4l2_arg,
	.rv = v4l2_rv,
};
