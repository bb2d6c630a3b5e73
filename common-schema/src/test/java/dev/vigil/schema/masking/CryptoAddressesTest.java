package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Addresses from the specifications' and wikis' published examples (BIP-173, BIP-350, EIP-55, the Bitcoin wiki): found in
 * a line, and with any one character changed not found, since their checksums then fail.
 */
class CryptoAddressesTest {
    private static final List<String> BITCOIN = List.of(
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", // the genesis block's
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");
    private static final List<String> ETHEREUM = List.of(
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");

    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsPublishedAddressesInALine() {
        for (String address : concat(BITCOIN, ETHEREUM)) {
            assertKind("payout sent to " + address + ". ok", address);
            assertKind("{\"wallet\":\"" + address + "\"}", address);
        }
    }

    @Test
    void anAddressWithOneCharacterChangedIsNotOne() {
        int tried = 0;
        for (String address : BITCOIN) {
            boolean bech32 = address.regionMatches(true, 0, "bc1", 0, 3);
            String alphabet = bech32
                    ? (Character.isUpperCase(address.charAt(4))
                            ? "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
                            : "qpzry9x8gf2tvdw0s3jn54khce6mua7l")
                    : "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
            for (int i = bech32 ? 4 : 1; i < address.length(); i++) {
                char other = alphabet.charAt((alphabet.indexOf(address.charAt(i)) + 7) % alphabet.length());
                String changed = address.substring(0, i) + other + address.substring(i + 1);
                assertKind("payout sent to " + changed + " ok");
                tried++;
            }
        }
        assertThat(tried)
                .isEqualTo(BITCOIN.stream()
                        .mapToInt(a -> a.length() - (a.startsWith("1") || a.startsWith("3") ? 1 : 4))
                        .sum());
    }

    @Test
    void leavesLookAlikesAlone() {
        assertKind("mixed case bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 is no address");
        assertKind("tx 0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b mined; ptr 0x7ffd5e8c9a10");
        assertKind(
                "trace 1700000000000000000000000000 id 3000000000000000000000000000000001 bcrypt-1234567890123456789012345");
    }

    private void assertKind(String text, String... addresses) {
        assertThat(ScannedSpans.of(scanner, text, PiiKind.CRYPTO_ADDRESS))
                .as(text)
                .containsExactly(addresses);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
