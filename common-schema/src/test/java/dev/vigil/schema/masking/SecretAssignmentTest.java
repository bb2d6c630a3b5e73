package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials written in free text: which spans are found (of any kind), with exact boundaries, and which look-alikes are left alone. */
class SecretAssignmentTest {
    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsValuesAfterKeysThatNameASecretInEveryCommonForm() {
        assertSecrets("POST /login?user=bob&password=hunter2&next=/home", "hunter2");
        assertSecrets("form body: username=alice&pwd=S3cr3t!x&remember=1", "S3cr3t!x");
        assertSecrets("GET /v1/data?api_key=9f86d081884c7d659a2feaa0c55ad015 200", "9f86d081884c7d659a2feaa0c55ad015");
        assertSecrets(
                "{\"AccessKeyId\": \"ASIAXXEXAMPLE\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertSecrets("SPRING_DATASOURCE_PASSWORD=changeit JAVA_OPTS=-Xmx1g", "changeit");
        assertSecrets("spring.datasource.password = tr0ub4dor&3", "tr0ub4dor");
        assertSecrets("config: {'db_pass': 'p@ss w0rd', 'host': 'db'}", "p@ss w0rd");
        assertSecrets("apiKey: AbC123xyz;", "AbC123xyz");
        assertSecrets("x-api-key: 0123456789abcdef", "0123456789abcdef");
        assertSecrets("Authorization: Basic dXNlcjpwYXNzd29yZA== from 10.1.1.1", "dXNlcjpwYXNzd29yZA==", "10.1.1.1");
        assertSecrets("Authorization: Bearer 4iIHrqcPMAxTGbrIpJkqWBnjc4ZGHPHZ", "4iIHrqcPMAxTGbrIpJkqWBnjc4ZGHPHZ");
        assertSecrets("client_secret=\"a\\\"b\" grant_type=client_credentials", "a\\\"b");
        assertSecrets("payload {\\\"password\\\":\\\"s3cr3t\\\"} rejected", "s3cr3t");
        assertSecrets("connecting to postgres://app:Sup3rS3cret@db.internal:5432/app", "Sup3rS3cret");
        assertSecrets(
                "AZURE conn: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk=;EndpointSuffix=core",
                "bXlrZXk=");
        assertSecrets("refresh_token: 1//0gLx-abc_DEF", "1//0gLx-abc_DEF");
        assertSecrets(
                "key loaded: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                "\nMIIEowIBAAKCAQEA\n");
    }

    @Test
    void leavesLookAlikesAlone() {
        assertSecrets("usage: prompt_tokens=512 completion_tokens=128 max_tokens=4096 tokens_in=12");
        assertSecrets("{\"token_type\": \"Bearer\", \"expires_in\": 3600}; token_type: Bearer expires_in: 3600");
        assertSecrets("bypass=true author=jane passport_check=ok");
        assertSecrets("password_file=/run/secrets/db token_ttl=3600 auth_type=oauth2 password_policy=strict");
        // a word that names a secret only last or before a value's word: settings and results otherwise
        assertSecrets("auth_timeout: 30s pin_memory=True SESSION_COOKIE_SECURE=True \"cvc_check\": \"pass\"");
        // a token's lifetime settings, as AWS Cognito's API prints them
        assertSecrets("\"AccessTokenValidity\": 60, \"IdTokenValidity\": 60, \"TemporaryPasswordValidityDays\": 1");
        // tokens that page, lock or make a call idempotent, and settings about tokens
        assertSecrets("\"NextToken\": \"eyJOZXh0VG9rZW4iOiBudWxsfQ==\", \"nextPageToken\": \"AAAAKgAAAAEAAAAA\"");
        assertSecrets("--idempotency-token 91adc45q; \"LockToken\": \"opaquelocktoken:e71d4fae\"; token_config=x1y2z3");
        // before another secret's word, the same words say nothing
        assertSecrets("lock_password=S3cret12 config_password=S3cret34", "S3cret12", "S3cret34");
        assertSecrets("2025-06-24 14:39:13 status installed google-cloud-cli-gke-gcloud-auth-plugin:amd64 528.0.0-0");
        assertSecrets(
                "auth_key=Xk9mP2vLq8 cookie_value=s3ss10nAbc secret_2=Zx81kLmQ pin_code=4821",
                "Xk9mP2vLq8",
                "s3ss10nAbc",
                "Zx81kLmQ",
                "4821");
        assertSecrets("compare a == b; x := 5");
        assertSecrets("open https://example.com:8443/path?q=1");
        assertSecrets("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        assertSecrets("password reset requested for account 42");
        assertSecrets("password=");
        assertSecrets("token_type=Bearer expires_in=3600 scope=openid");
    }

    /**
     * Configuration that says where a secret is, as secret scanners leave it: a variable, a template's expression, a
     * placeholder, a Kubernetes reference. A default written into the variable and a hash that starts with a dollar
     * are values.
     */
    @Test
    void leavesReferencesToSecretsAlone() {
        assertSecrets("spring.datasource.password=${DB_PASSWORD}; PGPASSWORD=$DB_PASS psql -h db");
        assertSecrets("password: \"{{ .Values.db.password }}\" token: '${GITHUB_TOKEN}' secret=%CLIENT_SECRET%");
        assertSecrets("api_key=<your-api-key> password: \"<password>\"");
        assertSecrets("secretKeyRef: name=db-credentials key=password; secretRef: db-creds");
        assertSecrets("password=${DB_PASSWORD:-hunter2}", "${DB_PASSWORD:-hunter2");
        assertSecrets("password=$apr1$x9s7Kd$hB4vTq2Lm8Qz0Nk1Pf5w", "$apr1$x9s7Kd$hB4vTq2Lm8Qz0Nk1Pf5w");
        assertSecrets("password=$Secret123 ok", "$Secret123");
    }

    /** Forms from the tools' own documentation and usage (mysql, curl, the AWS CLI, vendors' key formats), not from this code. */
    @Test
    void findsSecretsAfterASpaceInCommandLinesAndProse() {
        assertSecrets("mysqldump --user=admin --password S3cretPass123 shop", "S3cretPass123");
        assertSecrets(
                "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertSecrets("login failed for user bob with password 'hunter2'", "hunter2");
        assertSecrets("user alice set her password to Summer2026!", "Summer2026!");
        assertSecrets("the passphrase is \"correct horse battery staple\"", "correct horse battery staple");
        assertSecrets("PASSWORD hunter2", "hunter2");
        assertSecrets("HF token hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 loaded", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567");
        assertSecrets("curl -u admin:S3cretPass123 https://api.example.com/v1/items", "S3cretPass123");
        // curl's and HTTPie's user options always hold a password, letters only too (Elasticsearch's docs: changeme)
        assertSecrets("curl -s -u elastic:changeme localhost:9200/_cat/indices", "changeme");
        assertSecrets("curl -u \"admin:S3cret\" https://example.com; curl --user 'bob:hunter' x", "S3cret", "hunter");
        assertSecrets("curl -U proxyuser:proxypass -x http://proxy:3128 https://example.com", "proxypass");
        assertSecrets("curl --proxy-user bob:secretpw https://example.com", "secretpw");
        // a variable's name in a script is no password
        assertSecrets("curl -X PUT -u \"$USER:$PASSWORD\" https://x; curl -u admin:${ADMIN_PASS} https://x");
        assertSecrets("curl -u admin:$ecretPa55 https://x", "$ecretPa55");
        assertSecrets("http -a alice:wonderland pie.dev/basic-auth/alice/wonderland", "wonderland");
        assertSecrets("https --auth alice:wonderland pie.dev/get", "wonderland");
        // an option that names a password takes its value whatever its shape (keytool's manual: changeit)
        assertSecrets("keytool -list -keystore cacerts -storepass changeit", "changeit");
        assertSecrets("Activation key : ZAQWS-XCDER-VBGTR-FRTGU-KLMNX", "ZAQWS-XCDER-VBGTR-FRTGU-KLMNX");
        assertSecrets("access code 7731; gate code: 1234; alarm code 0000 entered", "7731", "1234", "0000");
        assertSecrets("HTTP access code 403; access code expired");
        assertSecrets(
                "Authentication key:AIhq5Xyb1Gga9Q35 product key: 2B7KX-9QH3M", "AIhq5Xyb1Gga9Q35", "2B7KX-9QH3M");
        assertSecrets("mongo --username admin --password secret --authenticationDatabase admin", "secret");
        // an option named by pw, pwd, pass or a lone secret, when its value holds a letter and a digit or symbol
        // (PuTTY's plink and pscp: -pw)
        assertSecrets("plink -ssh -pw Prl23Db#@ root@host; pscp -pw s3cret file root@host:", "Prl23Db#@", "s3cret");
        assertSecrets("deploy --db-pass Hunter2024 --jwt-secret AIhq5Xyb1Gga9Q1", "Hunter2024", "AIhq5Xyb1Gga9Q1");
        assertSecrets("ffmpeg -i in.mp4 -pass 2 out.mp4; gpgsm --export --secret called with keys; app --pwd /etc/pw");
        assertSecrets("openssl enc -pass file:/run/pw -pass env:PASSVAR; tool --pass <phrase> -pass pass:<password>");
        // a secret's name or what it is made of, not its value
        assertSecrets("docker buildx build --secret id=npmrc,src=./.npmrc .; app --tls-secret my-tls-secret");
        // a help text's placeholder: the option's own name in capitals (gcloud's manuals)
        assertSecrets(
                "--password=PASSWORD --md5-authentication-key=MD5_AUTHENTICATION_KEY [--client-secret=CLIENT_SECRET]");
        assertSecrets("PASSWORD=PASSWORD1 --api-key=API_KEYS", "PASSWORD1", "API_KEYS");
        // a synopsis's next option is no value
        assertSecrets("(HCX_ACTIVATION_KEY : --location=LOCATION); password: -Xk9#mP2", "-Xk9#mP2");
        // -P after -U: sqlcmd, bcp, ipmitool (Dell iDRAC's default root/calvin)
        assertSecrets("sqlcmd -S db01 -U sa -P Passw0rd -Q \"select 1\"", "Passw0rd");
        assertSecrets("ipmitool -I lanplus -H bmc01 -U root -P calvin power status", "calvin");
        // net-snmp's passphrases and community
        assertSecrets(
                "snmpwalk -v3 -l authPriv -u snmpuser -a SHA -A authpass123 -x AES -X privpass123 sw01",
                "authpass123",
                "privpass123");
        assertSecrets("snmpget -v2c -c s3cr3tcommunity sw01 sysUpTime.0", "s3cr3tcommunity");
        // Redis's password directives; rabbitmqctl's user commands; what chpasswd reads
        assertSecrets("CONFIG SET requirepass foobared; masterauth replpass", "foobared", "replpass");
        assertSecrets(
                "rabbitmqctl add_user deploy D3ployPw; rabbitmqctl change_password deploy 'N3w D3ploy'",
                "D3ployPw",
                "N3w D3ploy");
        assertSecrets("echo 'bob:Hunter22' | chpasswd; echo bob:letmein | sudo chpasswd", "Hunter22", "letmein");
        // Oracle's JDBC URL with its logon
        assertSecrets("url=jdbc:oracle:thin:scott/tiger@//db.example.com:1521/ORCLPDB1", "tiger");
        assertSecrets("Your password has been changed to: Xk9#mP2$vL", "Xk9#mP2$vL");
        assertSecrets("Temporary password is: qwerty", "qwerty");
    }

    @Test
    void findsVendorKeysWebhooksAndPasswordsInOtherLanguagesAndShapes() {
        assertSecrets(
                "Calling model with key sk-4fA9xQ2mZ7rT1vB8nK3pL6wE0yU5iO2aS4dF7gH9jK1lZ3 failed: 401",
                "sk-4fA9xQ2mZ7rT1vB8nK3pL6wE0yU5iO2aS4dF7gH9jK1lZ3");
        assertSecrets("gitlab runner registered with glpat-AbCdEfGhIjKlMnOpQrSt", "glpat-AbCdEfGhIjKlMnOpQrSt");
        assertSecrets(
                "maps request with AIzaSyA-AbCdEfGhIjKlMnOpQrStUvWxYz012345",
                "AIzaSyA-AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        assertSecrets(
                "SendGrid key SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG",
                "SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG");
        assertSecrets(
                "vault login hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
                "hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWxYz0123456789");
        assertSecrets(
                "slack webhook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed",
                "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
        assertSecrets("connecting to redis://:S3cretPass123@cache:6379/0", "S3cretPass123");
        assertSecrets("<password>S3cretPass123</password>", "S3cretPass123");
        assertSecrets("GET /c/b.txt?sv=2021-06-08&sr=b&sp=r&sig=AbCd0123%2BEf%3D HTTP/1.1", "AbCd0123%2BEf%3D");
        assertSecrets("PGPASSWORD=Tr0ub4dor3 psql -h db.internal -U app", "Tr0ub4dor3");
        assertSecrets("Mot de passe : Azerty123! pour l'utilisateur jean", "Azerty123!");
        assertSecrets("Passwort: Geheim123! für Benutzer hans", "Geheim123!");
        assertSecrets("contraseña=Secreta123 usuario=maria", "Secreta123");
        assertSecrets("パスワード：himitsu123 を設定しました", "himitsu123");
        assertSecrets(
                "ya29.a0AfB_byC1234567890abcdefGHIJKLmnopQRSTuvwxYZ",
                "ya29.a0AfB_byC1234567890abcdefGHIJKLmnopQRSTuvwxYZ");
        assertSecrets("whsec_AbCdEfGhIjKlMnOpQrStUvWxYz012345 rotated", "whsec_AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        assertSecrets("  .dockerconfigjson: eyJhdXRocyI6e30=", "eyJhdXRocyI6e30=");
    }

    /**
     * A two-word name written apart, as people write it in prose ("API key" in vendors' dashboards and support
     * answers), names the secret as the joined forms do; words that describe a key rather than follow it stay.
     */
    @Test
    void findsTheValueAfterATwoWordNameWrittenApart() {
        assertSecrets(
                "using api key 9f8e7d6c5b4a39281706f5e4d3c2b1a0 for partner acme", "9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertSecrets(
                "secret key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY loaded",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertSecrets(
                "heroku api key 01234567-89ab-cdef-0123-456789abcdef revoked", "01234567-89ab-cdef-0123-456789abcdef");
        assertSecrets("the API key is 'abc123XYZ789' here", "abc123XYZ789");
        assertSecrets("signing key: deadbeef1234", "deadbeef1234");
        assertSecrets("Secret Key = Zx8vQ2pL9mN4", "Zx8vQ2pL9mN4");
        assertSecrets("api key rotation failed; private key loaded from disk; api key v2 deprecated");
        assertSecrets("primary key: 5 violated; foreign key 1234567 missing; encryption key id 42 not found");
    }

    /** AWS's own example key pair (its documentation's), as logs and credential CSVs write the two side by side. */
    @Test
    void findsAnAwsSecretKeyWrittenRightAfterItsKeyId() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertSecrets("Using credentials AKIAIOSFODNN7EXAMPLE / " + secret, "AKIAIOSFODNN7EXAMPLE", secret);
        assertSecrets("AKIAIOSFODNN7EXAMPLE:" + secret + " loaded", "AKIAIOSFODNN7EXAMPLE", secret);
        assertSecrets("deploy,AKIAIOSFODNN7EXAMPLE," + secret, "AKIAIOSFODNN7EXAMPLE", secret);
        // not its secret: too far, another length, one case only
        assertSecrets("AKIAIOSFODNN7EXAMPLE used by " + secret, "AKIAIOSFODNN7EXAMPLE");
        assertSecrets("AKIAIOSFODNN7EXAMPLE /app/releases/2026/12/06/build/output/x.log", "AKIAIOSFODNN7EXAMPLE");
        assertSecrets("AKIAIOSFODNN7EXAMPLE 0123456789012345678901234567890123456789", "AKIAIOSFODNN7EXAMPLE");
    }

    /** {@code vault kv get} and {@code vault token lookup} print a key column and a value column. */
    @Test
    void findsAPasswordInATablesValueColumnButNotATokensSettings() {
        assertSecrets("password    hunter", "hunter");
        assertSecrets("password\thunter", "hunter");
        assertSecrets("token                hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWx", "hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWx");
        assertSecrets("token_duration       768h0m0s");
        assertSecrets("token_renewable      true");
        assertSecrets("token_policies       [\"default\" \"root\"]");
        assertSecrets("password    n/a");
    }

    /**
     * Keys by the prefixes their vendors document (GitLab's token prefixes, Slack's, Square's, Doppler's, Twilio's and
     * the AI providers' API references; gitleaks' rules for the rest), each with a made-up body of its documented length
     * and alphabet, in a sentence that does not name it.
     */
    @Test
    void findsKeysByTheirVendorsDocumentedPrefixes() {
        String[] keys = {
            "lin_api_" + mixed(40),
            "sq0atp-" + mixed(22),
            "sq0csp-" + mixed(43),
            "AGE-SECRET-KEY-1" + "QYZ8F6JX2GQ7H5K3L9M4N2P8R6S3T7V9W2X4Y6Z8A0C2E4G6J8L0N2P4R6",
            "LTAI5t" + mixed(18),
            "AKID" + mixed(32),
            "amzn.mws.4ea38b7b-f563-7709-4bae-87aea15c3e2b",
            "SK" + hex(32),
            "dckr_pat_" + mixed(27),
            "glsa_" + mixed(32) + "_" + hex(8),
            "gldt-" + mixed(20),
            "glptt-" + hex(40),
            "GR1348941" + mixed(20),
            "xoxe.xoxp-1-" + mixed(40),
            "gsk_" + mixed(52),
            "r8_" + mixed(37),
            "pplx-" + mixed(48),
            "xai-" + mixed(80),
            "nvapi-" + mixed(64),
            "lsv2_pt_" + hex(32) + "_" + hex(10),
            "pcsk_" + mixed(60),
            "sk-" + hex(32), // DeepSeek: lower-case hex only
            "sk-or-v1-" + hex(64), // OpenRouter
            "dapi" + hex(32),
            "dapi" + hex(32) + "-2",
            "pul-" + hex(40),
            "dp.st.prd." + mixed(40),
            "PMAK-" + hex(24) + "-" + hex(34),
            "GOCSPX-" + mixed(28),
            "NRAK-" + mixed(27).toUpperCase(java.util.Locale.ROOT),
            "tskey-auth-" + mixed(30),
            "sntrys_" + mixed(60),
            "ATATT3xFfGF0" + mixed(60),
            "ATATT3xFfGF0" + mixed(180) + "=" + hex(8).toUpperCase(java.util.Locale.ROOT), // with its checksum
            "key-" + mixed(32).toLowerCase(java.util.Locale.ROOT), // Mailgun
            "APA91b" + mixed(134), // Firebase Cloud Messaging
            mixed(14).toLowerCase(java.util.Locale.ROOT) + ".atlasv1." + mixed(67), // HCP Terraform
            "MTA1MjM0NTY3ODkwMTIzNDU2Nw." + mixed(6) + "." + mixed(38), // Discord bot
            hex(32) + "-us21" // Mailchimp
        };
        for (String key : keys) assertSecrets("deploy step 4 used " + key + " for the upload", key);
        // Telegram's bot token after the bot's ID, in the Bot API's URL too
        String telegram = "AAH" + mixed(32);
        assertSecrets("GET https://api.telegram.org/bot123456789:" + telegram + "/sendMessage", telegram);
    }

    @Test
    void leavesWordsThatOnlyStartLikeAVendorsKeyAlone() {
        assertSecrets("module sk-learn-pipeline-experimental-feature-flags loaded");
        assertSecrets("config secret_key_base_for_the_rails_application_in_production set");
        assertSecrets("merged pul-request-into-the-main-branch-yesterday-and-today-again");
        assertSecrets("SKU0123456789GHIJKLMNOPQRSTUVWXYZAB out of stock; LTAIWANESEHOLIDAYCALENDAR loaded");
        assertSecrets("dapibus-ornare-vestibulum-lorem-ipsum-sit-amet-consectetur");
        assertSecrets("logger sl.cache.warmup.region-eu-west-1.shard-0001 started");
        assertSecrets("dapi-gateway-service-v2-production-eu-west-1 deployed");
        assertSecrets("pul-request-template-for-the-infrastructure-repository-v2 opened");
        assertSecrets("gsk_model-serving-v2-canary-eu-west-1-blue-green-rollout-2024 done");
        assertSecrets("key-value store key-rotation-policy-2024 key-0123456789abcdef; time 12:AA" + "b".repeat(33));
        assertSecrets("com.example.MyServiceImplementationWithAVeryLongName.method.call.again.and.again.x");
    }

    /** The owner named between a secret's name and its value, as people write it in prose and tools print it. */
    @Test
    void findsThePasswordForANamedUser() {
        assertSecrets("the password for admin is hunter2 now", "hunter2");
        assertSecrets("password for db user app: Tr0ub4dor3", "Tr0ub4dor3");
        assertSecrets("Password for user 'admin'@'localhost' is 'S3cret!'", "S3cret!");
        assertSecrets("secret key for prod is Zx8vQ2pL9mN4kR7sT1uW3y", "Zx8vQ2pL9mN4kR7sT1uW3y");
        assertSecrets("password for admin is incorrect; password reset for admin succeeded");
        assertSecrets("token for user 42 is expired; password for the new account was changed");
        assertSecrets("password for a user that has a very long name in this sentence is Tr0ub4dor3");
    }

    /** The word for password written in two words or with an Indic script's vowel marks, and "is" in other languages. */
    @Test
    void findsPasswordsNamedInMoreLanguages() {
        assertSecrets("mật khẩu: BiMat1234 cho người dùng an", "BiMat1234");
        assertSecrets("kata sandi: Rahasia123 untuk pengguna budi", "Rahasia123");
        assertSecrets("كلمة المرور: Sirr12345", "Sirr12345");
        assertSecrets("पासवर्ड: Gupt12345 सेट किया गया", "Gupt12345");
        assertSecrets("Das Passwort ist Geheim123 für hans", "Geheim123");
        assertSecrets("a senha é Segredo123 para maria", "Segredo123");
        assertSecrets("le mot de passe est Secret123 pour jean", "Secret123");
        assertSecrets("heslo je Tajne1234 pro uživatele", "Tajne1234");
        assertSecrets("das Passwort lautet Geheim123", "Geheim123");
        assertSecrets("mật khẩu là Hanoi2024; parola este Bucuresti2024", "Hanoi2024", "Bucuresti2024");
        assertSecrets("lösenordet är Stockholm2024, şifreniz: Sifre2024x", "Stockholm2024", "Sifre2024x");
        assertSecrets("パスワードは Tokyo2024 です", "Tokyo2024");
        assertSecrets("密码是 Beijing2024，密码为 Shenzhen2024", "Beijing2024", "Shenzhen2024");
        assertSecrets("비밀번호는 Seoul2024 입니다", "Seoul2024");
        // Korean's short form and loanword, Chinese routers' word
        assertSecrets(
                "비번:Prl23Db#@ 패스워드: Busan2024 암호: Incheon24 口令: Gz2024pw",
                "Prl23Db#@",
                "Busan2024",
                "Incheon24",
                "Gz2024pw");
        assertSecrets("암호화 완료; 비번 변경");
        // Korean writes words apart: the value after the word and a space
        assertSecrets(
                "사용자 비밀번호 hunter22 로 설정; 비번 Busan2024! 토큰 AIhq5Xyb1Gga9Q28",
                "hunter22",
                "Busan2024!",
                "AIhq5Xyb1Gga9Q28");
        assertSecrets("비번 변경 완료; 비밀번호 abc");
        assertSecrets("Das Passwort ist abgelaufen; a senha é obrigatória; kata sandi salah");
        assertSecrets("パスワードは 必須です; 密码是 错误的; 用户名是 admin2024");
    }

    /** Oracle logons as its tools take them, LDAP clients' bind password; look-alikes from CI and package managers. */
    @Test
    void findsOracleLogonsAndLdapBindPasswords() {
        assertSecrets("sqlplus app/S3cretPass99@//db.example.com:1521/ORCL", "S3cretPass99");
        assertSecrets("SQL> CONNECT app/S3cretPass99@orcl", "S3cretPass99");
        assertSecrets("expdp system/Manager123@pdb1 directory=dp schemas=shop", "Manager123");
        assertSecrets("ldap bind dn=cn=admin,dc=example,dc=org bindpw=S3cretPass99", "S3cretPass99");
        assertSecrets("DB_PW=S3cretPass99 ./run", "S3cretPass99");
        assertSecrets(
                "Ocp-Apim-Subscription-Key: 7f3a9c2e5b1d8f4a6c0e2b9d7f5a3c1e", "7f3a9c2e5b1d8f4a6c0e2b9d7f5a3c1e");
        assertSecrets("GET /x?license_key=ABCD-1234-EFGH-5678&hapikey=7f3a9c2e", "ABCD-1234-EFGH-5678", "7f3a9c2e");
        assertSecrets("uses: actions/checkout@v4; git reflog refs/heads@{1}; npm i lodash/fp@4 @scope/pkg@1.2.3");
        assertSecrets("pw_len=12 pw_policy=strict");
    }

    /**
     * Secrets as objects and command lines are dumped: name/value pairs, PHP's print_r, a subscript assigned, Go's MySQL
     * DSN, argv lists.
     */
    @Test
    void findsSecretsInDumpedObjectsAndArgumentLists() {
        assertSecrets("env: [{name: DB_PASSWORD, value: S3cretPass99}, {name: DB_HOST, value: db}]", "S3cretPass99");
        assertSecrets( // an ECS task definition
                "{\"name\": \"DB_PASSWORD\", \"value\": \"S3cretPass99\"}, {\"name\": \"PORT\", \"value\": \"8080\"}",
                "S3cretPass99");
        assertSecrets("- name: API_TOKEN\n  value: \"Zx8vQ2pL9mN4kR7sT1uW3yB5\"", "Zx8vQ2pL9mN4kR7sT1uW3yB5");
        assertSecrets("ParameterKey=DbPassword,ParameterValue=S3cretPass99", "S3cretPass99");
        assertSecrets( // .NET's appSettings
                "<add key=\"ApiSecret\" value=\"Zx8vQ2pL9mN4kR7s\"/><add key=\"Timeout\" value=\"30\"/>",
                "Zx8vQ2pL9mN4kR7s");
        assertSecrets("Array ( [user] => bob [password] => S3cretPass99 )", "S3cretPass99");
        // a subscript assigned, as code and REPL transcripts show it (Python, Ruby, PHP, JavaScript)
        assertSecrets("os.environ[\"API_TOKEN\"] = \"tok_live_8f7e6d5c4b3a2910\"", "tok_live_8f7e6d5c4b3a2910");
        assertSecrets(
                "config['password'] = 'Subscr1ptPw'; ENV['DB_PASSWORD'] = \"RubyEnvPw2024\"",
                "Subscr1ptPw",
                "RubyEnvPw2024");
        assertSecrets("if x[\"password\"] == y: pass; data[\"user\"] = \"alice\"; arr[0] = 5");
        assertSecrets("DSN app:S3cretPass99@tcp(db:3306)/shop?parseTime=true", "S3cretPass99");
        assertSecrets(
                "POST https://contoso.webhook.office.com/webhookb2/1a2b3c4d-0000@5e6f/IncomingWebhook/9f8e7d6c/0a1b returned 200",
                "1a2b3c4d-0000@5e6f/IncomingWebhook/9f8e7d6c/0a1b");
        assertSecrets("zap https://hooks.zapier.com/hooks/catch/123456/abcdef/ ok", "123456/abcdef/");
        assertSecrets("GET https://contoso.webhook.office.com/status and https://outlook.office.com/mail/inbox");
        assertSecrets("args: [\"--db-password\", \"S3cretPass99\", \"--verbose\", \"yes\"]", "S3cretPass99");
        assertSecrets("Popen(['mysqldump', '--password', 'S3cretPass99', 'shop'])", "S3cretPass99");
        assertSecrets(
                "{\"name\": \"DB_PASSWORD_FILE\", \"value\": \"/run/secrets/db\"}; {name: password_policy, value: strict}");
        assertSecrets("['--password-file', '/run/secrets/db']; Array ( [user] => bob )");
    }

    /** A card's security code, a PIN, one-time codes, and the secrets named with a second word. */
    @Test
    void findsCardCodesPinsOneTimeCodesAndTwoWordSecrets() {
        assertSecrets("cvv=123 cvc: 456 card_cvv2=789 security_code=012", "123", "456", "789", "012");
        assertSecrets("PIN: 4821; otp=482913; verification code: 731904", "4821", "482913", "731904");
        assertSecrets(
                "client secret Zx8vQ2pL9mN4kR7s for app; shared secret Wq9zPl2xK8vB",
                "Zx8vQ2pL9mN4kR7s",
                "Wq9zPl2xK8vB");
        assertSecrets("error code: 500 status_code=200 exit code 1 pin_count=3 pinned=true spin=4");
        assertSecrets("the secret \"db-creds\" not found; client secret expired");
    }

    /** Names of other things too (pwd, pass, a lone secret, cookie) name a secret's value after a linking word. */
    @Test
    void findsTheValueAfterALinkingWordOfNamesThatAreNotPlain() {
        assertSecrets("login failed for bob, pwd was Summer2024!", "Summer2024!");
        assertSecrets(
                "the secret is Zx8vQ2pL9mN4kR7s; cookie was set to 8f14e45fceea", "Zx8vQ2pL9mN4kR7s", "8f14e45fceea");
        assertSecrets("pwd /srv/app; pass 2 of 3; secret \"db-creds\" not found; auth service v2 started");
        assertSecrets("pwd is /srv/app; the secret is not found; auth is required; pass was 2");
    }

    /** Passwords in SQL statements as database logs record them (MySQL, MariaDB, Oracle, PostgreSQL, SQL Server). */
    @Test
    void findsPasswordsInSqlStatements() {
        assertSecrets("ALTER USER 'app'@'%' IDENTIFIED BY 'S3cretPass99';", "S3cretPass99");
        assertSecrets("alter user app identified by 'S3cretPass99'", "S3cretPass99");
        assertSecrets("ALTER USER app IDENTIFIED BY S3cretPass99;", "S3cretPass99");
        assertSecrets(
                "CREATE USER 'app'@'%' IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29';",
                "*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29");
        assertSecrets("SET PASSWORD FOR 'app'@'%' = 'S3cretPass99'", "S3cretPass99");
        assertSecrets(
                "CREATE USER app WITH PASSWORD 'S3cretPass99'; CREATE LOGIN x WITH PASSWORD = 'Pw9xYz77'",
                "S3cretPass99",
                "Pw9xYz77");
        assertSecrets("sorted by name; identified by the scanner as spam; grouped by region");
    }

    /** Generated passwords as the tools print them at first start, far from the colon before the value. */
    @Test
    void findsAGeneratedPasswordAfterAColonLaterInThePhrase() {
        assertSecrets( // Jenkins
                "Please use the following password to proceed to installation: 3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e",
                "3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e");
        assertSecrets( // MySQL
                "[Note] [MY-010454] [Server] A temporary password is generated for root@localhost: Xk9#mP2$vLq1",
                "Xk9#mP2$vLq1");
        assertSecrets( // Elasticsearch
                "The generated password for the elastic built-in superuser is : N7QFjA2xZp9Lk4Rw", "N7QFjA2xZp9Lk4Rw");
        assertSecrets("password expired for user: JohnSmith42; token refresh failed for request: req-8f3a2b1c");
        assertSecrets("token expired for session: 8e557245-73e2-4286-969a-ff57fe326336");
        assertSecrets("password changed. Next step: Xk9mP2vLq1 is the build");
    }

    @Test
    void findsThePasswordOptionOfACommandLineNotAPort() {
        assertSecrets("docker login -u deploy -p S3cretPass99 registry.example.com", "S3cretPass99");
        assertSecrets("mysql -u root -pS3cret#99 shop", "S3cret#99");
        assertSecrets("mongo --username admin -p 'S3cret Pass' admin", "S3cret Pass");
        assertSecrets("redis-cli -h cache -a S3cretPass99 ping", "S3cretPass99");
        assertSecrets("docker run -u 1000 -p 8080:80 nginx; ssh -p 2222 deploy; psql -U app -p 5432");
        assertSecrets("find /srv -user root -print; tar -a -cf x.tgz dir; mysql -u root -p");
        assertSecrets("mysql: [Warning] Using a password on the command line interface can be insecure.");
        assertSecrets("-p flag is deprecated; use -u user -p to prompt for a password");
    }

    private static final String MIXED = "Zx8vQ2pL9mN4kR7sT1uW3yB5dF6hJ0cE2gI4kM6oQ8sU0wY2aC4eG6iK8mO0qS2uW";
    private static final String HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static String mixed(int length) {
        return MIXED.repeat(length / MIXED.length() + 1).substring(0, length);
    }

    /**
     * A session token (AWS's run to a thousand characters) is masked whole in prose and quoted after a space, not its
     * first 256 characters; OpenID Connect's ID token under its name.
     */
    @Test
    void masksLongTokensWhole() {
        String token = mixed(700);
        assertSecrets("the session token is " + token + " done", token);
        assertSecrets("--token \"" + token + "\" done", token);
        assertSecrets("パスワードは " + token + " です", token);
        assertSecrets("{\"id_token\": \"" + token + "\"}", token);
        assertSecrets("token_id=abc123def456 id_foo=Xk9mP2vLq8");
        // a stray quote's rest of the message is still not taken for a value
        assertSecrets("password \"" + "word ".repeat(60) + "\" done");
    }

    private static String hex(int length) {
        return (HEX + HEX).substring(0, length);
    }

    /**
     * A password of letters alone after its user's name, as tickets and chat write them, where the clause ends after it;
     * what happened to a password, written where its value would be, stays.
     */
    @Test
    void findsAWordPasswordAfterItsUsersName() {
        assertSecrets("login admin password admin; user root password toor", "admin", "toor");
        assertSecrets("Benutzer admin, Passwort geheim", "geheim");
        assertSecrets("connect with user admin and password secret", "secret");
        assertSecrets("user admin password letmein for the staging db", "letmein");
        assertSecrets(
                "user admin password expired; user bob password changed; user admin password will expire in 3 days");
        assertSecrets("usermod: user bob password expiry information changed.; Benutzer admin Passwort falsch");
        assertSecrets("Benutzer admin Passwort geändert");
        assertSecrets("a user name and password. With MFA; If the user or password part of your login contains");
    }

    /**
     * Authorization schemes with parameters rather than a credential (RFC 7616's Digest example, Rails' token
     * authentication), a signature header's list of parameters (Stripe's documentation), Basic's credentials and
     * headers printed as pairs.
     */
    @Test
    void findsTheSecretParametersOfAuthorizationAndSignatureHeaders() {
        assertSecrets(
                "Authorization: Digest username=\"Mufasa\", realm=\"testrealm\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                        + " uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\"",
                "6629fae49393a05397450978507c4ef1");
        assertSecrets("Authorization: Token token=\"abc123def456\", email=\"x\"", "abc123def456");
        assertSecrets(
                "Stripe-Signature: t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
                "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd");
        assertSecrets("Authorization: Basic dGVzdA= next", "dGVzdA=");
        // HTTP Basic's credentials wherever Basic stands before them (nginx's proxy_set_header), not prose
        assertSecrets("proxy_set_header Authorization \"Basic dXNlcjpwYXNzd29yZA==\";", "dXNlcjpwYXNzd29yZA==");
        assertSecrets("basic authentication enabled; Basic plan upgraded; basic QUJDREVGR0g= done");
        // headers printed as name and value side by side: Python's pairs, Node's rawHeaders
        assertSecrets(
                "headers=[(\"authorization\", \"Zx8vQ2pL\"), (\"x-api-key\", \"Zx8vQ2pL9mN4kR7s\")]",
                "Zx8vQ2pL",
                "Zx8vQ2pL9mN4kR7s");
        assertSecrets(
                "rawHeaders: [ 'Host', 'api.example.com', 'X-Api-Key', 'Zx8vQ2pL9mN4kR7s', 'Accept', '*/*' ]",
                "Zx8vQ2pL9mN4kR7s");
        assertSecrets("scryptSync('password', 'salt', 64); valid = ('access_token', 'refresh_token')");
    }

    /** Assignments percent-encoded in a redirect target or a form's value, as access logs keep them. */
    @Test
    void findsPercentEncodedAssignments() {
        assertSecrets("GET /cb?redirect=%2Fhome%3Ftoken%3Dabc123def456ghi789 HTTP/1.1", "abc123def456ghi789");
        assertSecrets("url=https%3A%2F%2Fapi.example.com%2Fv1%3Fapi_key%3DAbC123dEf456%26x%3D1", "AbC123dEf456");
        assertSecrets("data=%7B%22password%22%3A%22S3cretPw%22%7D", "S3cretPw");
        assertSecrets("next=%2Fsearch%3Fq%3Dpassword%26page%3D2; a%3D1%26token_ttl%3D3600");
    }

    /** Linux-PAM's module prefix, MySQL's "using password: YES" and the shell's PWD say nothing secret. */
    @Test
    void leavesPamServicesAndMySqlsPasswordFlagAlone() {
        assertSecrets("passwd[123]: pam_unix(passwd:chauthtok): password changed for bob");
        assertSecrets("env: HOME=/root PWD=/var/lib/app SHELL=/bin/bash"); // the shell's working directory
        assertSecrets("Access denied for user 'root'@'localhost' (using password: YES)");
        assertSecrets("Access denied for user 'app'@'db' (using password: NO)");
    }

    /** Kubernetes events, CLI usage and prose that name a secret without holding one. */
    @Test
    void leavesWordsAboutSecretsAlone() {
        assertSecrets("MountVolume.SetUp failed for volume \"tls\" : secret \"app-tls-2024\" not found");
        assertSecrets("Error: couldn't find key password in Secret default/db-credentials2");
        assertSecrets("password expired for user bob42; password is too short (minimum 12 characters)");
        assertSecrets("token expired; token bucket refilled with 500 tokens; page token CAEQAA returned");
        assertSecrets("auth service v2 started; pass 2 of 3 completed in 400ms");
        assertSecrets("docker run -u 1000:1000 -p 8080:80 nginx:1.25; chown -u root:wheel; sudo -u postgres psql");
        assertSecrets("docker run -u app:app nginx; the http -a flag; ls -a foo:bar; GET http://x -a b:c");
        assertSecrets("docker login --password-stdin; --password-file /run/secrets/pw; --secret-name app-tls");
        assertSecrets("psql -h db -U postgres -P pager=off; jdbc:oracle:thin:@dbhost:1521:ORCL");
        assertSecrets("restarting snmpd: /bin/sh -c 'service snmpd restart'; snmpd -c /etc/snmp/snmpd.conf");
        assertSecrets("# requirepass is commented out; --password is required; rabbitmqctl list_users");
        // help texts: what follows an option's name is prose there; a class named after an ID token
        assertSecrets("the --username and --password options can't be used; use --password instead of --token");
        assertSecrets("* Expiry in compute_engine.IDTokenCredentials (#447) fixed");
        assertSecrets("rabbitmqctl add_user deploy --pre-hashed-password; cat users.txt | chpasswd; chpasswd: updated");
        assertSecrets("skill sk-learn-pipeline-v2-extended loaded; task sk-1 done");
        assertSecrets("docker login --password-stdin < /dev/null; use --token-file /var/run/token");
        assertSecrets("<tokenCount>512</tokenCount><passwordPolicy>strict</passwordPolicy>");
        assertSecrets("Adding job token for job_1445144423722_0020 to jobTokenSecretManager");
        assertSecrets("the password isn't set; password 'x");
        assertSecrets("password reset email sent to: bob; token length is: 32; login is: ok");
    }

    /**
     * The word for password with letters beyond ASCII, before a value after a space (the scan's words are ASCII runs, so
     * "contraseña" reached the check as "a", and "пароль" not at all), and "for" in those languages before whose password
     * it is.
     */
    @Test
    void findsPasswordsNamedWithLettersBeyondAsciiAndForWhom() {
        assertSecrets("la contraseña es Hunter2024", "Hunter2024");
        assertSecrets("La contraseña de admin es Secreto123", "Secreto123");
        assertSecrets("hasło to Tajne12345", "Tajne12345");
        assertSecrets("lösenord är Hemligt123", "Hemligt123");
        assertSecrets("das Passwort für admin ist Sommer2024x", "Sommer2024x");
        assertSecrets("a senha do usuário admin é Senha12345", "Senha12345");
        assertSecrets("le mot de passe du compte admin est Motdepasse1", "Motdepasse1");
        assertSecrets("contraseña de 8 caracteres es obligatoria");
        assertSecrets("la contraseña es incorrecta");
        // a word wholly beyond ASCII, which no token of the scan starts
        assertSecrets("пароль Qwerty2024", "Qwerty2024");
        assertSecrets("мой пароль Qwerty2024 не работает", "Qwerty2024");
        // whose password it is, with "от" or "для" and one word, the value without a linking word
        assertSecrets("пароль от почты Qwerty2024; пароль для входа: Adm1n2024", "Qwerty2024", "Adm1n2024");
        assertSecrets("пароль от почты изменён; логин от почты admin2024");
        // Finnish links with "on", after its own word only
        assertSecrets("salasana on Kesa2024! ja Salasanasi on Talvi2025", "Kesa2024!", "Talvi2025");
        // the rest of the EU's languages, their neighbours', Hebrew and Thai
        assertSecrets(
                "Parolă: Secret123; lozinka: tajna123; geslo: skrivnost123; slaptažodis: slaptas123",
                "Secret123",
                "tajna123",
                "skrivnost123",
                "slaptas123");
        assertSecrets(
                "parool: salajane123; parole: slepena123; contrasenya: secreta123; pasahitza: sekretua123",
                "salajane123",
                "slepena123",
                "secreta123",
                "sekretua123");
        assertSecrets("סיסמה: sod123; รหัสผ่าน: lab123", "sod123", "lab123");
        assertSecrets("Unesite lozinku Tajna1234", "Tajna1234");
        assertSecrets("password on host01.example.com expired; token on worker12ab");
        assertSecrets("Пароль изменен для пользователя admin42");
    }

    /** Every cookie of a Cookie or Set-Cookie header, and servlet, PHP and Django session cookies wherever they stand. */
    @Test
    void findsEveryCookieOfAHeaderAndSessionCookies() {
        assertSecrets(
                "Cookie: theme=dark; sessionid=8f3a2b1c9d0e4f5a6b7c8d9e0f1a2b3c",
                "theme=dark; sessionid=8f3a2b1c9d0e4f5a6b7c8d9e0f1a2b3c");
        assertSecrets(
                "Set-Cookie: JSESSIONID=8F3A2B1C9D0E4F5A6B7C8D9E; Path=/; HttpOnly\nVary: Accept",
                "JSESSIONID=8F3A2B1C9D0E4F5A6B7C8D9E; Path=/; HttpOnly");
        assertSecrets("{\"Cookie\": \"theme=dark; sessionid=abc123def456\"}", "theme=dark; sessionid=abc123def456");
        assertSecrets("GET /shop;jsessionid=8F3A2B1C9D0E4F5A6B7C8D9E HTTP/1.1", "8F3A2B1C9D0E4F5A6B7C8D9E");
        assertSecrets("php: PHPSESSID=el4ukv0kqbvoirg7nkp4dncpk3 expired", "el4ukv0kqbvoirg7nkp4dncpk3");
        assertSecrets("cookie_name=sessionid cookie_age=1209600");
        // not a header's name=value list: only a generated value
        assertSecrets("Cookie: 8f14e45fceea167a5a36dedd4bea2543", "8f14e45fceea167a5a36dedd4bea2543");
        assertSecrets("Cookie: missing; http-cookie: The name of the HTTP cookie whose value is taken as the key");
    }

    /** Laravel's APP_KEY (it encrypts sessions and cookies); Rails' SECRET_KEY_BASE. */
    @Test
    void findsApplicationKeys() {
        assertSecrets(
                "APP_KEY=base64:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=",
                "base64:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=");
        assertSecrets("SECRET_KEY_BASE=8f3a2b1c9d0e4f5a6b7c8d9e0f1a2b3c", "8f3a2b1c9d0e4f5a6b7c8d9e0f1a2b3c");
        assertSecrets("app key rotation done; the app key is invalid");
    }

    /** elasticsearch-reset-password's output, on one line or two; "New value:" elsewhere stays. */
    @Test
    void findsTheNewValueOfAResetPassword() {
        assertSecrets(
                "Password for the [elastic] user successfully reset.\nNew value: 9x+Fq2Lw_Tz8e*Ak4sPm",
                "9x+Fq2Lw_Tz8e*Ak4sPm");
        assertSecrets("Changed password for user [kibana_system]. New value: Xq2Lw_Tz8eAk4s", "Xq2Lw_Tz8eAk4s");
        assertSecrets("config updated. New value: 42; threshold changed. New value: Mode2Fast");
    }

    /** Windows' net user and net use, as Microsoft documents them and as attack logs show them. */
    @Test
    void findsPasswordsOnNetUserAndNetUseCommandLines() {
        assertSecrets("net user admin P@ssw0rd123 /add", "P@ssw0rd123");
        assertSecrets("NET USER svc_sql \"Pa ss 2024\" /ADD /DOMAIN", "Pa ss 2024");
        assertSecrets(
                "cmd.exe /c net user hacker Hack3r! /add && net localgroup administrators hacker /add", "Hack3r!");
        assertSecrets("net use \\\\fileserver\\share Winter2024! /user:CORP\\jdoe", "Winter2024!");
        assertSecrets("net user admin /add; net user admin *; net user");
        assertSecrets("net use Z: \\\\fileserver\\share /persistent:yes");
        assertSecrets("the net user count is 5");
    }

    /** Password options as each tool's manual gives them, and the same options where they hold no password. */
    @Test
    void findsPasswordsWhereEachToolsManualPutsThem() {
        assertSecrets("sshpass -p Secr3tPass ssh deploy@host", "Secr3tPass");
        assertSecrets("mysql -uroot -pS3cretPw db", "S3cretPw");
        assertSecrets("keytool -importkeystore -storepass changeit2024 -keypass Ch4ngeit", "changeit2024", "Ch4ngeit");
        assertSecrets("htpasswd -b /etc/nginx/.htpasswd admin Adm1nPass", "Adm1nPass");
        assertSecrets("htpasswd -nb admin 'Adm1n Pass'", "Adm1n Pass");
        assertSecrets("ssh-keygen -t ed25519 -N 'my passphrase 2024' -f key", "my passphrase 2024");
        assertSecrets("7z a -pArch1vePw archive.7z dir", "Arch1vePw");
        assertSecrets("zip -P Zipp3dPw out.zip file", "Zipp3dPw");
        assertSecrets("ldapsearch -x -D cn=admin,dc=example,dc=org -w Ld4pPass -b dc=example,dc=org", "Ld4pPass");
        assertSecrets("smbclient //server/share -U admin%Smb2024pw", "Smb2024pw");
        assertSecrets("C: AUTH PLAIN AGJvYgBodW50ZXIyMDI0", "AGJvYgBodW50ZXIyMDI0");

        assertSecrets("mysql -uroot -p shop; mysql -u root -p shop");
        assertSecrets("tar -uvf archive.tar -p file.txt; grep -b pattern file; htpasswd -D .htpasswd admin");
        assertSecrets("smbclient -L server -U admin; psql -U app -p 5432 shop; ssh-keygen -P '' -N '' -f key");
        assertSecrets("ldapsearch -x -W -b dc=x; The auth plain text is ok");
        assertSecrets("--- PASS: TestLogin (0.00s)\nPASS: test-suite");
    }

    /**
     * Prose about a password's change ("was reset to", "has been changed to", "is now"), a prose value to its next blank
     * (an '&' inside it is the password's, a sentence's full stop is not), and one-time codes and PINs of digits after
     * their words; error, status and zip codes, counts and lengths stay.
     */
    @Test
    void findsPasswordsInProseAboutTheirChangeAndOneTimeCodes() {
        assertSecrets("password was reset to Welcome123 by helpdesk", "Welcome123");
        assertSecrets("the admin password has been changed to Summer2024!", "Summer2024!");
        assertSecrets("your password is now Autumn2024x.", "Autumn2024x");
        assertSecrets("my password is tr0ub4dor&3, remember it", "tr0ub4dor&3");
        assertSecrets("your verification code is 482913", "482913");
        assertSecrets(
                "OTP is 583920; pin is 4921; login code 123456 expires in 10 minutes", "583920", "4921", "123456");

        assertSecrets("password reset link sent; password has been changed successfully; token was updated to v2");
        assertSecrets("error code 500123; status code is 2004; zip code is 94043; the code is 12345678 for order");
        assertSecrets("pin count 12345; otp length 6; OTP 583920 sent to user 42", "583920");
        assertSecrets("Your one-time code is 731904. Passcode 20481 accepted", "731904", "20481");
        assertSecrets("PIN 1234 entered; verification code 48291734 expires in 10 minutes", "1234", "48291734");
        assertSecrets("OTP 12 attempts; pin 123; passcode 123456789; TOTP 2024-11-28; one time code 42");
    }

    /**
     * The password of FTP's and POP3's {@code PASS} and IMAP's {@code LOGIN} as a client sends it and transcripts (curl
     * -v, mail clients' protocol logs) write it; test runners' PASS lines and prose with the same words are not.
     */
    @Test
    void findsPasswordsOfMailAndFileTransferProtocolCommands() {
        assertSecrets("> PASS Ftp2024pw", "Ftp2024pw");
        assertSecrets("C: PASS pop3secret", "pop3secret");
        assertSecrets("PASS hunter2", "hunter2");
        assertSecrets("a001 LOGIN alice Imap2024pw", "Imap2024pw");
        assertSecrets("C: A1 LOGIN \"alice\" \"pass word 2024\"", "pass word 2024");

        assertSecrets("PASS src/app.test.js (5.2 s)\n PASS  src/components/App.test.tsx");
        assertSecrets("PASS app.test.js\nPASS test_login.py\nPASS");
        assertSecrets("test result PASS for build 42; USER LOGIN admin succeeded; user LOGIN ok");
    }

    /**
     * Credentials as people write them in tickets and chat: a user and password after a word for logging in, a password
     * named after it, whose password it is in several words, the old and the new one, digits alone after a linking word;
     * a URL, a path, a time, a word without digits and the source of a token stay.
     */
    @Test
    void findsCredentialsWrittenAsPeopleWriteThem() {
        assertSecrets("creds are admin / Adm1nCreds", "Adm1nCreds");
        assertSecrets("login: bob / hunter22, then reload", "hunter22");
        assertSecrets("login with bob:B0bsPassw0rd", "B0bsPassw0rd");
        assertSecrets("Log in with alice:Al1cePass.", "Al1cePass");
        assertSecrets("sign in using carol / C4rolPw99", "C4rolPw99");
        assertSecrets("please use Welcome2024 as your password", "Welcome2024");
        assertSecrets("use 'Xyzzy123!' as the new password.", "Xyzzy123!");
        assertSecrets("the password for the old staging db server is Hunt3r22", "Hunt3r22");
        assertSecrets("password was changed from OldPw11 to NewPw22 yesterday", "OldPw11", "NewPw22");
        assertSecrets("password has been reset from 'Old Pw 1' to 'New Pw 2'", "Old Pw 1", "New Pw 2");
        assertSecrets("Your password is 48291734", "48291734");
        assertSecrets("SET PASSWORD FOR 'bob'@'localhost' = PASSWORD('MyS3tPw');", "MyS3tPw");

        assertSecrets("default login is admin/admin123", "admin123");
        // quoted, the quotes say where the password ends, whatever its shape
        assertSecrets("creds are \"admin\" / \"Adm1n 2024!\" for now", "Adm1n 2024!");
        assertSecrets("login: 'bob':'hunter'", "hunter");
        // a credentials key hides both values of its pair, not the user alone
        assertSecrets("Credentials: deploy / D3pl0yPass", "deploy", "D3pl0yPass");
        assertSecrets("credentials: \"deploy\"/\"D3pl0yPass\", rotated", "deploy", "D3pl0yPass");
        assertSecrets("login with google:oauth; log in at 12:30:45; login page at app/v2024");
        assertSecrets("sign in with google:oauth2callback; login via okta; login with oidc:client42abc");
        assertSecrets("login: https://sso.example.com/login1 and creds from vault:secret/data/app1");
        // Loghub's BGL: a path in parentheses after LOGIN
        assertSecrets("ciod: LOGIN chdir(/p/gb2/glosli/8M_5000K/t800) failed; login as app/releases/v2024");
        assertSecrets("logged in as bob/admin; register node01x as the token issuer; use it as the password");
        assertSecrets("saved config.yaml as the password store; password reset from the admin console");
        assertSecrets("token from cache abc123def; token is 12345678; password for user admin from host db01");
    }

    /**
     * Redis's passwords: {@code AUTH} as redis-cli's prompt and a transcript show it, quoted as MONITOR prints a command,
     * and its {@code requirepass} / {@code masterauth} directives; SMTP's AUTH mechanisms and prose with AUTH stay.
     */
    @Test
    void findsRedisPasswords() {
        assertSecrets("AUTH R3disPassw0rd", "R3disPassw0rd");
        assertSecrets("127.0.0.1:6379> AUTH default Cl1Passw0rd", "127.0.0.1", "Cl1Passw0rd");
        assertSecrets("1700000000.123456 [0 lua] \"AUTH\" \"R3disMon1tor\"", "R3disMon1tor");
        assertSecrets("1700000000.123456 [0 lua] \"auth\" \"default\" \"R3disMon1tor\"", "R3disMon1tor");
        assertSecrets("CONFIG SET requirepass \"N3wRedisPw\"", "N3wRedisPw");
        assertSecrets("masterauth Mast3rAuth", "Mast3rAuth");

        assertSecrets("AUTH failed for user bob");
        assertSecrets("C: AUTH LOGIN\nAUTH ok\n1700000000.123456 [0 lua] \"GET\" \"session:42\"");
    }

    /**
     * Network gear's and Wi-Fi's secrets as their configurations write them (wpa_supplicant's psk, Cisco IOS's password
     * with its type), an account's recovery codes and an authenticator's seed.
     */
    @Test
    void findsNetworkAndRecoverySecrets() {
        assertSecrets("network={ ssid=\"HomeNet\" psk=\"MyWifiPass2024\" }", "MyWifiPass2024");
        assertSecrets("username admin privilege 15 password 0 Cisco12345", "Cisco12345");
        assertSecrets("username ops password 7 0822455D0A16", "0822455D0A16");
        assertSecrets(
                "wifi key: Wifi2024pass; recovery code: ABCD-EFGH-1234-5678", "Wifi2024pass", "ABCD-EFGH-1234-5678");
        assertSecrets("MFA secret: JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP");
        assertSecrets("2FA secret JBSWY3DPEHPK3PXP for alice", "JBSWY3DPEHPK3PXP");
        // SNMP's community, as Cisco IOS, net-snmp's snmpd.conf and prose write it
        assertSecrets(
                "snmp-server community S3cretR0 RO; rocommunity s3cretComm1 localhost; SNMP community string \"n3tw0rk\"",
                "S3cretR0",
                "s3cretComm1",
                "n3tw0rk");
        assertSecrets("community string length exceeded; the community forum user42x posted");
        assertSecrets(
                "authenticator seed: GEZDGNBVGY3TQOJQ; TOTP seed GEZDGNBVGY3TQOJR",
                "GEZDGNBVGY3TQOJQ",
                "GEZDGNBVGY3TQOJR");

        assertSecrets("password 7 attempts left; password 0 days old; network key rotation done");
    }

    /**
     * After the names that count only with a linking word (pass, pw, a lone secret, auth), a value that looks generated
     * counts without one; a class's name, a path, an assignment and a word do not. The defaults people pass around
     * (admin:admin, root/toor) count after a word for logging in.
     */
    @Test
    void findsGeneratedValuesAfterLooserNames() {
        assertSecrets("user admin pass Summer2024 ok", "Summer2024");
        assertSecrets("new pw is Winter2025; vpn pw Hunter2024", "Winter2025", "Hunter2024");
        assertSecrets(
                "AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertSecrets("with credentials admin:admin; default credentials root/toor", "admin", "toor");

        assertSecrets("auth OAuth2Client initialized; secret S3BucketPolicy applied; pass 2 of 3; pw reset");
        assertSecrets("auth HmacSHA256 verified; auth X509Certificate loaded; pass TestUser01 to the handler");
        assertSecrets("in Secret default/db-credentials2; cookie maxAge=3600; secret app-tls-2024 not found");
        assertSecrets("login: ok/done2; login at 12:30:45");
        assertSecrets("security answer: fluffy; secret answer \"Rex\"", "fluffy", "Rex");
        // credentials in the other languages logs are written in, French's space before the colon
        assertSecrets(
                "Zugangsdaten: admin / Geheim123; identifiants : jdupont / Soleil2024", "Geheim123", "Soleil2024");
        assertSecrets("credenciales: admin/Clave2024, mon mdp est Soleil2025", "Clave2024", "Soleil2025");
        assertSecrets("la clave es Secreto2024", "Secreto2024");
        assertSecrets("clave primaria duplicada en la tabla usuarios");
        // after a colon and a blank, '&' is the password's; in a query string it separates the next parameter
        assertSecrets("Your new password: Tr0ub4dor&3", "Tr0ub4dor&3");
        assertSecrets("GET /login?password=abc123&user=bob", "abc123");
        // a pair's key: both values
        assertSecrets("username / password: admin / P@ss123", "admin", "P@ss123");
    }

    /** sudo's -S reads the password that a script echoes into it. */
    /** A name written as one word, as environment variables and configuration keys often are. */
    @Test
    void findsSecretsNamedByOneWordKeys() {
        assertSecrets(
                "DBPASSWORD=Prl23Db rootpassword: hunter22 clientsecret=AIhq5Xyb1Gga9Q4",
                "Prl23Db",
                "hunter22",
                "AIhq5Xyb1Gga9Q4");
        assertSecrets("{\"adminpwd\": \"s3cr3t\", \"keypassphrase\": \"long horse\"}", "s3cr3t", "long horse");

        // sudoers' NOPASSWD, a library, a setting, commands and files named for the password file, a parser's tokens
        assertSecrets("%admin ALL=(ALL) NOPASSWD: ALL; libsecret: unlock; resetpassword=true; maxpwd=3");
        assertSecrets("chpasswd: updated; htpasswd=/etc/nginx/.htpasswd; ERRORTOKEN = 58; lasttoken = token");
        assertSecrets("src/sltoken.c: fixed; dbpassword.c: fixed");
        assertSecrets("--set-secrets=ENV=mysecret:latest");
    }

    /** After {@code key: }, a sentence about the secret is no value: doc comments, help texts, commented-out settings. */
    @Test
    void leavesSentencesAboutASecretAlone() {
        assertSecrets("# password: keep empty; :param token: The access token string.");
        assertSecrets("Enter token : This is a query parameter; password: see below; password: set via env");
        assertSecrets("credential: use the last matching username in the config");

        assertSecrets("password: hunter2 for the admin UI", "hunter2");
        assertSecrets("password: keep", "keep");
        assertSecrets("password=see below", "see");
    }

    @Test
    void findsWhatIsEchoedIntoSudo() {
        assertSecrets("echo 'Summer2024!' | sudo -S apt-get update", "Summer2024!");
        assertSecrets("echo -n \"S3cret pw\" | sudo --stdin -u app id", "S3cret pw");

        assertSecrets("ls | sudo -S tee x; echo hello | grep h | sudo -S true; cat pw.txt | sudo -S true");
        assertSecrets("echo $SUDO_PW | sudo -S true");
    }

    /** What a script pipes into a registry login, PowerShell's plain text made secure, Windows' net use. */
    @Test
    void findsPasswordsScriptsHandToCommands() {
        assertSecrets("echo \"S3cr3tPw\" | docker login --password-stdin -u bob", "S3cr3tPw");
        assertSecrets("echo ghp_x1 | gh auth login --with-token", "ghp_x1");
        assertSecrets("echo $TOKEN | docker login -u bob --password-stdin; cat pw | docker login --password-stdin");
        assertSecrets(
                "(ConvertTo-SecureString \"S3cr3tPw\" -AsPlainText -Force); ConvertTo-SecureString -String 'a b1' -AsPlainText",
                "S3cr3tPw",
                "a b1");
        assertSecrets("ConvertTo-SecureString $plain -AsPlainText; ConvertTo-SecureString \"01000000d08c9ddf\"");
        assertSecrets("net use Z: \\\\fs01\\share /user:CORP\\bob P@ssw0rd1", "P@ssw0rd1");
        assertSecrets("net use Z: \\\\fs01\\share /user:CORP\\bob /persistent:no");
    }

    /**
     * A session cookie's and OAuth's authorization code's value when it looks generated (RFC 6749's example code, Google's
     * form); a numbered session, a UUID, an error's code stay, and Vigil's own session IDs with them.
     */
    @Test
    void findsSessionCookiesAndAuthorizationCodes() {
        assertSecrets("GET /cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz HTTP/1.1", "SplxlOBeZQQYbYS6WxSbIA");
        assertSecrets(
                "redirect /oauth2/callback?state=af0ifj&code=4/0AX4XfWhx8Kz9QmZpL2vR7tY", "4/0AX4XfWhx8Kz9QmZpL2vR7tY");
        assertSecrets(
                "cookie session=eyJ1c2VyIjoiYWxpY2UifQ.ZkXyAb.abc123def456",
                "eyJ1c2VyIjoiYWxpY2UifQ.ZkXyAb.abc123def456");

        assertSecrets("request failed with code=E11000; ?code=404&msg=x; error code=ERR_CONNECTION_RESET");
        assertSecrets(
                "session=42 closed; session: 7c9e6679-7425-40de-944b-e07fc1f90ae7 resumed; session=sess-8f3a2b1c");
    }

    private void assertSecrets(String text, String... secrets) {
        assertThat(ScannedSpans.of(scanner, text)).as(text).containsExactly(secrets);
    }
}
