package dev.doppel.snapshot;

import dev.doppel.core.config.Secret;

/**
 * How to reach an S3-compatible store. Every field is optional: without them the standard AWS
 * chain decides (environment, profile, instance role), and the region falls back to us-east-1
 * when an endpoint is given but no region is found.
 *
 * @param endpoint e.g. {@code https://storage.googleapis.com} or {@code http://minio:9000}; null for AWS
 * @param pathStyle address buckets as {@code endpoint/bucket} instead of {@code bucket.endpoint} (MinIO, S3Mock)
 */
public record S3Settings(String endpoint, String region, String accessKeyId, Secret secretAccessKey, boolean pathStyle) {
    public static final S3Settings DEFAULT = new S3Settings(null, null, null, null, false);
}
