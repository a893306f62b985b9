package io.edukit.vmservice.api.ops;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A record's value as text: UTF-8 decoded, each byte that is not part of valid UTF-8 written {@code \xNN}. */
record DeadLetterText(String text, boolean escaped, boolean truncated) {

    /** How much of a value a list shows. */
    static final int LIST_BYTES = 4096;

    static DeadLetterText of(byte[] value) {
        return decode(value, value.length);
    }

    /** The first {@link #LIST_BYTES} bytes at most, cut before a character that would not fit whole. */
    static DeadLetterText truncated(byte[] value) {
        if (value.length <= LIST_BYTES) {
            return of(value);
        }
        int cut = LIST_BYTES;
        for (int back = 0; back < 3 && cut > 0 && (value[cut] & 0xC0) == 0x80; back++) {
            cut--;
        }
        return decode(value, cut);
    }

    private static DeadLetterText decode(byte[] value, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value, 0, length);
        CharBuffer out = CharBuffer.allocate(Math.max(16, length));
        StringBuilder text = new StringBuilder(length);
        boolean escaped = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            text.append(out.flip());
            out.clear();
            if (result.isUnderflow()) {
                decoder.flush(out);
                text.append(out.flip());
                break;
            }
            if (result.isError()) {
                escaped = true;
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02X", in.get() & 0xFF));
                }
            }
        }
        return new DeadLetterText(text.toString(), escaped, length < value.length);
    }
}
