-- GET the URL wrk was given; when the run ends, print one line of wrk's own totals for the
-- scripts to read: bytes read (headers and bodies), run time in microseconds, completed requests,
-- errors by kind, and the latency percentiles in microseconds. No response() hook: defining one
-- makes wrk hand every 16 MiB body to Lua, which would measure wrk instead of the server.
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "download-totals bytes=%d duration_us=%d requests=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d\n",
        summary.bytes, summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(99)))
end
