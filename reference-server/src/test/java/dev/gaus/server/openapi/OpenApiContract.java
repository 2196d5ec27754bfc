package dev.gaus.server.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks real exchanges with the server against {@code docs/openapi.yaml}: the request against
 * the operation's parameters, security and body, the answer against the declared status, its
 * headers and its body schema. swagger-parser reads the document's structure; the
 * json-schema-validator library (OpenAPI 3.1 dialect) checks every value against the schema
 * the document gives for it. A failure lists the validator's messages. They name the operation
 * by its path template (not the path sent) and the JSON paths, parameters and headers that
 * differ with what the document expects there, never the value received: no token, key or
 * download token reaches the test output.
 */
public final class OpenApiContract {
    /** The document, from the module's directory (where Maven runs the tests). */
    public static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    /** The document's answer for a path it does not list ("Any path not listed here is 404"). */
    private static final String UNLISTED_PATH_RESPONSE = "#/components/responses/NotFound";

    private final OpenAPI api;
    private final DocumentSchemas schemas;
    private final List<Route> routes = new ArrayList<>();

    /** A value of the document and the JSON pointer of where it stands, for its schemas. */
    private record At<T>(T value, String pointer) {
        At<T> resolve(Map<String, T> components, String ref) {
            return ref == null ? this : new At<>(components.get(ref.substring(ref.lastIndexOf('/') + 1)), ref);
        }
    }

    private record Route(String template, Pattern pattern, List<String> names, PathItem item) {}

    /** What the document says of one exchange: what is wrong with the request and with the answer. */
    public record Verdict(String exchange, List<String> request, List<String> response) {
        @Override
        public String toString() {
            return exchange + "\n  request: " + (request.isEmpty() ? "conforms" : String.join("\n    ", request))
                    + "\n  answer: " + (response.isEmpty() ? "conforms" : String.join("\n    ", response));
        }
    }

    private OpenApiContract(Path document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(document.toAbsolutePath().normalize().toString(),
                null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new IllegalArgumentException(document + " does not parse: " + parsed.getMessages());
        }
        this.api = parsed.getOpenAPI();
        this.schemas = new DocumentSchemas(document);
        api.getPaths().forEach((template, item) -> {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}|[^{]+").matcher(template);
            StringBuilder regex = new StringBuilder();
            while (m.find()) {
                if (m.group(1) != null) {
                    names.add(m.group(1));
                    regex.append("([^/]+)");
                } else {
                    regex.append(Pattern.quote(m.group()));
                }
            }
            routes.add(new Route(template, Pattern.compile(regex.toString()), names, item));
        });
    }

    public static OpenApiContract load() {
        return load(DOCUMENT);
    }

    public static OpenApiContract load(Path document) {
        return new OpenApiContract(document);
    }

    /** Fails unless both the request sent and the answer received conform to the document. */
    public Verdict assertConforms(HttpResponse<?> response) {
        Verdict verdict = check(response);
        if (!verdict.request().isEmpty() || !verdict.response().isEmpty()) {
            throw new AssertionError("the exchange differs from " + DOCUMENT.getFileName() + ":\n" + verdict);
        }
        return verdict;
    }

    /**
     * Fails unless the document refuses the request too (the test sent it wrong on purpose) and
     * the answer is one the document declares for it.
     */
    public Verdict assertRefusedAsDocumented(HttpResponse<?> response) {
        Verdict verdict = check(response);
        if (verdict.request().isEmpty()) {
            throw new AssertionError("the document allows this request, so its answer shows no refusal:\n" + verdict);
        }
        if (!verdict.response().isEmpty()) {
            throw new AssertionError("the answer to a refused request differs from " + DOCUMENT.getFileName() + ":\n"
                    + verdict);
        }
        return verdict;
    }

