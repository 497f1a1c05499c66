package dev.hubspoke.server;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.Map;

/** Plain Java values to and from the protobuf Struct the wire carries (test helper). */
final class Structs {

    /** The engine's marker for an unknown value. */
    static final String UNKNOWN = WireValues.UNKNOWN;
    static final String SIG = WireValues.SIG;
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    private Structs() {
    }

    static Struct struct(Map<String, ?> fields) {
        return WireValues.struct(fields);
    }

    static Value value(Object value) {
        return WireValues.value(value);
    }

    /** A secret as the engine sends it. */
    static Value secret(Object plain) {
        return value(Map.of(SIG, SECRET_SIG, "value", value(plain)));
    }

    /** The Java value of a wire value; special values (secrets, outputs) stay maps. */
    static Object plain(Value value) {
        return WireValues.plain(value);
    }

    static Map<String, Object> plain(Struct struct) {
        return WireValues.plain(struct);
    }

    /** The Java value of a wire value with every secret and output value unwrapped. */
    static Object bare(Value value) {
        return WireValues.bare(value);
    }

    static Map<String, Object> bare(Struct struct) {
        return WireValues.bare(struct);
    }

    static boolean isSecret(Value value) {
        var fields = value.getStructValue().getFieldsMap();
        var sig = fields.getOrDefault(SIG, Value.getDefaultInstance()).getStringValue();
        return sig.equals(SECRET_SIG)
                || sig.equals(OUTPUT_SIG) && fields.getOrDefault("secret", Value.getDefaultInstance()).getBoolValue();
    }

    /** The value inside a secret or output value, or the value itself when it is neither. */
    static Value unwrap(Value value) {
        return WireValues.unwrap(value);
    }
}
