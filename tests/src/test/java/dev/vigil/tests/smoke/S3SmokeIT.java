package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3SmokeIT {

    @Test
    void putsListsAndReadsBackInTheArchiveBucket() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(LocalStack.s3Endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalStack.s3AccessKey(), LocalStack.s3SecretKey())))
                .build()) {
            String bucket = LocalStack.s3Bucket();
            assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));

            String prefix = "smoke/" + UUID.randomUUID() + "/";
            for (int i = 0; i < 3; i++) {
                String key = prefix + "part-" + i + ".txt";
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("payload " + i));
            }
            List<S3Object> listed =
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
            assertThat(listed)
                    .extracting(S3Object::key)
                    .containsExactly(prefix + "part-0.txt", prefix + "part-1.txt", prefix + "part-2.txt");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "part-1.txt"))
                            .asUtf8String())
                    .isEqualTo("payload 1");
            for (S3Object o : listed) {
                s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
            }
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents())
                    .isEmpty();
        }
    }
}
