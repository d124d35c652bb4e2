package io.tessera.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stream Load's reply: Doris's fields, order and layout. */
class StreamLoadReplyTest {
    @Test
    void aSuccessLooksLikeDoris() {
        StreamLoadReply reply = new StreamLoadReply(1003, "l1", StreamLoadReply.SUCCESS, null, "OK",
                new StreamLoadReply.Counts(10, 9, 1, 0, 120), new StreamLoadReply.Times(50, 1, 0, 3, 40, 6),
                "http://127.0.0.1:8040/api/_load_error_log?file=error_log_1003_00");
        assertThat(reply.toJson()).isEqualTo("""
                {
                    "TxnId": 1003,
                    "Label": "l1",
                    "Comment": "",
                    "TwoPhaseCommit": "false",
                    "Status": "Success",
                    "Message": "OK",
                    "NumberTotalRows": 10,
                    "NumberLoadedRows": 9,
                    "NumberFilteredRows": 1,
                    "NumberUnselectedRows": 0,
                    "LoadBytes": 120,
                    "LoadTimeMs": 50,
                    "BeginTxnTimeMs": 1,
                    "StreamLoadPutTimeMs": 0,
                    "ReadDataTimeMs": 3,
                    "WriteDataTimeMs": 40,
                    "CommitAndPublishTimeMs": 6,
                    "ErrorURL": "http://127.0.0.1:8040/api/_load_error_log?file=error_log_1003_00"
                }
                """);
    }

    @Test
    void aUsedLabelNamesTheExistingJobAfterTheStatusAndTextIsEscaped() {
        String json = new StreamLoadReply(-1, "l\"1", StreamLoadReply.LABEL_ALREADY_EXISTS, "FINISHED",
                "line\nbreak\t\u0001", StreamLoadReply.Counts.NONE, StreamLoadReply.Times.NONE, null).toJson();
        assertThat(json).contains("    \"Label\": \"l\\\"1\",\n")
                .contains("    \"Status\": \"Label Already Exists\",\n    \"ExistingJobStatus\": \"FINISHED\",\n"
                        + "    \"Message\": \"line\\nbreak\\t\\u0001\",\n")
                .doesNotContain("ErrorURL").endsWith("    \"CommitAndPublishTimeMs\": 0\n}\n");
        assertThat(StreamLoadReply.failure("x", "no").status()).isEqualTo("Fail");
    }
}
