package io.steadystate.merge.internal;

/** The line-ending convention of one text. */
enum Eol {
    /** No line terminator at all (empty or a single unterminated line): says nothing about the convention. */
    NONE,
    LF,
    CRLF,
    /** Both conventions occur; such text is merged as raw bytes. */
    MIXED
}
