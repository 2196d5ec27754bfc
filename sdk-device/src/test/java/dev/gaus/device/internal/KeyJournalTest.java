package dev.gaus.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioning journal: what a killed run leaves is taken up, and only for the same server and product. */
class KeyJournalTest {
    private static final String URL = "http://gaus.example:8080";
    private static final String K1 = "11111111-1111-4111-8111-111111111111";
    private static final String K2 = "22222222-2222-4222-8222-222222222222";
    private static final String K3 = "33333333-3333-4333-8333-333333333333";

    @TempDir
    Path dir;

    @Test
    void journal_keepsKeysAcrossRuns_theFirstKeyOfAFileWinning() {
        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            journal.append(List.of(new KeyJournal.Entry(K1, "a.data"), new KeyJournal.Entry(K2, "b.data")));
            journal.append(List.of(new KeyJournal.Entry(K3, "a.data")));
        }
        try (KeyJournal again = KeyJournal.open(dir, URL, "product-1")) {
            assertThat(again.key("a.data")).isEqualTo(K1);
            assertThat(again.key("b.data")).isEqualTo(K2);
            assertThat(again.key("c.data")).isNull();
        }
    }

    @Test
    void journal_ofAnotherServerOrProduct_isStartedAfresh() {
        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            journal.append(List.of(new KeyJournal.Entry(K1, "a.data")));
        }
        try (KeyJournal other = KeyJournal.open(dir, URL, "product-2")) {
            assertThat(other.key("a.data")).isNull();
        }
        try (KeyJournal other = KeyJournal.open(dir, "http://elsewhere", "product-2")) {
            assertThat(other.key("a.data")).isNull();
        }
    }

    @Test
    void journal_cutShortByACrash_dropsTheTornLine_andAppendsAfterTheWholeOnes() throws Exception {
        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            journal.append(List.of(new KeyJournal.Entry(K1, "a.data")));
        }
        Path file = dir.resolve(KeyJournal.NAME);
        // A write cut in the middle of its line: "b-1" of "b-12.data" must not take the key.
        Files.write(file, (K2 + " b-1").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            assertThat(journal.key("a.data")).isEqualTo(K1);
            assertThat(journal.key("b-1")).isNull();
            journal.append(List.of(new KeyJournal.Entry(K3, "c.data")));
        }
        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            assertThat(journal.key("c.data")).isEqualTo(K3);
        }
        assertThat(Files.readString(file)).doesNotContain("b-1");
    }

    @Test
    void journal_ignoresLinesThatAreNotEntries() throws Exception {
        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            journal.append(List.of(new KeyJournal.Entry(K1, "a.data")));
        }
        Files.write(dir.resolve(KeyJournal.NAME), ("\0\0\0\nnot a key b.data\n" + K2 + " c.data\n")
                .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        try (KeyJournal journal = KeyJournal.open(dir, URL, "product-1")) {
            assertThat(journal.key("a.data")).isEqualTo(K1);
            assertThat(journal.key("b.data")).isNull();
            assertThat(journal.key("c.data")).isEqualTo(K2);
        }
    }

    @Test
    void journal_deleted_isGone() {
        KeyJournal journal = KeyJournal.open(dir, URL, "product-1");
        journal.delete();
        assertThat(dir.resolve(KeyJournal.NAME)).doesNotExist();
    }
}
