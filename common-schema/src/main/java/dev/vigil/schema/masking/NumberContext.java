package dev.vigil.schema.masking;

/**
 * The word just before a number, when it says the number is an identifier: "order 4111...",
 * "invoice #...", "Bestellung ...", "tracking: ...". Order and invoice numbers pass Luhn one time in
 * ten; a card number is not written after these words. Looks back at most 32 characters.
 */
final class NumberContext {
    private static final String[] IDENTIFIER_WORDS = {
        "order",
        "orders",
        "invoice",
        "invoices",
        "bestellung",
        "auftrag",
        "rechnung",
        "pedido",
        "commande",
        "facture",
        "ordine",
        "fattura",
        "tracking",
        "shipment",
        "parcel",
        "ticket",
        "reference",
        "ref",
        "sku",
        "isbn",
        "ean",
        "gtin",
        "sequence",
        "seq",
        "offset",
        "build",
        "commit",
        "serial",
        "imei",
        "account",
        "customer",
        "user",
        "uid",
        "pid",
        "port",
        "id",
        "no",
        "nr",
        "number"
    };

    private NumberContext() {}

    static boolean namesAnIdentifier(String s, int numberStart) {
        int p = numberStart - 1;
        int stop = Math.max(0, numberStart - 32);
        // step back over what usually sits between a word and its number: spaces, '#', ':', '=', '"', '(' and "No."
        while (p >= stop && " #:=\"'(-_.".indexOf(s.charAt(p)) >= 0) p--;
        int end = p + 1;
        while (p >= stop && Character.isLetter(s.charAt(p))) p--;
        int start = p + 1;
        if (start == end) return false;
        if (s.charAt(start) >= 0x3000) return cjkOrderWord(s, start, end);
        for (String w : IDENTIFIER_WORDS) {
            if (end - start == w.length() && s.regionMatches(true, start, w, 0, w.length())) {
                // "card number 4111 ..." names the card itself
                return !(w.equals("number") || w.equals("no") || w.equals("nr")) || !precededByCard(s, start);
            }
        }
        return false;
    }

    /** Name parts that make a key a phone number's: {@code phone}, {@code mobile_number}, {@code msisdn}, {@code telefono}. */
    private static final String[] PHONE_PARTS = {
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "msisdn",
        "fax",
        "telefon",
        "telefono",
        "telefone",
        "handy",
        "phonenumber",
        "mobilenumber",
        // the words for a phone and its number in the languages logs are most often written in
        "telefonnummer",
        "rufnummer",
        "handynummer",
        "mobilnummer",
        "teléfono",
        "celular",
        "móvil",
        "movil",
        "cellulare",
        "telemóvel",
        "telefoon",
        "gsm",
        "telefonu",
        "telefoonnummer",
        "mobil",
        "mobiltelefon",
        "tlf", // Danish and Norwegian
        "puhelin", // Finnish
        "puhelinnumero",
        "telefonszám", // Hungarian
        "telefonní", // Czech and Slovak: telefonní číslo, telefónne číslo
        "telefónne",
        "telefonas", // Lithuanian
        "tālrunis", // Latvian
        "τηλέφωνο", // Greek
        // Russian and Ukrainian (телефон, тел., мобильный, моб., сотовый), Hindi (फ़ोन, फोन, मोबाइल)
        "телефон",
        "тел",
        "мобильный",
        "моб",
        "сотовый",
        "мобільний",
        "फ़ोन",
        "फोन",
        "मोबाइल"
    };
    /** Parts that make such a key describe the number rather than hold it: phone_verified, phone_id, mobile_count. */
    private static final String[] NOT_THE_NUMBER = {
        "id",
        "count",
        "type",
        "verified",
        "country",
        "code",
        "prefix",
        "ext",
        "extension",
        "model",
        "os",
        "version",
        "hash",
        "len",
        "length"
    };

