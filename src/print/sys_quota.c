/* SPDX-License-Identifier: MIT */
/*
 * sys_quota.c: quotactl and quotactl_fd, as strace 6.1 prints them: the
 * command as QCMD(Q_GETQUOTA, USRQUOTA), then the id and the data by
 * command: the VFS quota structures (if_dqblk, if_nextdqblk, if_dqinfo,
 * the format) and XFS's (fs_disk_quota, fs_quota_stat, fs_quota_statv,
 * the flags), read at entry for the commands that set and at exit for
 * those that get. Without -v the long ones end in "...".
 */
#define _GNU_SOURCE
#include <linux/dqblk_xfs.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>

#include "decoders.h"

#define Q_CMD_SHIFT 8

/* The commands (include/uapi/linux/quota.h, dqblk_xfs.h). */
enum {
	KQ_SYNC = 0x800001, KQ_QUOTAON = 0x800002, KQ_QUOTAOFF = 0x800003,
	KQ_GETFMT = 0x800004, KQ_GETINFO = 0x800005, KQ_SETINFO = 0x800006,
	KQ_GETQUOTA = 0x800007, KQ_SETQUOTA = 0x800008,
	KQ_GETNEXTQUOTA = 0x800009,
	KQ_XQUOTAON = 0x5801, KQ_XQUOTAOFF = 0x5802, KQ_XGETQUOTA = 0x5803,
	KQ_XSETQLIM = 0x5804, KQ_XGETQSTAT = 0x5805, KQ_XQUOTARM = 0x5806,
	KQ_XQUOTASYNC = 0x5807, KQ_XGETQSTATV = 0x5808,
	KQ_XGETNEXTQUOTA = 0x5809,
};

/* The kernel's structures of the VFS quota commands (linux/quota.h). */
struct kif_dqblk {
	uint64_t dqb_bhardlimit, dqb_bsoftlimit, dqb_curspace;
	uint64_t dqb_ihardlimit, dqb_isoftlimit, dqb_curinodes;
	uint64_t dqb_btime, dqb_itime;
	uint32_t dqb_valid;
	uint32_t dqb_id; /* if_nextdqblk only */
};

struct kif_dqinfo {
	uint64_t dqi_bgrace, dqi_igrace;
	uint32_t dqi_flags, dqi_valid;
};

XLAT_TABLE(quota_cmds, "Q_???", XLAT_PAIR(0x0100, "Q_V1_QUOTAON"),
	   XLAT_PAIR(0x0200, "Q_V1_QUOTAOFF"), XLAT_PAIR(0x0300, "Q_V1_GETQUOTA"),
	   XLAT_PAIR(0x0400, "Q_V1_SETQUOTA"), XLAT_PAIR(0x0500, "Q_V1_SETUSE"),
	   XLAT_PAIR(0x0600, "Q_V1_SYNC"), XLAT_PAIR(0x0700, "Q_SETQLIM"),
	   XLAT_PAIR(0x0800, "Q_V1_GETSTATS"), XLAT_PAIR(0x1000, "Q_V1_RSQUASH"),
	   XLAT_PAIR(0x0D00, "Q_V2_GETQUOTA"), XLAT_PAIR(0x0E00, "Q_V2_SETQUOTA"),
	   XLAT_PAIR(0x0F00, "Q_V2_SETUSE"), XLAT_PAIR(0x0900, "Q_V2_GETINFO"),
	   XLAT_PAIR(0x0A00, "Q_V2_SETINFO"), XLAT_PAIR(0x0B00, "Q_V2_SETGRACE"),
	   XLAT_PAIR(0x0C00, "Q_V2_SETFLAGS"), XLAT_PAIR(0x1100, "Q_V2_GETSTATS"),
	   XLAT_PAIR(0x800001, "Q_SYNC"), XLAT_PAIR(0x800002, "Q_QUOTAON"),
	   XLAT_PAIR(0x800003, "Q_QUOTAOFF"), XLAT_PAIR(0x800004, "Q_GETFMT"),
	   XLAT_PAIR(0x800005, "Q_GETINFO"), XLAT_PAIR(0x800006, "Q_SETINFO"),
	   XLAT_PAIR(0x800007, "Q_GETQUOTA"), XLAT_PAIR(0x800008, "Q_SETQUOTA"),
	   XLAT_PAIR(0x800009, "Q_GETNEXTQUOTA"),
	   XLAT_PAIR(0x5801, "Q_XQUOTAON"), XLAT_PAIR(0x5802, "Q_XQUOTAOFF"),
	   XLAT_PAIR(0x5803, "Q_XGETQUOTA"), XLAT_PAIR(0x5804, "Q_XSETQLIM"),
	   XLAT_PAIR(0x5805, "Q_XGETQSTAT"), XLAT_PAIR(0x5806, "Q_XQUOTARM"),
	   XLAT_PAIR(0x5807, "Q_XQUOTASYNC"), XLAT_PAIR(0x5808, "Q_XGETQSTATV"),
	   XLAT_PAIR(0x5809, "Q_XGETNEXTQUOTA"));
