package io.cameltogether.examples.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * POST /transcripts and POST /subtitles, each taking a multipart {@code file} (and an optional {@code language}).
 * The upload is moved to a temp file of our own and sent as a file: it streams from disk, and a retried request can
 * send it again. Failures become problem details in {@link UploadErrors}.
 */
@RestController
public class TranscriptsController {

    private static final MediaType SRT = MediaType.parseMediaType("application/x-subrip;charset=UTF-8");
    private static final MediaType VTT = MediaType.parseMediaType("text/vtt;charset=UTF-8");

    private final ProducerTemplate camel;

    public TranscriptsController(ProducerTemplate camel) {
        this.camel = camel;
    }

    @PostMapping(path = "/transcripts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
                 produces = MediaType.APPLICATION_JSON_VALUE)
    public Transcript transcribe(@RequestParam("file") MultipartFile file,
                                 @RequestParam(required = false) String language) throws IOException {
        return Transcript.of(send(TranscriptionRoutes.TRANSCRIBE, file, language, null, TranscriptionResult.class));
    }

    @PostMapping(path = "/subtitles", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<String> subtitles(@RequestParam("file") MultipartFile file,
                                            @RequestParam(defaultValue = "srt") String format,
                                            @RequestParam(required = false) String language) throws IOException {
        String wanted = format.toLowerCase(Locale.ROOT);
        if (!wanted.equals("srt") && !wanted.equals("vtt")) {
            throw new AudioValidationException("format '" + format + "' is not a subtitle format: use srt or vtt");
        }
        String subtitles = send(TranscriptionRoutes.SUBTITLES, file, language, wanted, String.class);
        return ResponseEntity.ok().contentType(wanted.equals("srt") ? SRT : VTT).body(subtitles);
    }

    private <T> T send(String route, MultipartFile file, String language, String outputFormat, Class<T> type)
            throws IOException {
        if (file.isEmpty()) {
            throw new AudioValidationException("the uploaded file '" + file.getOriginalFilename() + "' is empty");
        }
        Path audio = Files.createTempFile("upload-", ".audio");
        try {
            file.transferTo(audio);
            Map<String, Object> headers = new HashMap<>();
            headers.put(TogetherAudioConstants.FILE_NAME, file.getOriginalFilename());
            if (file.getContentType() != null) {
                headers.put(TogetherAudioConstants.CONTENT_TYPE, file.getContentType());
            }
            if (language != null && !language.isBlank()) {
                headers.put(TogetherAudioConstants.LANGUAGE, language);
            }
            if (outputFormat != null) {
                headers.put(TogetherAudioConstants.OUTPUT_FORMAT, outputFormat);
            }
            return camel.requestBodyAndHeaders(route, audio.toFile(), headers, type);
        } finally {
            Files.deleteIfExists(audio);
        }
    }
}