    /**
     * Whether the key just before a number names a phone number ({@code phone=4155552671}, {@code "phone_number":
     * "07700900123"}, {@code mobile: 0612345678}): then a run of digits without groups is one, whatever its plan.
     */
    static boolean namesAPhone(String s, int numberStart) {
        int p = numberStart - 1;
        int stop = Math.max(0, numberStart - 48);
        boolean assigned = false; // phone=, "phone": ... : a key's value, not "cell 1234567" in prose
        while (p >= stop && " :=\"'\uFF1A".indexOf(s.charAt(p)) >= 0) assigned |= s.charAt(p--) != ' ';
        if (!assigned) return false;
        int end = p + 1;
        while (p >= stop
                && (Character.isLetter(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == '-' || s.charAt(p) == '.'))
            p--;
        int start = p + 1;
        return start < end
                && SecretNames.hasPart(s, start, end, PHONE_PARTS)
                && !SecretNames.hasPart(s, start, end, NOT_THE_NUMBER);
    }

    /** Words before a dotted quad that numbers a release or an object, not a host. */
    private static final String[] VERSION_WORDS = {
        "version", "ver", "v", "release", "build", "kernel", "firmware", "fw", "rev", "revision", "oid", "patch"
    };

    /**
     * Whether a dotted quad at {@code start} is a version or an OID: after a word of {@link #VERSION_WORDS}
     * ({@code version 1.2.3.4}, {@code kernel=5.15.0.91}, {@code OID 1.3.6.1}) or a product's slash
     * ({@code Firefox/115.0.1.2}, not {@code http://10.0.0.1}).
     */
    static boolean namesAVersion(String s, int start) {
        if (start >= 2 && s.charAt(start - 1) == '/' && Character.isLetterOrDigit(s.charAt(start - 2))) return true;
        int p = start - 1;
        int stop = Math.max(0, start - 24);
        while (p >= stop && " :=\"'".indexOf(s.charAt(p)) >= 0) p--;
        int end = p + 1;
        while (p >= stop && Character.isLetter(s.charAt(p))) p--;
        int from = p + 1;
        if (from == end || (p >= 0 && Character.isLetterOrDigit(s.charAt(p)))) return false;
        for (String w : VERSION_WORDS) {
            if (end - from == w.length() && s.regionMatches(true, from, w, 0, w.length())) return true;
        }
        return false;
    }

    /** Words that say the digits after them are a phone number in prose, besides {@link #PHONE_PARTS}: "call me at". */
    private static final String[] PHONE_VERBS = {
        "call",
        "sms",
        "text",
        "whatsapp",
        "dial",
        "ring",
        "téléphone",
        "portable",
        // "call" as Spanish, Portuguese, French, German and Italian write it to someone: llámame al, ligue para
        "llama",
        "llame",
        "llámame",
        "llamame",
        "llamar",
        "ligue",
        "liga",
        "ligar",
        "appelle",
        "appelez",
        "appeler",
        "anrufen",
        "ruf",
        "chiama",
        "chiamami",
        "chiamare",
        // Russian and Ukrainian: позвоните (call), звоните, позвонить, телефонуйте
        "позвоните",
        "звоните",
        "позвонить",
        "телефонуйте"
    };
    /** Words between such a word and the number: "call me at", "sms sent to", "phone number:", "ligue para". */
    private static final String[] PHONE_FILLERS = {
        "me", "us", "at", "on", "to", "is", "number", "no", "nr", "sent", "via", "para", "al", "au", "an", "mich",
        "moi", "mi"
    };
    /** A phone in the Chinese, Japanese and Korean words written right before the digits: 我的手机号是13800138000. */
    private static final String[] CJK_PHONE_WORDS = {"电话", "電話", "手机", "手機", "携帯", "전화", "휴대폰", "핸드폰"};

    /** What {@link #phoneWordsBefore} found: a word of {@link #PHONE_PARTS} or {@link #PHONE_VERBS}, fillers between. */
    static final int PHONE_WORD = 1;

    /** A word of {@link #PHONE_PARTS} alone ("phone 555-0142", "Tel.: ", "cell") or a person's number ("my number is"). */
    static final int PHONE_NAMED = 2;

    /** A call asked for ("call me at", "text us on", "reach me at") or a number named a phone's ("contact number"). */
    static final int PHONE_ASKED = 4;

    /**
     * What the words before the digits at {@code numberStart} say about them, in one walk back over at most four words:
     * {@link #PHONE_WORD} when a phone's word or a call's verb comes first with at most three of {@link #PHONE_FILLERS}
     * between (then a run of digits without groups is offered to the number plans); {@link #PHONE_ASKED} or
     * {@link #PHONE_NAMED} as their words say, with at most two of "number", "no", "is", "at", "on" between. One look-up
     * per word: both walks ran before every number of seven digits or more and cost a tenth of a digit-heavy message.
     */
    static int phoneWordsBefore(String s, int numberStart) {
        int p = numberStart - 1;
        int stop = Math.max(0, numberStart - 48);
        boolean byWord = true; // the walk for PHONE_WORD goes on
        boolean byName = true; // the walk for PHONE_NAMED and PHONE_ASKED goes on
        boolean number = false;
        boolean me = false;
        int found = 0;
        for (int words = 0; words < 4 && (byWord || byName); words++) {
            while (p >= stop && " :=#.\"'(\uFF1A".indexOf(s.charAt(p)) >= 0) p--; // \uFF1A: CJK's full-width colon
            int end = p + 1;
            while (p >= stop && PiiScanner.isWordChar(s.charAt(p))) p--;
            int start = p + 1;
            if (start == end || (p >= 0 && Character.isLetterOrDigit(s.charAt(p)))) break;
            int kinds = ContextWords.kindsOf(s, start, end);
            if (byWord) {
                byWord = false;
                if ((kinds & (ContextWords.PART | ContextWords.VERB)) != 0
                        || (s.charAt(end - 1) >= 0x3000 && cjkPhoneWord(s, start, end))) found |= PHONE_WORD;
                else byWord = (kinds & ContextWords.FILLER) != 0;
            }
            if (byName) {
                byName = false;
                if ((kinds & ContextWords.PART) != 0) found |= number ? PHONE_ASKED : PHONE_NAMED;
                else if (me && (kinds & ContextWords.ASKING) != 0) found |= PHONE_ASKED;
                else if (number && (kinds & ContextWords.CONTACT) != 0) found |= PHONE_ASKED;
                // "my number is 2778 2949": a person's number, grouped as a phone is, is one
                else if (number && (kinds & ContextWords.POSSESSIVE) != 0) found |= PHONE_NAMED;
                else if ((kinds & ContextWords.ME) != 0) byName = me = true;
                else if ((kinds & ContextWords.NUMBER) != 0) byName = number = true;
                else byName = (kinds & ContextWords.NUMBER_FILLER) != 0;
            }
        }
        return found;
    }

    /** Verbs that ask for a call or message with "me" or "us" after them. */
    private static final String[] ASKING_VERBS = {
        "call", "text", "ring", "reach", "contact", "phone", "sms", "whatsapp", "message", "dial"
    };

    private static final String[] ME_WORDS = {"me", "us"};

    private static final String[] POSSESSIVES = {"my", "your", "our", "his", "her", "their"};

    private static final String[] NUMBER_WORDS = {"number", "no", "nr", "nummer", "número", "numero", "numéro"};

    /** Words that make "number" a phone's: "contact number", "callback number", "my number" is not enough. */
    private static final String[] CONTACT_WORDS = {"contact", "callback", "emergency", "whatsapp", "kontakt"};

    private static final String[] NUMBER_FILLERS = {"is", "at", "on", "to", "was"};

    /** The words {@link #phoneWordsBefore} looks for, each with the lists it is in (a bit per list). */
    private static final class ContextWords {
        static final int PART = 1;
        static final int VERB = 2;
        static final int FILLER = 4;
        static final int ASKING = 8;
        static final int ME = 16;
        static final int POSSESSIVE = 32;
        static final int NUMBER = 64;
        static final int CONTACT = 128;
        static final int NUMBER_FILLER = 256;

        private static final WordTable TABLE = new WordTable();
        private static final int[] KINDS;

        static {
            String[][] lists = {
                PHONE_PARTS,
                PHONE_VERBS,
                PHONE_FILLERS,
                ASKING_VERBS,
                ME_WORDS,
                POSSESSIVES,
                NUMBER_WORDS,
                CONTACT_WORDS,
                NUMBER_FILLERS
            };
            for (String[] list : lists) {
                for (String w : list) TABLE.add(w);
            }
            KINDS = new int[TABLE.size()];
            for (int list = 0; list < lists.length; list++) {
                for (String w : lists[list]) KINDS[TABLE.add(w)] |= 1 << list;
            }
        }

        /** The lists {@code s[start, end)} is in, ignoring case; 0 for any other word. */
        static int kindsOf(String s, int start, int end) {
            int word = TABLE.find(s, start, end);
            return word < 0 ? 0 : KINDS[word];
        }

        private ContextWords() {}
    }

    private static boolean cjkPhoneWord(String s, int start, int end) {
        for (String w : CJK_PHONE_WORDS) {
            for (int at = start; at + w.length() <= end; at++) { // within the word: indexOf would search on past it
                if (s.startsWith(w, at)) return true;
            }
        }
        return false;
    }

    /** 注文 (order), 請求書 (invoice), 番号 (number) at the end of the word before the number. */
    private static boolean cjkOrderWord(String s, int start, int end) {
        String word = s.substring(start, end);
        return word.endsWith("注文") || word.endsWith("請求書") || word.endsWith("伝票");
    }

    /** "card number", and as keys write it: {@code card_number}, {@code credit-card.no}, {@code cc_number}. */
    private static boolean precededByCard(String s, int wordStart) {
        int p = wordStart - 1;
        int stop = Math.max(0, wordStart - 24);
        while (p >= stop && " _-.".indexOf(s.charAt(p)) >= 0) p--;
        int end = p + 1;
        while (p >= stop && Character.isLetter(s.charAt(p))) p--;
        String w = s.substring(p + 1, end).toLowerCase(java.util.Locale.ROOT);
        return w.equals("card")
                || w.equals("cc")
                || w.equals("creditcard")
                || w.equals("karte")
                || w.equals("kreditkarte")
                || w.equals("carte")
                || w.equals("tarjeta")
                || w.equals("cartão")
                || w.equals("carta");
    }
}