XLAT_TABLE(quota_types, "???QUOTA", XLAT_PAIR(0, "USRQUOTA"),
	   XLAT_PAIR(1, "GRPQUOTA"), XLAT_PAIR(2, "PRJQUOTA"));
XLAT_TABLE(quota_formats, "QFMT_VFS_???", XLAT_PAIR(1, "QFMT_VFS_OLD"),
	   XLAT_PAIR(2, "QFMT_VFS_V0"), XLAT_PAIR(3, "QFMT_OCFS2"),
	   XLAT_PAIR(4, "QFMT_VFS_V1"));
XLAT_TABLE(xfs_quota_flags, "FS_QUOTA_???", XLAT(FS_QUOTA_UDQ_ACCT),
	   XLAT(FS_QUOTA_UDQ_ENFD), XLAT(FS_QUOTA_GDQ_ACCT),
	   XLAT(FS_QUOTA_GDQ_ENFD), XLAT(FS_QUOTA_PDQ_ACCT),
	   XLAT(FS_QUOTA_PDQ_ENFD));
XLAT_TABLE(xfs_dqblk_flags, "FS_???_QUOTA", XLAT(FS_USER_QUOTA),
	   XLAT(FS_PROJ_QUOTA), XLAT(FS_GROUP_QUOTA));
XLAT_TABLE(if_dqblk_valid, "QIF_???", XLAT_PAIR(1 << 0, "QIF_BLIMITS"),
	   XLAT_PAIR(1 << 1, "QIF_SPACE"), XLAT_PAIR(1 << 2, "QIF_ILIMITS"),
	   XLAT_PAIR(1 << 3, "QIF_INODES"), XLAT_PAIR(1 << 4, "QIF_BTIME"),
	   XLAT_PAIR(1 << 5, "QIF_ITIME"));
XLAT_TABLE(if_dqinfo_flags, "DQF_???", XLAT_PAIR(1 << 0, "DQF_ROOT_SQUASH"),
	   XLAT_PAIR(1 << 16, "DQF_SYS_FILE"));
XLAT_TABLE(if_dqinfo_valid, "IIF_???", XLAT_PAIR(1 << 0, "IIF_BGRACE"),
	   XLAT_PAIR(1 << 1, "IIF_IGRACE"), XLAT_PAIR(1 << 2, "IIF_FLAGS"));

/* A name, or the number with the unknown name in a comment, whatever
   the -X style (strace names QCMD's halves so). */
static void
print_xval_abbrev(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	const char *name = xlat_name(x, v);

	if (name)
		pb_puts(b, name);
	else
		pb_printf(b, "%#llx /* %s */", (unsigned long long)v, x->unknown);
}

/* QCMD(Q_GETQUOTA, USRQUOTA); the number under -X raw, both under
   -X verbose. */
