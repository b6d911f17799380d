/* SPDX-License-Identifier: MIT */
/*
 * procfs.c: reading a whole /proc file. The maps listing, the address
 * expressions and the core dump's notes all read files whose size stat()
 * does not give, so they read until end of file into a growing buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/internal.h"

int
snare__read_file(const char *path, char **text, size_t *len)
{
	size_t cap = 16384, n = 0;
	char *buf, *nb;
	ssize_t got;
	int fd, err;

	*text = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= SNARE__READ_FILE_MAX) {
				err = -EFBIG;
				goto fail;
			}
			nb = realloc(buf, 2 * cap + 1);
			if (!nb) {
				err = -ENOMEM;
				goto fail;
			}
			buf = nb;
			cap *= 2;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = -errno;
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	close(fd);
	return err;
}