    public Verdict check(HttpResponse<?> response) {
        SentExchange x = SentExchange.of(response);
        List<String> request = new ArrayList<>();
        Optional<Route> route = routes.stream().filter(r -> r.pattern().matcher(x.path()).matches()).findFirst();
        At<ApiResponse> answer;
        String name;
        if (route.isEmpty()) {
            name = x.method() + " (a path the document does not list) -> " + x.status();
            request.add("no path of the document matches");
            answer = expected(x.status(), Map.of("404", new ApiResponse().$ref(UNLISTED_PATH_RESPONSE)), "");
        } else {
            PathItem item = route.get().item();
            String itemPointer = "#/paths/" + escape(route.get().template());
            Operation operation = item.readOperationsMap().entrySet().stream()
                    .filter(e -> e.getKey().name().equals(x.method())).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
            name = x.method() + " " + route.get().template() + " -> " + x.status();
            if (operation == null) {
                // The document gives a path's other methods the 405 its operations declare.
                request.add(x.method() + " is not an operation of this path");
                answer = item.readOperationsMap().entrySet().stream()
                        .filter(e -> e.getValue().getResponses().containsKey("405")).findFirst()
                        .map(e -> expected(x.status(), Map.of("405", e.getValue().getResponses().get("405")),
                                itemPointer + "/" + e.getKey().name().toLowerCase(Locale.ROOT) + "/responses"))
                        .orElse(null);
            } else {
                String operationPointer = itemPointer + "/" + x.method().toLowerCase(Locale.ROOT);
                checkRequest(x, route.get(), operation, operationPointer, request);
                answer = expected(x.status(), operation.getResponses(), operationPointer + "/responses");
            }
        }
        List<String> problems = new ArrayList<>();
        if (answer == null || answer.value() == null) {
            problems.add("status " + x.status() + " is not declared for this request");
        } else {
            checkResponse(x, answer, problems);
        }
        return new Verdict(name, List.copyOf(request), List.copyOf(problems));
    }

    private At<ApiResponse> expected(int status, Map<String, ApiResponse> declared, String pointer) {
        String exact = Integer.toString(status);
        String range = exact.charAt(0) + "XX";
        for (String key : List.of(exact, range, "default")) {
            if (declared.containsKey(key)) {
                At<ApiResponse> at = new At<>(declared.get(key), pointer + "/" + key);
                return at.resolve(components().getResponses(), at.value().get$ref());
            }
        }
        return null;
    }

    private void checkRequest(SentExchange x, Route route, Operation operation, String pointer, List<String> out) {
        checkSecurity(x, operation, out);
        Map<String, At<Parameter>> parameters = new LinkedHashMap<>();
        String itemPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        addParameters(route.item().getParameters(), itemPointer + "/parameters", parameters);
        addParameters(operation.getParameters(), pointer + "/parameters", parameters);
        Matcher path = route.pattern().matcher(x.path());
        path.matches();
        for (At<Parameter> at : parameters.values()) {
            Parameter p = at.value();
            if (p.getIn().equals("query") && Values.isObject(p.getSchema())) {
                continue; // a free-form object of strings (form, exploded): every query is one
            }
            Optional<String> value = switch (p.getIn()) {
                case "path" -> Optional.of(decode(path.group(route.names().indexOf(p.getName()) + 1)));
                case "header" -> x.requestHeader(p.getName());
                case "query" -> x.queryParameter(p.getName()).map(OpenApiContract::decode);
                default -> Optional.empty();
            };
            String where = "parameter " + p.getName() + " (" + p.getIn() + ")";
            if (value.isEmpty()) {
                if (Boolean.TRUE.equals(p.getRequired())) {
                    out.add(where + " is required and missing");
                }
            } else if (p.getSchema() != null) {
                out.addAll(schemas.check(schemaPointer(p.getSchema(), at.pointer() + "/schema"),
                        Values.scalar(p.getSchema(), value.get()), where));
            }
        }
        checkRequestBody(x, operation, pointer, out);
    }

    private void addParameters(List<Parameter> declared, String pointer, Map<String, At<Parameter>> into) {
        if (declared == null) {
            return;
        }
        for (int i = 0; i < declared.size(); i++) {
            At<Parameter> at = new At<>(declared.get(i), pointer + "/" + i);
            at = at.resolve(components().getParameters(), at.value().get$ref());
            into.put(at.value().getIn() + ":" + at.value().getName().toLowerCase(Locale.ROOT), at);
        }
    }

    private void checkSecurity(SentExchange x, Operation operation, List<String> out) {
        List<SecurityRequirement> requirements = operation.getSecurity() != null ? operation.getSecurity()
                : api.getSecurity();
        if (requirements == null || requirements.isEmpty() || requirements.stream().anyMatch(Map::isEmpty)) {
            return;
        }
        List<String> unmet = new ArrayList<>();
        for (SecurityRequirement requirement : requirements) {
            List<String> missing = requirement.keySet().stream().filter(s -> !satisfied(x, s)).toList();
            if (missing.isEmpty()) {
                return;
            }
            unmet.addAll(missing);
        }
        out.add("security " + unmet + ": no credentials of the required scheme were sent");
    }