void
print_quotactl_cmd(struct fmt *f, uint64_t v, int i)
{
	uint32_t qcmd = (uint32_t)v;
	int style = f->b->xstyle;

	(void)i;
	if (style == 1 || style == 2)
		pb_printf(f->b, "%u", qcmd);
	if (style == 1)
		return;
	if (style == 2)
		pb_puts(f->b, " /* ");
	pb_puts(f->b, "QCMD(");
	print_xval_abbrev(f->b, &quota_cmds, qcmd >> Q_CMD_SHIFT);
	pb_puts(f->b, ", ");
	print_xval_abbrev(f->b, &quota_types, qcmd & 0xff);
	pb_putc(f->b, ')');
	if (style == 2)
		pb_puts(f->b, " */");
}

static uint32_t
quota_cmd(const struct fmt *f)
{
	return (uint32_t)f->args[f->nr == SYS_quotactl_fd ? 1 : 0] >>
	       Q_CMD_SHIFT;
}

static void
print_quota_fmt(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &quota_formats, (uint32_t)v, false);
}

static void
print_quota_uid(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)v == UINT32_MAX)
		pb_puts(f->b, "-1");
	else
		pb_printf(f->b, "%u", (uint32_t)v);
}

static void
print_flag_field(struct fmt *f, const char *name, const struct xlat *x,
		 uint64_t v)
{
	pb_printf(f->b, ", %s=", name);
	print_flags(f->b, x, v);
}

static void
print_dqblk(struct fmt *f, uint64_t addr, bool next)
{
	struct kif_dqblk dq;

	if (!read_or_addr(f, &dq, addr, next ? sizeof(dq) : 68))
		return;
	pb_printf(f->b, "{dqb_bhardlimit=%llu, dqb_bsoftlimit=%llu, "
		  "dqb_curspace=%llu, dqb_ihardlimit=%llu, "
		  "dqb_isoftlimit=%llu, dqb_curinodes=%llu",
		  (unsigned long long)dq.dqb_bhardlimit,
		  (unsigned long long)dq.dqb_bsoftlimit,
		  (unsigned long long)dq.dqb_curspace,
		  (unsigned long long)dq.dqb_ihardlimit,
		  (unsigned long long)dq.dqb_isoftlimit,
		  (unsigned long long)dq.dqb_curinodes);
	if (f->o->verbose) {
		pb_printf(f->b, ", dqb_btime=%llu, dqb_itime=%llu",
			  (unsigned long long)dq.dqb_btime,
			  (unsigned long long)dq.dqb_itime);
		print_flag_field(f, "dqb_valid", &if_dqblk_valid,
				 dq.dqb_valid);
	}
	if (next)
		pb_printf(f->b, ", dqb_id=%u", dq.dqb_id);
	pb_puts(f->b, f->o->verbose ? "}" : ", ...}");
}

static void
print_dqinfo(struct fmt *f, uint64_t addr)
{
	struct kif_dqinfo dq;

	if (!read_or_addr(f, &dq, addr, sizeof(dq)))
		return;
	pb_printf(f->b, "{dqi_bgrace=%llu, dqi_igrace=%llu",
		  (unsigned long long)dq.dqi_bgrace,
		  (unsigned long long)dq.dqi_igrace);
	print_flag_field(f, "dqi_flags", &if_dqinfo_flags, dq.dqi_flags);
	print_flag_field(f, "dqi_valid", &if_dqinfo_valid, dq.dqi_valid);
	pb_putc(f->b, '}');
}

