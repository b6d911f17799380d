/* SPDX-License-Identifier: MIT */
/*
 * cli_ioctl_v4l2: a deterministic tracee for the "ioctl_v4l2" golden
 * family: Video4Linux2 ioctls whose arguments strace decodes (formats of
 * several buffer types with named and unnamed fourccs, stream parameters,
 * buffers, controls by name, by class and unknown, extended controls with
 * a string, crop, frame sizes, tuners) and commands it only names. Every
 * call is on fd -1: it fails with EBADF, and strace still shows what it
 * reads at entry, and the exit half of a failed call. No sleeps.
 *
 *   cli_ioctl_v4l2
 */
#define _GNU_SOURCE
#include <linux/videodev2.h>
#include <string.h>
#include <sys/ioctl.h>

int
main(void)
{
	static struct v4l2_format fm;
	static struct v4l2_streamparm sp;
	static struct v4l2_buffer buf;
	static struct v4l2_requestbuffers rb;
	static struct v4l2_control ctl;
	static struct v4l2_queryctrl qc;
	static struct v4l2_ext_controls ecs;
	static struct v4l2_ext_control ec[2];
	static struct v4l2_crop crop;
	static struct v4l2_frmsizeenum fs;
	static struct v4l2_tuner tn;
	static struct v4l2_create_buffers cb;
	static char str[4] = "ab";
	static int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	static unsigned input = 3;
	static v4l2_std_id std = V4L2_STD_PAL;

	fm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	fm.fmt.pix.width = 640;
	fm.fmt.pix.height = 480;
	fm.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
	fm.fmt.pix.field = V4L2_FIELD_NONE;
	fm.fmt.pix.colorspace = V4L2_COLORSPACE_SRGB;
	ioctl(-1, VIDIOC_S_FMT, &fm);
	ioctl(-1, VIDIOC_TRY_FMT, &fm);
	ioctl(-1, VIDIOC_G_FMT, &fm);
	fm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
	fm.fmt.pix_mp.pixelformat = v4l2_fourcc('\'', '\\', 0xfa, 'x');
	fm.fmt.pix_mp.num_planes = 2;
	ioctl(-1, VIDIOC_S_FMT, &fm);
	memset(&fm, 0, sizeof(fm));
	fm.type = V4L2_BUF_TYPE_SDR_CAPTURE;
	fm.fmt.sdr.pixelformat = V4L2_SDR_FMT_CU8;
	ioctl(-1, VIDIOC_S_FMT, &fm);
	fm.type = 0x77;
	ioctl(-1, VIDIOC_S_FMT, &fm);

	sp.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	sp.parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
	sp.parm.capture.timeperframe.numerator = 1;
	sp.parm.capture.timeperframe.denominator = 30;
	ioctl(-1, VIDIOC_S_PARM, &sp);
	ioctl(-1, VIDIOC_G_PARM, &sp);

	rb.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	rb.memory = V4L2_MEMORY_MMAP;
	rb.count = 4;
	ioctl(-1, VIDIOC_REQBUFS, &rb);
	buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	buf.index = 1;
	ioctl(-1, VIDIOC_QBUF, &buf);
	ioctl(-1, VIDIOC_DQBUF, &buf);
	ioctl(-1, VIDIOC_STREAMON, &type);
	ioctl(-1, VIDIOC_STREAMOFF, &type);
	ioctl(-1, VIDIOC_S_STD, &std);
	ioctl(-1, VIDIOC_S_INPUT, &input);
	ioctl(-1, VIDIOC_G_INPUT, &input);
	ioctl(-1, VIDIOC_QUERYCAP, NULL);

	ctl.id = V4L2_CID_BRIGHTNESS;
	ctl.value = -5;
	ioctl(-1, VIDIOC_S_CTRL, &ctl);
	ctl.id = V4L2_CTRL_CLASS_CAMERA | 0x77;
	ioctl(-1, VIDIOC_G_CTRL, &ctl);
	ctl.id = 0x1234;
	ioctl(-1, VIDIOC_G_CTRL, &ctl);
	qc.id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CID_CONTRAST;
	ioctl(-1, VIDIOC_QUERYCTRL, &qc);

	ec[0].id = V4L2_CID_SATURATION;
	ec[0].value64 = -7;
	ec[1].id = V4L2_CID_HUE;
	ec[1].size = 2;
	ec[1].string = str;
	ecs.ctrl_class = V4L2_CTRL_CLASS_USER;
	ecs.count = 2;
	ecs.controls = ec;
	ioctl(-1, VIDIOC_S_EXT_CTRLS, &ecs);
	ioctl(-1, VIDIOC_G_EXT_CTRLS, &ecs);

	crop.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	crop.c.left = -1;
	crop.c.width = 320;
	ioctl(-1, VIDIOC_S_CROP, &crop);
	ioctl(-1, VIDIOC_G_CROP, &crop);
	fs.index = 2;
	fs.pixel_format = V4L2_PIX_FMT_MJPEG;
	ioctl(-1, VIDIOC_ENUM_FRAMESIZES, &fs);
	tn.index = 1;
	strcpy((char *)tn.name, "tuner");
	tn.type = V4L2_TUNER_RADIO;
	ioctl(-1, VIDIOC_S_TUNER, &tn);
	cb.count = 2;
	cb.memory = V4L2_MEMORY_USERPTR;
	cb.format.type = V4L2_BUF_TYPE_META_CAPTURE;
	ioctl(-1, VIDIOC_CREATE_BUFS, &cb);
	ioctl(-1, VIDIOC_LOG_STATUS, 0);
	ioctl(-1, VIDIOC_SUBSCRIBE_EVENT, 0);
	return 0;
}
