package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {
    private final TemplateMiner miner = new TemplateMiner(TemplateMiner.DEFAULT_SIMILARITY, 1000);
    private final TemplateMiner.MapStore store = new TemplateMiner.MapStore();
    private long now;

    private TemplateMiner.Template match(String message) throws Exception {
        String normalized = MessageNormalizer.normalize(message);
        return miner.match(store, "E", normalized, normalized, ++now);
    }

    @Test
    void valuesBecomeVariablesAtOnceInAnyPosition() throws Exception {
        TemplateMiner.Template first = match("iar 003a90fc dear 00b360e8");
        // <hex> against <num> in the same place: both values, one template
        TemplateMiner.Template second = match("iar 00106210 dear 0244c1dc");
        assertThat(second.id).isEqualTo(first.id);
        assertThat(second.text()).isEqualTo("iar <*> dear <hex>");
        assertThat(match("synchronized to 10.100.20.250, stratum 3").id)
                .isEqualTo(match("synchronized to LOCAL(0), stratum 10").id);
        assertThat(match("<*> prefix 42 here").id).isNotNull();
    }

    @Test
    void aRepeatedWordBecomesAVariableOnlyOnceAThirdValueIsSeen() throws Exception {
        TemplateMiner.Template spp = match("Session: 30546174_4261722401 initialized by client SPP.");
        assertThat(match("Session: 30546174_4261722404 initialized by client SPP.").id)
                .isEqualTo(spp.id);
        TemplateMiner.Template wua = match("Session: 30546174_4261722402 initialized by client WindowsUpdateAgent.");
        assertThat(wua.id)
                .as("after a word repeated, a second one is as often a second constant")
                .isNotEqualTo(spp.id);
        assertThat(match("Session: 30546174_4261722403 initialized by client SPP.").id)
                .isEqualTo(spp.id);

        List<String> users = new ArrayList<>();
        for (String user : List.of("alice", "alice", "bob", "carol", "dave"))
            users.add(match("session opened for user " + user + " by root").id);
        assertThat(users.get(2)).isNotEqualTo(users.get(0));
        assertThat(users.get(3))
                .as("the third user name makes the place a variable, under the first one's ID")
                .isEqualTo(users.get(0));
        assertThat(users.get(4)).isEqualTo(users.get(0));
        assertThat(match("session opened for user bob by root").id).isEqualTo(users.get(0));
        assertThat(store.bucket(
                        TemplateMiner.bucketKey("E", TemplateMiner.tokens("session opened for user x by root"))))
                .extracting(TemplateMiner.Template::text)
                .containsExactly("session opened for user <*> by root");
    }

    @Test
    void aWordSeenOnceBecomesAVariableAtTheSecondValue() throws Exception {
        // a name per line (Good-Turing: after one message, the next value is new): no stray second group
        String first = match("Invalid user admin from 203.0.113.9 port 40022").id;
        TemplateMiner.Template second = match("Invalid user oracle from 203.0.113.9 port 40023");
        assertThat(second.id).isEqualTo(first);
        assertThat(second.text()).isEqualTo("Invalid user <*> from <num> port <num>");
        // two words differing from a message seen once are two templates, not one with two variables
        String renew = match("Client attempting to renew session 0x14f05578bf40000 at /10.10.34.11:53040").id;
        assertThat(match("Client attempting to establish new session at /10.10.34.13:37177").id)
                .isNotEqualTo(renew);
    }

    @Test
    void messagesOfOtherLengthsOrTooDifferentStayApart() throws Exception {
        String a = match("connection refused by upstream 10.0.0.1").id;
        assertThat(match("connection refused by upstream 10.0.0.2 after retry").id)
                .isNotEqualTo(a);
        assertThat(match("cache miss for key 77 in region").id).isNotEqualTo(a);
        assertThat(match("connection refused by upstream 10.0.0.3").id).isEqualTo(a);
    }

    @Test
    void aTemplatesIdIsTheHashOfItsFirstMessagesKey() throws Exception {
        // the ID the message rule gave before templates existed, so an upgrade keeps every group's ID
        TemplateMiner.Template t =
                miner.match(store, "E", "disk <path> full", "message\u0000svc\u0000E\u0000disk <path> full", 1);
        assertThat(t.id)
                .isEqualTo(String.format(
                        "%016x",
                        dev.vigil.schema.parse.ContentHash.hash64("message\u0000svc\u0000E\u0000disk <path> full")));
    }

    @Test
    void atTheCapTheLeastRecentlySeenTemplateIsEvicted() throws Exception {
        TemplateMiner small = new TemplateMiner(TemplateMiner.DEFAULT_SIMILARITY, 3);
        TemplateMiner.MapStore s = new TemplateMiner.MapStore();
        String alpha = small.match(s, "E", "alpha failed", "alpha failed", 1).id;
        small.match(s, "E", "beta stopped unexpectedly", "beta stopped unexpectedly", 2);
        small.match(s, "E", "gamma is gone now", "gamma is gone now", 3);
        small.match(s, "E", "alpha failed", "alpha failed", 4); // alpha seen again: beta is now the oldest
        small.match(s, "E", "delta never started at all", "delta never started at all", 5);
        assertThat(s.count()).isEqualTo(3);
        List<String> texts = new ArrayList<>();
        for (var b : s.buckets()) for (TemplateMiner.Template t : b.getValue()) texts.add(t.text());
        assertThat(texts).containsExactlyInAnyOrder("alpha failed", "gamma is gone now", "delta never started at all");
        assertThat(small.match(s, "E", "alpha failed", "alpha failed", 6).id).isEqualTo(alpha);
    }

    @Test
    void aVaryingFirstWordBecomesAVariableOnceAThirdIsSeenWithTheSameRest() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String user : List.of("alice", "alice", "bob", "carol", "dave"))
            ids.add(match(user + " logged in from console").id);
        assertThat(ids.get(2))
                .as("after a repeated first word, a second is as often a constant")
                .isNotEqualTo(ids.get(0));
        assertThat(ids.get(3))
                .as("the third first word, under the first one's ID")
                .isEqualTo(ids.get(0));
        assertThat(ids.get(4)).isEqualTo(ids.get(0));
        assertThat(match("bob logged in from console").text()).isEqualTo("<*> logged in from console");

        assertThat(store.count()).isEqualTo(1);

        // a program name before a long message; the rest's own variables are kept
        List<String> programs = new ArrayList<>();
        for (String program : List.of("chrome.exe", "outlook.exe", "Teams.exe"))
            programs.add(
                    match(program + " - proxy.example.org:5070 close, 1190 bytes (1.16 KB) sent, lifetime 00:01").id);
        assertThat(programs).as("the first seen once: a variable at the second").containsOnly(programs.get(0));
        assertThat(match("svchost.exe - login.example.net:443 close, 90 bytes (0.09 KB) sent, lifetime 00:02")
                        .text())
                .isEqualTo("<*> - <id> close, <num> bytes (<num> KB) sent, lifetime <num>");
    }

    @Test
    void aTemplateMergedFromFirstWordsCountsAsSeenManyTimes() throws Exception {
        for (String user : List.of("alice", "alice", "bob")) match(user + " logged in from console");
        String merged = match("carol logged in from console").id;
        assertThat(match("erin logged in from terminal").id)
                .as("another word differing from a merged template waits for a third value")
                .isNotEqualTo(merged);
    }

    @Test
    void aShortMessagesFirstWordStaysAConstant() throws Exception {
        // the verb of a short message is what it says: fewer than three constant words after it
        List<String> ids = new ArrayList<>();
        for (String verb : List.of("halt", "boot", "reboot", "shutdown")) ids.add(match(verb + " (command 2938)").id);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(store.count()).isEqualTo(4);
    }
}
