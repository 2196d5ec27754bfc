package dev.gaus.server.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: {@code docs/openapi.yaml}, packed into the jar at build time, as
 * JSON. The YAML stays the one document people edit; it is converted once, on first request.
 */
final class OpenApiEndpoint implements Endpoint {
    static final String PATH = "/openapi.json";
    static final String RESOURCE = "/openapi/openapi.yaml";

    private volatile byte[] json;

    @Override
    public Reply handle(Exchange exchange) {
        byte[] body = json;
        if (body == null) {
            body = json = convert();
        }
        return Reply.json(body).header("Cache-Control", "public, max-age=3600");
    }

    /** Copies the YAML token by token into JSON; no object model, so no databind at run time. */
    static byte[] convert() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not in the jar");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try (JsonParser yaml = new YAMLFactory().createParser(in);
                    JsonGenerator generator = new JsonFactory().createGenerator(out)) {
                yaml.nextToken();
                generator.copyCurrentStructure(yaml);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document: " + e.getMessage(), e);
        }
    }
}