    private boolean satisfied(SentExchange x, String schemeName) {
        SecurityScheme scheme = components().getSecuritySchemes().get(schemeName);
        if (scheme.getType() == SecurityScheme.Type.HTTP) {
            String prefix = scheme.getScheme().toLowerCase(Locale.ROOT) + " ";
            return x.requestHeader("Authorization")
                    .filter(v -> v.toLowerCase(Locale.ROOT).startsWith(prefix) && !v.substring(prefix.length()).isBlank())
                    .isPresent();
        }
        if (scheme.getType() == SecurityScheme.Type.APIKEY && scheme.getIn() == SecurityScheme.In.HEADER) {
            return x.requestHeader(scheme.getName()).isPresent();
        }
        throw new IllegalStateException("security scheme " + schemeName + " is not checked by this fixture");
    }

    private void checkRequestBody(SentExchange x, Operation operation, String pointer, List<String> out) {
        if (operation.getRequestBody() == null) {
            return;
        }
        At<RequestBody> body = new At<>(operation.getRequestBody(), pointer + "/requestBody");
        body = body.resolve(components().getRequestBodies(), body.value().get$ref());
        if (x.requestBody().length == 0) {
            if (Boolean.TRUE.equals(body.value().getRequired())) {
                out.add("body is required and missing");
            }
            return;
        }
        checkContent(x.requestHeader("Content-Type"), x.requestBody(), body.value().getContent(),
                body.pointer() + "/content", "body", out);
    }

    private void checkResponse(SentExchange x, At<ApiResponse> answer, List<String> out) {
        Map<String, Header> headers = answer.value().getHeaders() == null ? Map.of() : answer.value().getHeaders();
        headers.forEach((headerName, declared) -> {
            if (headerName.equalsIgnoreCase("Content-Type")) {
                return; // OpenAPI ignores a declaration of Content-Type; the content map says it
            }
            At<Header> at = new At<>(declared, answer.pointer() + "/headers/" + escape(headerName));
            at = at.resolve(components().getHeaders(), declared.get$ref());
            Optional<String> value = x.responseHeader(headerName);
            String where = "header " + headerName;
            if (value.isEmpty()) {
                if (Boolean.TRUE.equals(at.value().getRequired())) {
                    out.add(where + " is required and missing");
                }
            } else if (x.responseHeaderValues(headerName).size() > 1) {
                out.add(where + " is sent " + x.responseHeaderValues(headerName).size() + " times");
            } else if (at.value().getSchema() != null) {
                out.addAll(schemas.check(schemaPointer(at.value().getSchema(), at.pointer() + "/schema"),
                        Values.scalar(at.value().getSchema(), value.get()), where));
            }
        });
        if (x.method().equals("HEAD")) {
            return; // an answer to HEAD has no body, whatever content GET would have
        }
        Content content = answer.value().getContent();
        if (content == null || content.isEmpty()) {
            if (x.responseBody().length > 0) {
                out.add("body of " + x.responseBody().length + " bytes where the document declares none");
            }
            return;
        }
        checkContent(x.responseHeader("Content-Type"), x.responseBody(), content, answer.pointer() + "/content",
                "body", out);
    }

    private void checkContent(Optional<String> contentType, byte[] body, Content declared, String pointer,
            String where, List<String> out) {
        if (declared == null || declared.isEmpty()) {
            out.add(where + " sent where the document declares none");
            return;
        }
        if (contentType.isEmpty()) {
            out.add(where + " has no Content-Type; the document declares " + declared.keySet());
            return;
        }
        String type = Values.mediaType(contentType.get());
        Optional<String> key = declared.keySet().stream().filter(k -> Values.mediaTypeMatches(k, type))
                .max((a, b) -> Integer.compare(Values.specificity(a), Values.specificity(b)));
        if (key.isEmpty()) {
            out.add(where + " Content-Type " + type + " is not one of " + declared.keySet());
            return;
        }
        MediaType media = declared.get(key.get());
        if (media.getSchema() == null) {
            return; // e.g. application/octet-stream: any bytes
        }
        if (!Values.isJson(type)) {
            out.add(where + " of type " + type + " has a schema this fixture cannot check");
            return;
        }
        Optional<JsonNode> json = Values.json(body);
        if (json.isEmpty()) {
            out.add(where + " is not one JSON value");
            return;
        }
        out.addAll(schemas.check(schemaPointer(media.getSchema(), pointer + "/" + escape(key.get()) + "/schema"),
                json.get(), where));
    }

    /** The schema's {@code $ref} when it has one, else where it stands. */
    private static String schemaPointer(Schema<?> schema, String here) {
        return schema.get$ref() != null ? schema.get$ref() : here;
    }

    private Components components() {
        return api.getComponents();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8); // in a URI, + is a plus
    }

    /** A JSON pointer segment (RFC 6901) in a URI fragment. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }
}
