package io.liora.common.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.liora.common.text.StorableText;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string a request body carries, values and map keys, is one PostgreSQL can store: a NUL or a
 * lone surrogate is a 400 naming the field (through the usual unreadable-body problem), never a
 * database error answered 500. Applies to every body read by Quarkus REST's object mapper.
 */
@Singleton
public class StorableStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("liora-storable-strings");
        module.addDeserializer(String.class, new Values());
        module.addKeyDeserializer(String.class, new Keys());
        mapper.registerModule(module);
    }

    /** Thrown for an unstorable string; the problem mapper names the field. */
    public static final class Unstorable extends InvalidFormatException {
        Unstorable(JsonParser parser, String value) {
            super(parser, StorableText.PROBLEM, value, String.class);
        }
    }

    static final class Values extends StdScalarDeserializer<String> {
        Values() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (StorableText.unstorable(value)) {
                throw new Unstorable(parser, value);
            }
            return value;
        }
    }

    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (StorableText.unstorable(key)) {
                throw new Unstorable(context.getParser(), key);
            }
            return key;
        }
    }
}
