package io.cameltogether.audio.client;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * Reads a transcript the API answered, whether to a request or in a batch job's output file. An answer whose fields
 * have unexpected types is read leniently (its text and id): the API did the work, and would bill it twice.
 */
public final class TranscriptAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptAnswers.class);

    private TranscriptAnswers() {
    }

    /**
     * The typed result of a verbose_json (or json) answer, or its text and id when its fields are not of the types
     * the API documents.
     *
     * @param describedAs what the answer is for, in the warning about its shape
     * @throws JsonProcessingException when it is not JSON, or holds no text
     */
    public static TranscriptionResult typedOrLenient(String body, String describedAs) throws JsonProcessingException {
        JsonNode tree = Json.MAPPER.readTree(body);
        textOnly(tree); // no text, no transcript
        try {
            return Json.MAPPER.treeToValue(tree, TranscriptionResult.class);
        } catch (MismatchedInputException unexpectedShape) {
            LOG.warn("{}: the answer's fields are not of the types the API documents ({}); only its text and id are "
                    + "read", describedAs, unexpectedShape.getOriginalMessage());
            return textOnly(tree);
        }
    }

    /** An object with a text field, at the least; anything else is not a transcript. */
    public static TranscriptionResult textOnly(JsonNode json) throws JsonProcessingException {
        JsonNode text = json.path("text");
        if (!json.isObject() || !text.isTextual()) {
            throw new JsonMappingException(null, "no text field in " + (json.isMissingNode() ? "an empty body"
                    : "a JSON " + json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        JsonNode id = json.path("id");
        return TranscriptionResult.textOnly(text.asText(), id.isValueNode() ? id.asText() : null);
    }
}
