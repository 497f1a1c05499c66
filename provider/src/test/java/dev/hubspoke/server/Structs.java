package dev.hubspoke.server;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values to and from the protobuf Struct the wire carries (test helper). */
final class Structs {

    /** The engine's marker for an unknown value. */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    private Structs() {
    }

    static Struct struct(Map<String, ?> fields) {
        var struct = Struct.newBuilder();
        fields.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Value v) {
            return v;
        }
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof List<?> list) {
            var values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(value(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        if (value instanceof Map<?, ?> map) {
            var struct = Struct.newBuilder();
            map.forEach((key, item) -> struct.putFields(String.valueOf(key), value(item)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        throw new IllegalArgumentException("cannot put a " + value.getClass() + " on the wire");
    }

    /** A secret as the engine sends it. */
    static Value secret(Object plain) {
        return value(Map.of(SIG, SECRET_SIG, "value", value(plain)));
    }

    /** The Java value of a wire value; special values (secrets, outputs) stay maps. */
    static Object plain(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case LIST_VALUE -> {
                var list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(item -> list.add(plain(item)));
                yield list;
            }
            case STRUCT_VALUE -> plain(value.getStructValue());
            default -> throw new IllegalArgumentException("no value");
        };
    }

    static Map<String, Object> plain(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, item) -> map.put(key, plain(item)));
        return map;
    }

    /** The Java value of a wire value with every secret and output value unwrapped. */
    static Object bare(Value value) {
        return plain(unwrapDeep(value));
    }

    static Map<String, Object> bare(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, item) -> map.put(key, bare(item)));
        return map;
    }

    private static Value unwrapDeep(Value value) {
        Value inner = unwrap(value);
        if (inner.hasListValue()) {
            var list = ListValue.newBuilder();
            inner.getListValue().getValuesList().forEach(item -> list.addValues(unwrapDeep(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        if (inner.hasStructValue()) {
            var struct = Struct.newBuilder();
            inner.getStructValue().getFieldsMap().forEach((key, item) -> struct.putFields(key, unwrapDeep(item)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        return inner;
    }

    static boolean isSecret(Value value) {
        var fields = value.getStructValue().getFieldsMap();
        var sig = fields.getOrDefault(SIG, Value.getDefaultInstance()).getStringValue();
        return sig.equals(SECRET_SIG)
                || sig.equals(OUTPUT_SIG) && fields.getOrDefault("secret", Value.getDefaultInstance()).getBoolValue();
    }

    /** The value inside a secret or output value, or the value itself when it is neither. */
    static Value unwrap(Value value) {
        if (!value.hasStructValue()) {
            return value;
        }
        var fields = value.getStructValue().getFieldsMap();
        if (!fields.containsKey(SIG)) {
            return value;
        }
        var inner = fields.get("value");
        return inner == null ? value(UNKNOWN) : unwrap(inner);
    }
}