static void
print_xfs_dqblk(struct fmt *f, uint64_t addr)
{
	struct fs_disk_quota dq;

	if (!read_or_addr(f, &dq, addr, sizeof(dq)))
		return;
	pb_printf(f->b, "{d_version=%d", dq.d_version);
	print_flag_field(f, "d_flags", &xfs_dqblk_flags, (uint8_t)dq.d_flags);
	pb_printf(f->b, ", d_fieldmask=%#x, d_id=%u, d_blk_hardlimit=%llu, "
		  "d_blk_softlimit=%llu, d_ino_hardlimit=%llu, "
		  "d_ino_softlimit=%llu, d_bcount=%llu, d_icount=%llu",
		  dq.d_fieldmask, dq.d_id,
		  (unsigned long long)dq.d_blk_hardlimit,
		  (unsigned long long)dq.d_blk_softlimit,
		  (unsigned long long)dq.d_ino_hardlimit,
		  (unsigned long long)dq.d_ino_softlimit,
		  (unsigned long long)dq.d_bcount,
		  (unsigned long long)dq.d_icount);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	pb_printf(f->b, ", d_itimer=%d, d_btimer=%d, d_iwarns=%u, "
		  "d_bwarns=%u, d_rtb_hardlimit=%llu, d_rtb_softlimit=%llu, "
		  "d_rtbcount=%llu, d_rtbtimer=%d, d_rtbwarns=%u}",
		  dq.d_itimer, dq.d_btimer, dq.d_iwarns, dq.d_bwarns,
		  (unsigned long long)dq.d_rtb_hardlimit,
		  (unsigned long long)dq.d_rtb_softlimit,
		  (unsigned long long)dq.d_rtbcount, dq.d_rtbtimer,
		  dq.d_rtbwarns);
}

static void
print_qfilestat(struct pbuf *b, const char *name, uint64_t ino,
		uint64_t nblks, uint32_t nextents)
{
	pb_printf(b, ", %s={qfs_ino=%llu, qfs_nblks=%llu, qfs_nextents=%u}",
		  name, (unsigned long long)ino, (unsigned long long)nblks,
		  nextents);
}

static void
print_xfs_qstat(struct fmt *f, uint64_t addr)
{
	struct fs_quota_stat dq;

	if (!read_or_addr(f, &dq, addr, sizeof(dq)))
		return;
	pb_printf(f->b, "{qs_version=%d", dq.qs_version);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	print_flag_field(f, "qs_flags", &xfs_quota_flags, dq.qs_flags);
	print_qfilestat(f->b, "qs_uquota", dq.qs_uquota.qfs_ino,
			dq.qs_uquota.qfs_nblks, dq.qs_uquota.qfs_nextents);
	print_qfilestat(f->b, "qs_gquota", dq.qs_gquota.qfs_ino,
			dq.qs_gquota.qfs_nblks, dq.qs_gquota.qfs_nextents);
	pb_printf(f->b, ", qs_incoredqs=%u, qs_btimelimit=%d, "
		  "qs_itimelimit=%d, qs_rtbtimelimit=%d, qs_bwarnlimit=%u, "
		  "qs_iwarnlimit=%u}",
		  dq.qs_incoredqs, dq.qs_btimelimit, dq.qs_itimelimit,
		  dq.qs_rtbtimelimit, dq.qs_bwarnlimit, dq.qs_iwarnlimit);
}

static void
print_xfs_qstatv(struct fmt *f, uint64_t addr)
{
	struct fs_quota_statv dq;

	if (!read_or_addr(f, &dq, addr, sizeof(dq)))
		return;
	pb_printf(f->b, "{qs_version=%d", dq.qs_version);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	print_flag_field(f, "qs_flags", &xfs_quota_flags, dq.qs_flags);
	pb_printf(f->b, ", qs_incoredqs=%u", dq.qs_incoredqs);
	print_qfilestat(f->b, "qs_uquota", dq.qs_uquota.qfs_ino,
			dq.qs_uquota.qfs_nblks, dq.qs_uquota.qfs_nextents);
	print_qfilestat(f->b, "qs_gquota", dq.qs_gquota.qfs_ino,
			dq.qs_gquota.qfs_nblks, dq.qs_gquota.qfs_nextents);
	print_qfilestat(f->b, "qs_pquota", dq.qs_pquota.qfs_ino,
			dq.qs_pquota.qfs_nblks, dq.qs_pquota.qfs_nextents);
	pb_printf(f->b, ", qs_btimelimit=%d, qs_itimelimit=%d, "
		  "qs_rtbtimelimit=%d, qs_bwarnlimit=%u, qs_iwarnlimit=%u}",
		  dq.qs_btimelimit, dq.qs_itimelimit, dq.qs_rtbtimelimit,
		  dq.qs_bwarnlimit, dq.qs_iwarnlimit);
}

