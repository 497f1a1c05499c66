package dev.hubspoke.server;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values to and from the protobuf {@link Struct} the engine's wire carries, for the
 * in-process engine of the archive's training run ({@link StandInMonitor}) and the tests that play
 * the engine.
 */
public final class WireValues {

    /** The engine's marker for an unknown value. */
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    /** The key that marks a special value (secret, output value, resource reference). */
    public static final String SIG = "4dabf18193072939515e22adb298388d";

    private WireValues() {
    }

    public static Struct struct(Map<String, ?> fields) {
        var struct = Struct.newBuilder();
        fields.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    /** A wire value of a string, boolean, number, list, map, null or wire value. */
    public static Value value(Object value) {
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

    /** The Java value of a wire value; special values (secrets, outputs) stay maps. */
    public static Object plain(Value value) {
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

    public static Map<String, Object> plain(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, item) -> map.put(key, plain(item)));
        return map;
    }

    /** The Java value of a wire value with every secret and output value unwrapped. */
    public static Object bare(Value value) {
        return plain(unwrapDeep(value));
    }

    public static Map<String, Object> bare(Struct struct) {
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

    /** The value inside a secret or output value, or the value itself when it is neither. */
    public static Value unwrap(Value value) {
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
