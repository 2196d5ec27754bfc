/**
 * The GAUS reference server. Only {@code dev.gaus.server} is public; everything else is internal.
 */
module dev.gaus.server {
    requires dev.gaus.core;
    requires com.fasterxml.jackson.core;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.alpn.server;
    requires org.eclipse.jetty.http2.server;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.slf4j;
    requires com.nimbusds.jose.jwt;
    requires info.picocli;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;

    exports dev.gaus.server;
    opens dev.gaus.server.internal.cli to info.picocli;
}
