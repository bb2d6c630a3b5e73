package dev.vigil.bench.e2e;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Bytes of the Parquet archive a run wrote, against the raw JSON bytes that went in. */
final class ArchiveSize {
    long rawJsonBytes;
    long archiveBytes;
    long objects;

    double ratio() {
        return archiveBytes == 0 ? 0 : (double) rawJsonBytes / archiveBytes;
    }

    static ArchiveSize measure(Stack stack, String keyPrefix, long rawJsonBytes) {
        ArchiveSize a = new ArchiveSize();
        a.rawJsonBytes = rawJsonBytes;
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(stack.s3Endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.s3AccessKey, stack.s3SecretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(stack.s3Bucket).prefix(keyPrefix).build()).contents()) {
                // Only committed files: in-progress and pending parts are hidden files (".part-...").
                if (o.key().substring(o.key().lastIndexOf('/') + 1).startsWith(".")) continue;
                a.archiveBytes += o.size();
                a.objects++;
            }
        }
        return a;
    }
}