/* [FS_QUOTA_UDQ_ACCT|...] or [FS_USER_QUOTA]. */
static void
print_u32_flags_at(struct fmt *f, uint64_t addr, const struct xlat *x)
{
	uint32_t v;

	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	print_flags(f->b, x, v);
	pb_putc(f->b, ']');
}

/* The data argument by command, at entry or exit as fix_quotactl()
   says; what the kernel fills is shown by its address on failure. */
static void
print_quota_data(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (f->exiting && is_error(f)) {
		print_ptr(f, v);
		return;
	}
	switch (quota_cmd(f)) {
	case KQ_GETQUOTA: case KQ_SETQUOTA:
		print_dqblk(f, v, false);
		break;
	case KQ_GETNEXTQUOTA:
		print_dqblk(f, v, true);
		break;
	case KQ_XGETQUOTA: case KQ_XGETNEXTQUOTA: case KQ_XSETQLIM:
		print_xfs_dqblk(f, v);
		break;
	case KQ_GETFMT: {
		uint32_t fmt;

		if (!read_or_addr(f, &fmt, v, sizeof(fmt)))
			break;
		pb_putc(f->b, '[');
		print_xval(f->b, &quota_formats, fmt, false);
		pb_putc(f->b, ']');
		break;
	}
	case KQ_GETINFO: case KQ_SETINFO:
		print_dqinfo(f, v);
		break;
	case KQ_XGETQSTAT:
		print_xfs_qstat(f, v);
		break;
	case KQ_XGETQSTATV:
		print_xfs_qstatv(f, v);
		break;
	case KQ_XQUOTAON: case KQ_XQUOTAOFF:
		print_u32_flags_at(f, v, &xfs_quota_flags);
		break;
	case KQ_XQUOTARM:
		print_u32_flags_at(f, v, &xfs_dqblk_flags);
		break;
	default:
		print_ptr(f, v);
	}
}

void
fix_quotactl(const struct fmt *f, int *nargs, struct argspec *a)
{
	static const struct argspec in = FN(print_quota_data);
	static const struct argspec out = FN_OUT(print_quota_data);

	a[2] = (struct argspec)FN(print_quota_uid);
	a[3] = (struct argspec){ .kind = A_PTR };
	switch (quota_cmd(f)) {
	case KQ_QUOTAOFF: case KQ_SYNC: case KQ_XQUOTASYNC:
		*nargs = 2;
		break;
	case KQ_QUOTAON:
		a[2] = (struct argspec)FN(print_quota_fmt);
		a[3] = (struct argspec){ .kind = A_PATH };
		break;
	case KQ_SETQUOTA: case KQ_XSETQLIM:
		a[3] = in;
		break;
	case KQ_GETQUOTA: case KQ_GETNEXTQUOTA: case KQ_XGETQUOTA:
	case KQ_XGETNEXTQUOTA:
		a[3] = out;
		break;
	case KQ_GETFMT: case KQ_GETINFO: case KQ_XGETQSTAT: case KQ_XGETQSTATV:
		/* no id */
		*nargs = 3;
		a[2] = out;
		a[2].arg = 4;
		break;
	case KQ_SETINFO: case KQ_XQUOTAON: case KQ_XQUOTAOFF: case KQ_XQUOTARM:
		*nargs = 3;
		a[2] = in;
		a[2].arg = 4;
		break;
	}
}
