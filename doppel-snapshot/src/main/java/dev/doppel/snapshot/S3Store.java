package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A prefix in an S3-compatible bucket. An upload is written to a local temporary file and put as
 * one object on commit, so that a reader never sees part of it; the manifest is put last.
 * Checksums are sent only when the service requires them, for S3-compatible services that do
 * not know the newer ones.
 */
final class S3Store implements SnapshotStore {
    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3Store(URI uri, S3Settings settings) {
        this.bucket = uri.getHost();
        if (bucket == null || bucket.isEmpty()) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The S3 URI " + uri + " names no bucket; write s3://bucket/prefix");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        this.prefix = path.isEmpty() ? "" : path + "/";
        this.client = client(settings);
    }

    private static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        builder.region(region(settings));
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Cannot set up the S3 client: " + e.getMessage(), e);
        }
    }

    private static Region region(S3Settings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkException e) {
            return Region.US_EAST_1;
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                    settings.secretAccessKey().value()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public Upload upload(String path) {
        try {
            Path temp = Files.createTempFile("doppel-upload-", ".part");
            OutputStream out = Files.newOutputStream(temp);
            return new Upload() {
                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public void commit() {
                    try {
                        out.close();
                        client.putObject(b -> b.bucket(bucket).key(prefix + path), RequestBody.fromFile(temp));
                    } catch (IOException | SdkException e) {
                        throw failure("write", path, e);
                    } finally {
                        deleteQuietly(temp);
                    }
                }

                @Override
                public void abort() {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // the file is removed below
                    }
                    deleteQuietly(temp);
                }
            };
        } catch (IOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot create a temporary file for an upload: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> open(String path) {
        try {
            return Optional.of(client.getObject(b -> b.bucket(bucket).key(prefix + path)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public Optional<Local> fetch(String path) {
        Optional<InputStream> in = open(path);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            Path temp = Files.createTempFile("doppel-download-", ".part");
            try {
                Files.copy(stream, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temp);
                throw e;
            }
            return Optional.of(new Local() {
                @Override
                public Path file() {
                    return temp;
                }

                @Override
                public void close() {
                    deleteQuietly(temp);
                }
            });
        } catch (IOException | SdkException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public List<Entry> list(String under) {
        List<Entry> entries = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + under).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                entries.add(new Entry(object.key().substring(prefix.length()), object.size()));
            }
        } catch (SdkException e) {
            throw failure("list", under, e);
        }
        return entries;
    }

    @Override
    public void delete(List<String> paths) {
        for (int from = 0; from < paths.size(); from += 1000) {
            List<ObjectIdentifier> batch = paths.subList(from, Math.min(paths.size(), from + 1000)).stream()
                    .map(p -> ObjectIdentifier.builder().key(prefix + p).build()).toList();
            try {
                client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
            } catch (SdkException e) {
                throw failure("delete", paths.get(from), e);
            }
        }
    }

    private DoppelException failure(String action, String path, Exception e) {
        String reason = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + ")"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        boolean refused = e instanceof S3Exception s3 && (s3.statusCode() == 401 || s3.statusCode() == 403);
        boolean unreachable = e instanceof software.amazon.awssdk.core.exception.SdkClientException;
        return new DoppelException(refused || unreachable ? ExitCode.CANNOT_CONNECT : ExitCode.RUN_FAILED, "Cannot " + action + " "
                + uri() + path + ": " + reason + (refused ? ". Check the store's credentials (snapshot.s3 or the AWS"
                + " environment)." : ""), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it eventually
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
