package dev.doppel.core.transform;

/** The type of a transformer parameter as written in YAML. */
public enum ParamType {
    STRING, INTEGER, BOOLEAN, LIST, MAP
}
