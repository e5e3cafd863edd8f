package io.cameltogether.examples.batchjobs;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.jobs.BatchRecordingException;

/**
 * One night's recordings in a bucket, transcribed as one Together batch job. A message to direct:submit lists the
 * recordings under {@code recordings/}; each gets a presigned URL (valid for two days: a job may take 24 hours), and
 * all of them go to the Batch API as one job. When the job ends, each transcript is written back to the bucket under
 * {@code transcripts/}, and each recording without one under {@code failed/} with the reason. The job's id and how many
 * of its recordings were delivered are kept in the state repository bound as jobRepository: stopped and started again,
 * the application delivers the rest of its job and writes no transcript twice. The listing reads at most 1,000 keys
 * (one page of S3's ListObjects); a night with more is refused rather than cut short.
 */
public class BatchJobsRoutes extends RouteBuilder {

    private static final long TWO_DAYS_MS = 48L * 3600 * 1000;
    private static final String LOG = "batch-jobs";

    @Override
    public void configure() {
        String bucket = "aws2-s3://{{s3.bucket}}?{{s3.options}}";

        from("direct:submit").routeId("submit")
                .to(bucket + "&operation=listObjects&prefix=recordings/")
                .validate(PredicateBuilder.isLessThan(simple("${body.size}"), constant(1000)))
                .split(body(), AggregationStrategies.groupedExchange())
                    .setHeader(AWS2S3Constants.KEY, simple("${body.key}"))
                    .setHeader(TogetherAudioConstants.RECORDING_ID,
                            simple("${body.key.replaceFirst('recordings/', '')}"))
                    .setHeader(AWS2S3Constants.DOWNLOAD_LINK_EXPIRATION_TIME, constant(TWO_DAYS_MS))
                    .to(bucket + "&operation=createDownloadLink")
                .end()
                .to("together-audio:batchJob?jobRepository=#jobRepository&diarize=true")
                .log(LoggingLevel.INFO, LOG, "Submitted ${body}: ${header.CamelTogetherAudioBatchJobRecordings} "
                        + "recordings");

        from("together-audio:batchJob?jobRepository=#jobRepository"
                + "&delay={{poll.delay}}&initialDelay=0&bridgeErrorHandler=true").routeId("deliver")
                .onException(BatchRecordingException.class).handled(true)
                    .setHeader(AWS2S3Constants.KEY, simple("failed/${header.CamelTogetherAudioRecordingId}.txt"))
                    .setBody(simple("${exception.message}"))
                    .to(bucket)
                    .log(LoggingLevel.INFO, LOG, "No transcript for ${header.CamelTogetherAudioRecordingId}: ${body}")
                .end()
                .setHeader(AWS2S3Constants.KEY, simple("transcripts/${header.CamelTogetherAudioRecordingId}.txt"))
                .to(bucket)
                .log(LoggingLevel.INFO, LOG, "${header.CamelAwsS3Key}: ${body}");
    }
}
