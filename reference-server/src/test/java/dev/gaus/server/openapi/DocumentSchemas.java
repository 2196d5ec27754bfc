package dev.gaus.server.openapi;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The schemas of an OpenAPI 3.1 document, each named by its JSON pointer in the document, checked
 * by the validator library with the OpenAPI 3.1 dialect. Pointers rather than copies: a value is
 * checked against the document's own text, {@code $ref}s and all.
 */
final class DocumentSchemas {
    private final String documentIri;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    DocumentSchemas(Path document) {
        this.documentIri = document.toAbsolutePath().normalize().toUri().toString();
        // The OpenAPI 3.1 base dialect, with formats asserted (uuid, uri) and the OpenAPI integer
        // formats the document uses, so a 64-bit field that overflows is reported too.
        Dialect dialect = Dialect.builder(Dialects.getOpenApi31())
                .format(new IntegerFormat("int32", Integer.MIN_VALUE, Integer.MAX_VALUE))
                .format(new IntegerFormat("int64", Long.MIN_VALUE, Long.MAX_VALUE))
                // The document's own mark of Decided-here rules: prose for readers, not a constraint.
                .keyword(new NonValidationKeyword("x-gaus-decided-here"))
                .build();
        // The library reads no files by itself: it is handed the document, as JSON, under its IRI.
        String json = new YAMLMapper().readTree(document.toFile()).toString();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemas(Map.of(documentIri, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_PATH) // as the server's problem details name fields
                        .build()));
    }

    /**
     * The validator's messages for {@code value} against the schema at {@code pointer} (a
     * {@code #/...} reference), each prefixed with {@code where}; empty when it conforms. The
     * messages name JSON paths and the schema's expectations, never the value itself.
     */
    List<String> check(String pointer, JsonNode value, String where) {
        Schema schema = compiled.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(documentIri + p)));
        List<Error> errors = schema.validate(value);
        return errors.stream().map(e -> where + " " + e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** OpenAPI's {@code int32} and {@code int64}: an integer within the range. */
    private record IntegerFormat(String name, long min, long max) implements Format {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean matches(ExecutionContext context, SchemaContext schemaContext, JsonNode value) {
            if (!value.isIntegralNumber()) {
                return true; // the type keyword reports other kinds of values
            }
            return value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max;
        }
    }
}
