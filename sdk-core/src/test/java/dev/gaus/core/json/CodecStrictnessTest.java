package dev.gaus.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportRequest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the codec refuses, and how it names the problem. */
class CodecStrictnessTest {
    private static final String SECRET = "s3cr3t-value-never-echoed";

    private static GausJsonException refused(String body, Class<?> type) {
        Throwable thrown = Assertions.catchThrowable(() -> GausJson.decode(body, type));
        assertThat(thrown).isInstanceOf(GausJsonException.class);
        assertThat(thrown.getMessage()).doesNotContain(SECRET);
        return (GausJsonException) thrown;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | hello " + SECRET + "|$",
        "truncated | {\"deviceId\":\"" + SECRET + "|$",
        "array | [1,2]|$",
        "string | \"" + SECRET + "\"|$",
        "null | null|$",
        "number | 42|$",
        "trailing content | {\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}} {}|$",
        "single quotes | {'deviceId':'d'}|$",
        "comment | /* c */ {}|$",
        "bad escape | {\"deviceId\":\"\\q" + SECRET + "\"}|$",
    })
    void register_whenBodyIsNotOneJsonObject_isRefusedAtTheRoot(String name, String body, String path) {
        assertThat(refused(body, RegisterRequest.class).path()).isEqualTo(path);
    }

    @Test
    void decode_whenBodyIsEmpty_saysSo() {
        assertThat(refused("", RegisterRequest.class).problem()).contains("empty body");
        assertThatThrownBy(() -> GausJson.decode((byte[]) null, RegisterRequest.class))
                .isInstanceOf(GausJsonException.class);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "{\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|is required",
        "{\"deviceId\":\"\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|must not be empty",
        "{\"deviceId\":null,\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|is required",
        "{\"deviceId\":7,\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|expected a string, found an integer",
        "{\"deviceId\":{},\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|expected a string, found an object",
        "{\"deviceId\":\"d\"}|$.productAuthParameters|is required",
        "{\"deviceId\":\"d\",\"productAuthParameters\":\"x\"}|$.productAuthParameters|expected an object, found a string",
        "{\"deviceId\":\"d\",\"productAuthParameters\":[]}|$.productAuthParameters|expected an object, found an array",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\"}}|$.productAuthParameters.secretKey|is required",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"\",\"secretKey\":\"b\"}}|$.productAuthParameters.accessKey|must not be empty",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":true}}|$.productAuthParameters.secretKey|expected a string, found a boolean",
        "{\"deviceId\":\"d\\u0007\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.deviceId|must not hold control characters",
    })
    void register_whenAFieldIsWrong_namesItsPath(String body, String path, String problem) {
        GausJsonException e = refused(body, RegisterRequest.class);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).isEqualTo(problem);
    }

    @Test
    void register_whenDeviceIdIsLongerThan128Characters_isRefused() {
        String ok = "x".repeat(128);
        String tooLong = "x".repeat(129);
        String template = "{\"deviceId\":\"%s\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}";

        assertThat(GausJson.decode(String.format(template, ok), RegisterRequest.class).deviceId()).isEqualTo(ok);
        assertThat(refused(String.format(template, tooLong), RegisterRequest.class).path()).isEqualTo("$.deviceId");
    }

    @Test
    void register_whenAKeyIsDuplicated_isRefusedWithItsPath() {
        GausJsonException top = refused("{\"deviceId\":\"a\",\"deviceId\":\"b\"}", RegisterRequest.class);
        assertThat(top.problem()).isEqualTo("duplicate key");
        assertThat(top.path()).isEqualTo("$.deviceId");

        GausJsonException nested = refused("{\"deviceId\":\"a\",\"productAuthParameters\":"
                + "{\"secretKey\":\"" + SECRET + "\",\"secretKey\":\"" + SECRET + "\"}}", RegisterRequest.class);
        assertThat(nested.problem()).isEqualTo("duplicate key");
        assertThat(nested.path()).isEqualTo("$.productAuthParameters.secretKey");
    }

    @Test
    void decode_whenNestingIsTooDeep_isRefused() {
        String deep = "{\"x\":" + "[".repeat(GausJson.MAX_NESTING_DEPTH + 5) + "]".repeat(GausJson.MAX_NESTING_DEPTH + 5) + "}";
        assertThat(refused(deep, RegisterRequest.class).problem()).contains("limits");
    }

    @Test
    void decode_whenANumberOverflows_isRefused() {
        GausJsonException e = refused("{\"pollIntervalSeconds\":123456789012345678901234567890,"
                + "\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}", RegisterResponse.class);
        assertThat(e.path()).isEqualTo("$.pollIntervalSeconds");
        assertThat(e.problem()).contains("out of range");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.pollIntervalSeconds|is required",
        "{\"pollIntervalSeconds\":\"60\",\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.pollIntervalSeconds|expected an integer, found a string",
        "{\"pollIntervalSeconds\":1.5,\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.pollIntervalSeconds|expected an integer, found a decimal number",
        "{\"pollIntervalSeconds\":0,\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}|$.pollIntervalSeconds|must be positive",
        "{\"pollIntervalSeconds\":60}|$.deviceAuthParameters|is required",
    })
    void registerResponse_whenWrong_namesItsPath(String body, String path, String problem) {
        GausJsonException e = refused(body, RegisterResponse.class);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"header\":{\"ts\":\"t\"},\"data\":[]}|$.version|is required",
        "{\"version\":\"1\",\"data\":[]}|$.header|is required",
        "{\"version\":\"1\",\"header\":{},\"data\":[]}|$.header.ts|is required",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"}}|$.data|is required",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":{}}|$.data|expected an array, found an object",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"type\":\"event.x\",\"ts\":\"t\"},{\"ts\":\"t\"}]}|$.data[1].type|is required",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"type\":\"event.x\"}]}|$.data[0].ts|is required",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[7]}|$.data[0]|expected an object, found an integer",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"type\":\"m\",\"ts\":\"t\",\"v_ints\":{\"a\":1.5}}]}|$.data[0].v_ints.a|expected an integer, found a decimal number",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"type\":\"m\",\"ts\":\"t\",\"v_strings\":{\"a\":null}}]}|$.data[0].v_strings.a|expected a string, found null",
        "{\"version\":\"1\",\"header\":{\"ts\":\"t\",\"seqNo\":\"1\"},\"data\":[]}|$.header.seqNo|expected an integer, found a string",
    })
    void report_whenWrong_namesItsPath(String body, String path, String problem) {
        GausJsonException e = refused(body, ReportRequest.class);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).isEqualTo(problem);
    }

    @Test
    void checkForUpdates_whenTwoUpdatesShareAType_isRefused() {
        String update = "{\"updateId\":\"%s\",\"updateType\":\"firmware\",\"version\":\"1\",\"packageType\":\"file\","
                + "\"downloadUrl\":\"u\",\"size\":1,\"md5\":\"m\"}";
        String body = "{\"updates\":[" + String.format(update, "a") + "," + String.format(update, "b") + "]}";
        assertThat(refused(body, CheckForUpdatesResponse.class).path()).isEqualTo("$.updates");
    }

    @Test
    void unknownFields_areIgnoredAtEveryLevel() {
        RegisterRequest request = GausJson.decode("{\"future\":{\"deep\":[1,{\"x\":null}]},\"deviceId\":\"d\","
                + "\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\",\"hint\":3}}", RegisterRequest.class);
        assertThat(request.deviceId()).isEqualTo("d");
        assertThat(GausJson.decode("{\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"},\"x\":1}",
                AuthenticateRequest.class).deviceAuthParameters().accessKey()).isEqualTo("a");
    }

    @Test
    void pollInterval_isReadAsPollIntervalSeconds() {
        RegisterResponse response = GausJson.decode(
                "{\"pollInterval\":60,\"deviceAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}",
                RegisterResponse.class);
        assertThat(response.pollIntervalSeconds()).isEqualTo(60);
        assertThat(GausJson.decode("{\"updates\":[],\"pollInterval\":30}", CheckForUpdatesResponse.class)
                .pollIntervalSeconds()).isEqualTo(30L);
    }

    @Test
    void problem_decodesAnotherServersSparseBody() {
        Problem problem = GausJson.decode("{\"title\":\"Nope\",\"extra\":true}", Problem.class);
        assertThat(problem.title()).isEqualTo("Nope");
        assertThat(problem.status()).isZero();
        assertThat(GausJson.encodeToString(new Problem("about:blank", "Bad Request", 400, "d")))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"d\"}");
    }

    @Test
    void toString_neverShowsSecretsOrTokens() {
        RegisterRequest request = GausJson.decode("{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\","
                + "\"secretKey\":\"" + SECRET + "\"}}", RegisterRequest.class);
        assertThat(request.toString()).doesNotContain(SECRET).contains("redacted");
        assertThat(new dev.gaus.core.message.AuthenticateResponse("d", "p", SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void encode_whenGivenSomethingElse_isAProgrammingError() {
        assertThatThrownBy(() -> GausJson.encode("text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GausJson.decode("{}", String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
