package dev.vigil.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Bytes of the Parquet archive a run wrote, against the raw JSON bytes that went in, and which columns hold them. */
final class ArchiveSize {
    long rawJsonBytes;
    long archiveBytes;
    long objects;
    long rows;
    /** Compressed bytes per column over all files, largest first. */
    Map<String, Long> columnBytes = new HashMap<>();

    double ratio() {
        return archiveBytes == 0 ? 0 : (double) rawJsonBytes / archiveBytes;
    }

    static ArchiveSize measure(Stack stack, String keyPrefix, long rawJsonBytes) {
        ArchiveSize a = new ArchiveSize();
        a.rawJsonBytes = rawJsonBytes;
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(stack.s3Endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(stack.s3AccessKey, stack.s3SecretKey)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(stack.s3Bucket)
                            .prefix(keyPrefix)
                            .build())
                    .contents()) {
                // Only committed files: in-progress and pending parts are hidden files (".part-...").
                if (o.key().substring(o.key().lastIndexOf('/') + 1).startsWith(".")) continue;
                a.archiveBytes += o.size();
                a.objects++;
                a.addColumns(s3.getObjectAsBytes(GetObjectRequest.builder()
                                .bucket(stack.s3Bucket)
                                .key(o.key())
                                .build())
                        .asByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        a.columnBytes = a.columnBytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
        return a;
    }

    private void addColumns(byte[] file) throws IOException {
        Path tmp = Files.createTempFile("vigil-bench-archive", ".parquet");
        try {
            Files.write(tmp, file);
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(tmp.toUri()), new org.apache.hadoop.conf.Configuration(false)))) {
                for (BlockMetaData block : r.getFooter().getBlocks()) {
                    rows += block.getRowCount();
                    for (ColumnChunkMetaData c : block.getColumns())
                        columnBytes.merge(c.getPath().toDotString(), c.getTotalSize(), Long::sum);
                }
            }
        } finally {
            Files.delete(tmp);
        }
    }
}
