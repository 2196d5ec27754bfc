# Reads an `strace -f -tt` (or -ttt) log of the reference server that answered one registration and
# prints one verdict line: PASS when an fsync or fdatasync of the SQLite WAL (gaus.db-wal), made
# after the registration's rows were written to it, returned before a thread started writing the
# registration's "HTTP/1.1 200" to its socket; FAIL otherwise. Exit status 0 on PASS, 1 on FAIL.
#
# Needs these calls in the log: openat/open and close (to map file descriptors to the WAL file),
# read/recvfrom/readv (to find the socket the "POST /register" came in on), write/pwrite64/writev
# (WAL writes), fsync/fdatasync, and write/writev/sendto/sendmsg (the answer). A call split by
# another thread ("<unfinished ...>" ... "<... resumed>") counts from its start to its end.
#
# Why the timestamps can be trusted across threads: under ptrace a thread stopped at the exit of
# fsync stays stopped until strace has printed that exit, so no other thread can have been told
# "committed" (and have started its write) before that line's time.
#
# Portable awk (mawk, gawk, busybox): no gensub, no match() arrays, no regex intervals.

function seconds(stamp,    parts, n, s) {
    if (index(stamp, ":") > 0) {
        n = split(stamp, parts, ":")
        s = parts[1] * 3600 + parts[2] * 60 + parts[3]
        # -tt restarts at midnight
        if (s + day < last - 43200) {
            day += 86400
        }
        s += day
    } else {
        if (base == "") {
            base = int(stamp)
        }
        s = stamp - base
    }
    last = s
    return s
}

# The first argument (a file descriptor) of "name(fd, ...".
function first_fd(text,    rest) {
    rest = substr(text, index(text, "(") + 1)
    if (rest !~ /^[0-9]+/) {
        return -1
    }
    match(rest, /^[0-9]+/)
    return substr(rest, 1, RLENGTH) + 0
}

# The result of a finished call: the number after its last ") = ", or "?" when there is none.
function result(text) {
    if (match(text, /\) += -?[0-9]+( [A-Z][A-Z0-9_]* \(.*\))?$/) == 0) {
        return "?"
    }
    text = substr(text, RSTART)
    sub(/^\) += /, "", text)
    sub(/ .*$/, "", text)
    return text + 0
}

function call(pid, start, end, text,    name, fd, ret) {
    name = substr(text, 1, index(text, "(") - 1)
    ret = result(text)
    if (ret == "?") {
        return
    }
    if (name == "openat" || name == "open") {
        if (text ~ /gaus\.db-wal"/ && ret >= 0) {
            wal[ret] = 1
            wal_opened = 1
        }
        return
    }
    fd = first_fd(text)
    if (name == "close") {
        if (ret == 0 && fd in wal) {
            delete wal[fd]
        }
        return
    }
    if (name == "read" || name == "recvfrom" || name == "readv") {
        if (index(text, "\"POST /register ") > 0 && ret > 0) {
            registrations++
            if (registrations == 1) {
                request_fd = fd
                request_end = end
            }
        }
        return
    }
    if (registrations == 0) {
        return
    }
    if ((name == "write" || name == "pwrite64" || name == "writev" || name == "pwritev") && (fd in wal) && ret > 0) {
        wal_writes++
        return
    }
    if ((name == "fsync" || name == "fdatasync") && (fd in wal) && ret == 0 && wal_writes > 0) {
        if (!synced) {
            synced = 1
            sync_end = end
            sync_pid = pid
            sync_name = name
            sync_fd = fd
            sync_stamp = stamp_of[pid]
            sync_writes = wal_writes
        }
        return
    }
    if (!answered && (name == "write" || name == "writev" || name == "sendto" || name == "sendmsg") \
            && fd == request_fd && index(text, "HTTP/1.1 ") > 0 && start >= request_end) {
        answered = 1
        answer_start = start
        answer_pid = pid
        answer_stamp = started_stamp
        answer_status = substr(text, index(text, "HTTP/1.1 ") + 9, 3)
        answer_synced = synced && sync_end <= start
        answer_writes = wal_writes
    }
}

BEGIN {
    base = ""
    day = 0
    last = 0
    request_fd = -2
}

# "PID TIME rest" (strace -f -o FILE); signals and exits have no call to read.
match($0, /^[0-9]+ +[0-9][0-9:.]* /) {
    pid = $1
    stamp = $2
    t = seconds(stamp)
    rest = substr($0, RLENGTH + 1)
    if (rest ~ /^(---|\+\+\+)/) {
        next
    }
    if (rest ~ / <unfinished \.\.\.>$/) {
        sub(/ <unfinished \.\.\.>$/, "", rest)
        pending[pid] = rest
        pending_start[pid] = t
        pending_stamp[pid] = stamp
        next
    }
    if (rest ~ /^<\.\.\. [a-z0-9_]+ resumed>/) {
        if (!(pid in pending)) {
            next
        }
        sub(/^<\.\.\. [a-z0-9_]+ resumed>/, "", rest)
        text = pending[pid] rest
        start = pending_start[pid]
        started_stamp = pending_stamp[pid]
        delete pending[pid]
    } else {
        text = rest
        start = t
        started_stamp = stamp
    }
    stamp_of[pid] = stamp
    call(pid, start, t, text)
}

END {
    if (!wal_opened) {
        print "FAIL: no open of gaus.db-wal in the log (was the server traced from its start, with openat?)"
        exit 1
    }
    if (registrations != 1) {
        printf "FAIL: expected one \"POST /register\" read from a socket, found %d\n", registrations
        exit 1
    }
    if (!answered) {
        printf "FAIL: no answer written to the registration's socket (fd %d)\n", request_fd
        exit 1
    }
    if (answer_status != "200") {
        printf "FAIL: the registration was answered %s, not 200\n", answer_status
        exit 1
    }
    if (!answer_synced) {
        if (answer_writes == 0) {
            printf "FAIL: thread %s wrote the registration's HTTP/1.1 200 at %s without any WAL write since the request\n", \
                answer_pid, answer_stamp
        } else {
            printf "FAIL: thread %s wrote the registration's HTTP/1.1 200 at %s before any fsync/fdatasync of gaus.db-wal " \
                "after its WAL write(s)", answer_pid, answer_stamp
            if (synced) {
                printf " (the first returned at %s, %.3f ms after the answer started)", sync_stamp, 1000 * (sync_end - answer_start)
            }
            printf "\n"
        }
        exit 1
    }
    printf "PASS: %s(%d) of gaus.db-wal (thread %s) returned at %s after %d WAL write(s); thread %s wrote the " \
        "registration's HTTP/1.1 200 at %s, %.3f ms later\n", sync_name, sync_fd, sync_pid, sync_stamp, sync_writes, \
        answer_pid, answer_stamp, 1000 * (answer_start - sync_end)
    exit 0
}
