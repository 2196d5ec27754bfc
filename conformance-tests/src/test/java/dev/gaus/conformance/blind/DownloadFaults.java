package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.download;
import static dev.gaus.conformance.blind.BlindMutations.problem;

import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.util.Locale;

/** Faults of downloads and byte ranges ("Decided here"). The rule each breaks is on its {@link BlindFault} constant. */
final class DownloadFaults {
    private DownloadFaults() {}

    static Response rangeEndExclusive(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (download(x.request) && r.status == 206 && r.body.length > 1) {
            String cr = r.header("Content-Range");
            long[] span = BlindMutations.range("bytes=" + cr.substring(6, cr.indexOf('/')));
            r.body = java.util.Arrays.copyOf(r.body, r.body.length - 1);
            r.setHeader("Content-Range", "bytes " + span[0] + "-" + (span[1] - 1) + cr.substring(cr.indexOf('/')));
        }
        return r;
    }

    static Response suffixRangeAsOffset(BlindExchange x) throws IOException {
        String range = x.request.header("Range");
        if (download(x.request) && range != null && range.trim().matches("bytes=-\\d+")) {
            x.request.setHeader("Range", "bytes=" + range.trim().substring(7) + "-");
        }
        return x.forward();
    }

    static Response rangePastEndSendsFile(BlindExchange x) throws IOException {
        Response r = x.forward();
        long[] span = BlindMutations.range(x.request.header("Range"));
        if (download(x.request) && r.status == 416 && span != null && span[0] > BlindMutations.totalSize(r)) {
            x.request.removeHeader("Range");
            return x.forward();
        }
        return r;
    }

    static Response rangeAtSizeGetsLastByte(BlindExchange x) throws IOException {
        Response r = x.forward();
        long[] span = BlindMutations.range(x.request.header("Range"));
        long size = BlindMutations.totalSize(r);
        if (download(x.request) && r.status == 416 && span != null && size > 0 && span[0] == size) {
            x.request.setHeader("Range", "bytes=" + (size - 1) + "-");
            return x.forward();
        }
        return r;
    }

    static Response contentRangeSizeUnknown(BlindExchange x) throws IOException {
        Response r = x.forward();
        String cr = r.header("Content-Range");
        if (download(x.request) && r.status == 206 && cr != null) {
            r.setHeader("Content-Range", cr.substring(0, cr.indexOf('/')) + "/*");
        }
        return r;
    }

    static Response unsatisfiableRangeWithoutSize(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (download(x.request) && r.status == 416) {
            r.removeHeader("Content-Range");
        }
        return r;
    }

    static Response downloadEtagWeak(BlindExchange x) throws IOException {
        Response r = x.forward();
        String tag = r.header("ETag");
        if (download(x.request) && tag != null && !tag.startsWith("W/")) {
            r.setHeader("ETag", "W/" + tag);
        }
        return r;
    }

    static Response ifRangeIgnored(BlindExchange x) throws IOException {
        if (download(x.request)) {
            x.request.removeHeader("If-Range");
        }
        return x.forward();
    }

    static Response ifRangeWeakMatch(BlindExchange x) throws IOException {
        String ir = x.request.header("If-Range");
        if (download(x.request) && ir != null && ir.trim().startsWith("W/")) {
            x.request.setHeader("If-Range", ir.trim().substring(2));
        }
        return x.forward();
    }

    static Response headDownloadLengthZero(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (download(x.request) && x.request.method.equals("HEAD") && r.status == 200) {
            r.setHeader("Content-Length", "0");
        }
        return r;
    }

    static Response headDownloadRefused(BlindExchange x) throws IOException {
        if (download(x.request) && x.request.method.equals("HEAD")) {
            Response r = problem(405, "method-not-allowed", "this endpoint answers GET");
            r.setHeader("Allow", "GET");
            return r;
        }
        return x.forward();
    }

    static Response downloadTokenCaseFolded(BlindExchange x) throws IOException {
        if (download(x.request)) {
            x.request.target = x.request.target.toLowerCase(Locale.ROOT);
        }
        return x.forward();
    }

    static Response multipleRangesFirstServed(BlindExchange x) throws IOException {
        String range = x.request.header("Range");
        if (download(x.request) && range != null && range.contains(",")) {
            x.request.setHeader("Range", range.substring(0, range.indexOf(',')).trim());
        }
        return x.forward();
    }

    static Response rangeLenientSyntaxIgnored(BlindExchange x) throws IOException {
        String range = x.request.header("Range");
        if (download(x.request) && range != null && !range.matches("bytes=\\d*-\\d*(,.*)?")) {
            x.request.removeHeader("Range");
        }
        return x.forward();
    }

    static Response rangeAnswerChunked(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (download(x.request) && r.status == 206) {
            r.chunkedOut = true;
        }
        return r;
    }

    static Response downloadIfNoneMatchIgnored(BlindExchange x) throws IOException {
        if (download(x.request)) {
            x.request.removeHeader("If-None-Match");
        }
        return x.forward();
    }
}
