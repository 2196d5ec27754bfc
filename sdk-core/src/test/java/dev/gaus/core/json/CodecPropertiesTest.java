package dev.gaus.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.core.message.Update;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encode-then-decode is identity; decoding anything never fails with anything but the codec's exception. */
class CodecPropertiesTest {
    private static final List<Class<?>> TYPES = List.of(RegisterRequest.class, RegisterResponse.class,
            AuthenticateRequest.class, AuthenticateResponse.class, CheckForUpdatesResponse.class, Update.class,
            ReportRequest.class, ReportResponse.class, Problem.class);

    @Property(tries = 300)
    void registerRequest_roundTrips(@ForAll("registerRequests") RegisterRequest message) {
        assertThat(GausJson.decode(GausJson.encode(message), RegisterRequest.class)).isEqualTo(message);
    }

    @Property(tries = 300)
    void registerResponse_roundTrips(@ForAll("registerResponses") RegisterResponse message) {
        assertThat(GausJson.decode(GausJson.encode(message), RegisterResponse.class)).isEqualTo(message);
    }

    @Property(tries = 200)
    void authenticate_roundTrips(@ForAll("auth") AuthParameters auth, @ForAll("text") String guid) {
        AuthenticateRequest request = new AuthenticateRequest(auth);
        AuthenticateResponse response = new AuthenticateResponse(guid, guid + "p", auth.secretKey());
        assertThat(GausJson.decode(GausJson.encode(request), AuthenticateRequest.class)).isEqualTo(request);
        assertThat(GausJson.decode(GausJson.encode(response), AuthenticateResponse.class)).isEqualTo(response);
    }

    @Property(tries = 200)
    void checkForUpdates_roundTrips(@ForAll("checkForUpdates") CheckForUpdatesResponse message) {
        assertThat(GausJson.decode(GausJson.encode(message), CheckForUpdatesResponse.class)).isEqualTo(message);
    }

    @Property(tries = 200)
    void report_roundTrips(@ForAll("reports") ReportRequest message) {
        assertThat(GausJson.decode(GausJson.encode(message), ReportRequest.class)).isEqualTo(message);
    }

    @Property(tries = 1000)
    void decodingArbitraryBytes_failsOnlyWithTheCodecException(@ForAll byte[] body) {
        for (Class<?> type : TYPES) {
            try {
                GausJson.decode(body, type);
            } catch (GausJsonException expected) {
                assertThat(expected.path()).startsWith("$");
            }
        }
    }

    @Property(tries = 1000)
    void decodingJsonLikeText_failsOnlyWithTheCodecException(@ForAll("jsonLike") String body) {
        for (Class<?> type : TYPES) {
            try {
                GausJson.decode(body.getBytes(StandardCharsets.UTF_8), type);
            } catch (GausJsonException expected) {
                assertThat(expected.path()).startsWith("$");
            }
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<AuthParameters> auth() {
        return Combinators.combine(text(), text()).as(AuthParameters::new);
    }

    @Provide
    Arbitrary<RegisterRequest> registerRequests() {
        Arbitrary<String> deviceIds = Arbitraries.strings().ofMinLength(1).ofMaxLength(128)
                .filter(s -> s.chars().noneMatch(Character::isISOControl));
        return Combinators.combine(deviceIds, auth()).as(RegisterRequest::new);
    }

    @Provide
    Arbitrary<RegisterResponse> registerResponses() {
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), auth()).as(RegisterResponse::new);
    }

    private Arbitrary<Map<String, String>> stringMaps() {
        return Arbitraries.maps(text(), text()).ofMaxSize(4);
    }

    @Provide
    Arbitrary<CheckForUpdatesResponse> checkForUpdates() {
        Arbitrary<Update> updates = Combinators.combine(text(), text(), text(), text(), text(),
                Arbitraries.longs().between(0, Long.MAX_VALUE), text(), stringMaps()).as(Update::new);
        Arbitrary<List<Update>> lists = updates.list().ofMaxSize(4).uniqueElements(Update::updateType);
        Arbitrary<Long> intervals = Arbitraries.longs().between(1, 1_000_000).injectNull(0.5);
        return Combinators.combine(lists, intervals).as(CheckForUpdatesResponse::new);
    }

    @Provide
    Arbitrary<ReportRequest> reports() {
        Arbitrary<Map<String, Long>> ints = Arbitraries.maps(text(), Arbitraries.longs()).ofMaxSize(3);
        Arbitrary<Map<String, Double>> floats = Arbitraries.maps(text(),
                Arbitraries.doubles().filter(Double::isFinite)).ofMaxSize(3);
        Arbitrary<DataItem> items = Combinators.combine(text(), text(), stringMaps().injectNull(0.3),
                ints.injectNull(0.3), floats.injectNull(0.3), text().injectNull(0.5), stringMaps().injectNull(0.5))
                .as(DataItem::new);
        Arbitrary<ReportHeader> headers = Combinators.combine(Arbitraries.longs().injectNull(0.3), text(),
                stringMaps().injectNull(0.5)).as(ReportHeader::new);
        return Combinators.combine(text(), headers, items.list().ofMaxSize(5)).as(ReportRequest::new);
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ abtrufnlsx\\")
                .ofMaxLength(60)
                .map(s -> "{\"deviceId\":" + s);
    }
}
