package dev.vigil.tests.stack;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The archive as a reader sees it on the local S3 server: committed objects only, Parquet rows read back. */
public final class ArchiveObjects {
    private ArchiveObjects() {}

    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(LocalStack.s3Endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalStack.s3AccessKey(), LocalStack.s3SecretKey())))
                .build();
    }

    public static List<String> keys(String prefix) {
        try (S3Client s3 = client()) {
            List<String> keys = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(
                            b -> b.bucket(LocalStack.s3Bucket()).prefix(prefix))
                    .contents()) keys.add(o.key());
            return keys;
        }
    }

    /** Every archived row under the prefix, read back from the Parquet part files, as "column=value" lines. */
    public static List<String> parquetRows(String prefix) throws IOException {
        List<String> rows = new ArrayList<>();
        try (S3Client s3 = client()) {
            for (String key : keys(prefix)) {
                byte[] file = s3.getObjectAsBytes(
                                b -> b.bucket(LocalStack.s3Bucket()).key(key))
                        .asByteArray();
                rows.addAll(ParquetFiles.rows(file));
            }
        }
        return rows;
    }
}
