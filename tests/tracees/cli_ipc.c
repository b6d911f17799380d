/* SPDX-License-Identifier: MIT */
/*
 * cli_ipc: a deterministic tracee for the "ipc" golden family: System V
 * IPC's *ctl buffers (shmid_ds, msqid_ds, semid_ds, the *info limits),
 * quotactl's structures and mq_open's attributes, as strace 6.1 prints
 * them. The IPC objects are private and removed before exit; quotactl
 * names a device that does not exist, so nothing changes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/keyctl.h>
#include <mqueue.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/quota.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XQM_CMD_(x) (('X' << 8) + (x))

union semun_ {
	int val;
	struct semid_ds *buf;
	struct seminfo *info;
};

int
main(void)
{
	struct shmid_ds shm;
	struct msqid_ds msq;
	struct semid_ds sem;
	struct seminfo seminfo;
	union semun_ arg;
	uint64_t dqblk[9];
	uint64_t dqinfo[3];
	uint32_t xflags = 0x7;
	long attr[8], *tail;
	char *page;
	unsigned char caps[2];
	int id;

	id = shmget(IPC_PRIVATE, 1, 0600);
	if (id >= 0) {
		shmctl(id, IPC_STAT, &shm);
		shmctl(id, IPC_SET, &shm);
		shmctl(id, IPC_INFO, &shm);
		shmctl(id, SHM_INFO, &shm);
		shmctl(id, IPC_RMID, NULL);
	}
	shmctl(-1, IPC_STAT, &shm);
	id = msgget(IPC_PRIVATE, 0600);
	if (id >= 0) {
		msgctl(id, IPC_STAT, &msq);
		msgctl(id, IPC_SET, &msq);
		msgctl(id, IPC_INFO, &msq);
		msgctl(id, IPC_RMID, NULL);
	}
	id = semget(IPC_PRIVATE, 1, 0600);
	if (id >= 0) {
		arg.info = &seminfo;
		semctl(id, 0, IPC_INFO, arg);
		arg.buf = &sem;
		semctl(id, 0, IPC_STAT, arg);
		semctl(id, 0, IPC_SET, arg);
		semctl(id, 0, IPC_RMID, 0);
	}
	for (unsigned i = 0; i < 9; i++)
		dqblk[i] = 1000 + i;
	quotactl(QCMD(Q_SETQUOTA, USRQUOTA), "/dev/snare-none", 42,
		 (caddr_t)dqblk);
	dqinfo[0] = 7;
	dqinfo[1] = 8;
	dqinfo[2] = 0x10001ULL | (5ULL << 32);
	quotactl(QCMD(Q_SETINFO, GRPQUOTA), "/dev/snare-none", 0,
		 (caddr_t)dqinfo);
	quotactl(QCMD(XQM_CMD_(1), USRQUOTA), "/dev/snare-none", 0,
		 (caddr_t)&xflags);
	quotactl(QCMD(Q_GETQUOTA, USRQUOTA), "/dev/snare-none", 0,
		 (caddr_t)dqblk);
	memset(attr, 0, sizeof(attr));
	attr[1] = 1;
	attr[2] = 8;
	syscall(SYS_mq_open, "/snare-none", O_RDONLY | O_CREAT | O_EXCL,
		0600, attr);
	syscall(SYS_mq_unlink, "/snare-none");
	/* Attributes cut short by an unmapped page: only the address. */
	page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page != MAP_FAILED && munmap(page + 4096, 4096) == 0) {
		tail = (long *)(page + 4096 - 4 * sizeof(long));
		memcpy(tail, attr, 4 * sizeof(long));
		syscall(SYS_mq_open, "/snare-none", O_RDONLY | O_CREAT, 0600,
			tail);
	}
	/* Keys: commands decoded per command, bad keys only. */
	syscall(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, KEY_SPEC_REQUESTOR_KEYRING,
		0, 0);
	syscall(SYS_keyctl, KEYCTL_MOVE, -1, KEY_SPEC_THREAD_KEYRING, 0x1eefdead,
		KEYCTL_MOVE_EXCL);
	syscall(SYS_keyctl, KEYCTL_CAPABILITIES, caps, sizeof(caps));
	syscall(SYS_keyctl, KEYCTL_NEGATE, 0x1eefdead, 5, 0);
	return 0;
}
