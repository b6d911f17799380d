# SPDX-License-Identifier: MIT
"""Parse and compare strace-format traces (shared by golden.py and
realworld.py): leaders ("[pid N] ", "N ") are split off, unfinished and
resumed halves joined, pids and addresses normalised, and two traces
compared per process (processes in pid order, events aligned in order)."""
import difflib
import re

RESULT = re.compile(r"^(.*?\))\s+= (.*)$")
LEADER = re.compile(r"^(\[pid\s+(\d+)\] |(\d+) +)?")
SYSCALL = re.compile(r"^(?:<\.\.\. )?([a-z_0-9]+)[ (]")
PIDRET = {"clone", "clone3", "fork", "vfork", "getpid", "getppid", "gettid",
          "set_tid_address", "wait4", "waitid"}


def parse(lines):
    """Lines -> list of (pid, kind, name, retval, text) after -o/-f leaders.
    An "<unfinished ...>" line and its "<... resumed>" are joined."""
    out, pending = [], {}
    for line in lines:
        m = LEADER.match(line)
        pid = int(m.group(2) or m.group(3) or 0)
        body = line[m.end():]
        if body.startswith("---") or body.startswith("+++"):
            kind = body[:3]
            name = body.split()[1]
            out.append((pid, kind, name, None, body))
            continue
        if body.endswith(" <unfinished ...>"):
            pending[pid] = body[:-len(" <unfinished ...>")]
            continue
        rm = re.match(r"^<\.\.\. [a-z_0-9]+ resumed>(.*)$", body)
        if rm and pid in pending:
            body = pending.pop(pid) + rm.group(1)
            body = re.sub(r"\)\s+= ", ") = ", body)
        r = RESULT.match(body)
        n = SYSCALL.match(body)
        if not n:
            continue
        name = n.group(1)
        if body.startswith("<... "):
            name = body[5:].split()[0]
        ret = r.group(2) if r else None
        out.append((pid, "sc", name, ret, body))
    return out


def normalise(text, pids):
    text = re.sub(r"\)\s+= ", ") = ", text)
    text = re.sub(r"0x[0-9a-f]{5,}", "ADDR", text)
    text = re.sub(r"(si_[us]time)=\d+( /\* [\d.]+ s \*/)?", r"\1=N", text)
    text = re.sub(r"(tv_u?n?sec|st_[amc]time(_nsec)?)=\d+", r"\1=N", text)
    text = re.sub(r'getrandom\("[^"]*"', 'getrandom("R"', text)
    text = re.sub(r"/\* \d+ vars \*/", "/* N vars */", text)
    text = re.sub(r"<\d+\.\d+>", "<T>", text)
    # Pids outside string literals only: random bytes printed as "\2153"
    # may spell a pid of one tracer's run and not of the other's.
    parts = re.split(r'("(?:[^"\\]|\\.)*")', text)
    for k in range(0, len(parts), 2):
        for pid in sorted(pids, key=lambda p: -len(str(p))):
            parts[k] = re.sub(r"\b%d\b" % pid, "PID", parts[k])
    return "".join(parts)


def pids_of(events):
    pids = {e[0] for e in events if e[0]}
    for _, kind, name, ret, _ in events:
        if kind == "sc" and name in PIDRET and ret:
            m = re.match(r"(\d+)", ret)
            if m and int(m.group(1)) > 1:
                pids.add(int(m.group(1)))
    return pids


def retval(name, ret, pids):
    if ret is None:
        return None
    ret = normalise(ret, pids)
    ret = re.sub(r" <T>$", "", ret)
    if name in PIDRET:
        ret = re.sub(r"^\d+", "PID", ret)
    return ret


CREATORS = {"clone", "clone3", "fork", "vfork"}


def by_process(events):
    """Group events per pid, in creation order: the order in which each pid
    first shows up, as a line's leader or as what a clone/fork returned
    (the parent's calls come in program order). Not numeric pid order:
    pids wrap around at pid_max, and a busy machine gets there."""
    groups, order = {}, {}
    for e in events:
        order.setdefault(e[0], len(order))
        if e[1] == "sc" and e[2] in CREATORS and e[3]:
            m = re.match(r"(\d+)", e[3])
            if m:
                order.setdefault(int(m.group(1)), len(order))
        groups.setdefault(e[0], []).append(e)
    return [groups[p] for p in sorted(groups, key=order.get)]


def leader_lines(events):
    """Lines without a leader are the main thread's while it is alone
    (strace prints "[pid N] " only while several tasks are traced): give
    them the pid the main thread's getpid() returned, so that a thread exit
    racing with the main thread's next call does not move that call to
    another group."""
    leader = next((int(e[3].split()[0]) for e in events
                   if e[1] == "sc" and e[2] == "getpid" and e[3]
                   and e[3].split()[0].isdigit()), 0)
    return [(e[0] or leader,) + e[1:] for e in events]


def timing_dependent(e, ignore, restarts):
    """A syscall left out of a comparison: named in ignore, or (restarts
    False) one the kernel restarts, whose count depends on when a signal
    lands."""
    return e[1] == "sc" and (e[2] in ignore or (
        not restarts and (e[3] or "").startswith("? ERESTART")))


def compare_traces(a_lines, b_lines, ignore=(), unprefixed_leader=False,
                   restarts=True):
    """Returns (% events whose name and return value match, % events with
    identical text, [(strace, snare) mismatches]) over all processes.
    Syscalls named in `ignore` are left out of both (calls whose presence
    depends on timing in the tracee, such as pthread_join's futex wait),
    and with restarts=False the calls the kernel restarts."""
    a, b = parse(a_lines), parse(b_lines)
    if unprefixed_leader:
        a, b = leader_lines(a), leader_lines(b)
    a = [e for e in a if not timing_dependent(e, ignore, restarts)]
    b = [e for e in b if not timing_dependent(e, ignore, restarts)]
    pa, pb = pids_of(a), pids_of(b)
    ga, gb = by_process(a), by_process(b)
    total = same = same_text = 0
    diffs = []
    for i in range(max(len(ga), len(gb))):
        sa = ga[i] if i < len(ga) else []
        sb = gb[i] if i < len(gb) else []
        ka = [(e[2], retval(e[2], e[3], pa)) for e in sa]
        kb = [(e[2], retval(e[2], e[3], pb)) for e in sb]
        total += max(len(ka), len(kb))
        sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op != "equal":
                diffs.extend(zip([e[4] for e in sa[i1:i2]] + [""] * (j2 - j1),
                                 [e[4] for e in sb[j1:j2]] + [""] * (i2 - i1)))
                continue
            same += i2 - i1
            for x, y in zip(sa[i1:i2], sb[j1:j2]):
                if normalise(x[4], pa) == normalise(y[4], pb):
                    same_text += 1
                else:
                    diffs.append((x[4], y[4]))
    pct = 100.0 * same / total if total else 100.0
    tpct = 100.0 * same_text / total if total else 100.0
    return pct, tpct, diffs
